#pragma once

#include <map>
#include <string>
#include <string_view>

namespace chansync::tools {

// A request as a simulator's API sees it, independent of the HTTP server.
struct SimRequest {
  std::string_view method;
  std::string_view path;  // decoded, without the query
  const std::multimap<std::string, std::string>* query = nullptr;
  std::string_view authorization;    // the Authorization header, "" when absent
  std::string_view idempotency_key;  // the Idempotency-Key header, "" when absent
  std::string_view body;

  // The query parameter `name`, nullptr when absent.
  const std::string* Param(const char* name) const;
};

struct SimResponse {
  int status = 200;
  std::string body;  // JSON
};

// Writes {"error": {"code", "message"}} in a simulator's wire format.
using ErrorEncoder = std::string (*)(std::string_view code, std::string_view message);

// The error answers every simulator gives, in its wire format.
class ErrorAnswers {
 public:
  explicit constexpr ErrorAnswers(ErrorEncoder encode) : encode_(encode) {}

  SimResponse Error(int status, std::string_view code, std::string_view message) const {
    return {status, encode_(code, message)};
  }
  // 422 INVALID: the request names something wrong.
  SimResponse Invalid(std::string_view message) const { return Error(422, "INVALID", message); }
  // 404 NOT_FOUND: no such endpoint.
  SimResponse NoRoute() const { return Error(404, "NOT_FOUND", "no such endpoint"); }
  // 405 METHOD_NOT_ALLOWED.
  SimResponse WrongMethod() const {
    return Error(405, "METHOD_NOT_ALLOWED", "method not allowed here");
  }

 private:
  ErrorEncoder encode_;
};

}  // namespace chansync::tools
