#include "chansync/channel/http_exchange.h"

#include <strings.h>

#include <algorithm>
#include <cctype>

#include "chansync/core/error_json.h"

namespace chansync::channel {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

std::optional<std::string_view> HttpRequest::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

HttpAnswer ErrorAnswer(const core::Error& error) {
  core::HttpErrorReply reply = core::ToHttpError(error);
  HttpAnswer answer{reply.status, std::move(reply.body)};
  answer.retry_after = std::move(reply.retry_after);
  return answer;
}

bool IsJsonContentType(std::string_view value) {
  constexpr std::string_view kJson = "application/json";
  value = value.substr(0, value.find(';'));
  auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!value.empty() && blank(value.front())) value.remove_prefix(1);
  while (!value.empty() && blank(value.back())) value.remove_suffix(1);
  return value.size() == kJson.size() &&
         std::equal(value.begin(), value.end(), kJson.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

std::optional<HttpAnswer> RefuseUnlessJson(const HttpRequest& request) {
  const std::string_view type = request.Header("Content-Type");
  if (IsJsonContentType(type)) return std::nullopt;
  return HttpAnswer{415, core::ErrorJson({core::ErrorCode::kInvalidArgument,
                                          "Content-Type must be application/json, got \"" +
                                              std::string(type) + "\""})};
}

}  // namespace chansync::channel
