#pragma once

#include <map>
#include <string>
#include <string_view>

#include "chansync/pms/reservation_book.h"
#include "faults.h"

namespace chansync::pmssim {

struct SimRequest {
  std::string_view method;
  std::string_view path;  // decoded, without the query
  const std::multimap<std::string, std::string>* query = nullptr;
  std::string_view authorization;    // the Authorization header, "" when absent
  std::string_view idempotency_key;  // the Idempotency-Key header, "" when absent
  std::string_view body;
};

struct SimResponse {
  int status = 200;
  std::string body;  // JSON
};

// The simulator's HTTP API (docs/pms-api.md plus /admin/...), independent of the HTTP server.
// Thread-safe.
class SimApi {
 public:
  // `credentials` empty = the Authorization header is not checked.
  SimApi(pms::ReservationBook& book, Faults& faults, std::string credentials)
      : book_(book), faults_(faults), credentials_(std::move(credentials)) {}

  SimResponse Handle(const SimRequest& request);

 private:
  SimResponse HandleV1(const SimRequest& request, std::string_view rest);
  SimResponse HandleProperty(const SimRequest& request, const std::string& property,
                             std::string_view rest);
  SimResponse HandleAdmin(const SimRequest& request, std::string_view rest);
  SimResponse Stats() const;

  pms::ReservationBook& book_;
  Faults& faults_;
  const std::string credentials_;
};

}  // namespace chansync::pmssim
