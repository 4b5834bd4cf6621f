#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::channel {

// One complete HTTP request as the ingest routes see it, whatever transport carried it: the
// body is already bounded (HttpIngestOptions::max_body_bytes) and fully read.
struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query string
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
  // The query string's arguments, percent-decoded, in order ("?day=2026-03-14&state=failed").
  std::vector<std::pair<std::string, std::string>> query;
  std::string peer;  // the client's address ("127.0.0.1", "::1"), for logs and limits
  bool tls = false;  // arrived over TLS (with a verified client certificate when one is required)
  std::string body;

  // The first header of that name, compared without case; empty when absent.
  std::string_view Header(std::string_view name) const;
  // The first query argument of that name (compared exactly); nullopt when absent.
  std::optional<std::string_view> Query(std::string_view name) const;
};

// What the server sends back. Every answer of the ingest API is JSON.
struct HttpAnswer {
  int status = 200;
  std::string body;
  // Set when part of the request was left unread (an oversized body): the connection cannot
  // carry another request.
  bool close_connection = false;
  // The Retry-After header (seconds), when the answer tells the client to come back later.
  std::string retry_after;
};

// Delivers the answer of one request, exactly once, from any thread.
using HttpReply = std::move_only_function<void(HttpAnswer)>;

// An error as an answer: the status of its code's row, the ErrorJson body, Retry-After when the
// error carries a hint (core/error_json.h).
HttpAnswer ErrorAnswer(const core::Error& error);

// Lenient on parameters and case: "Application/JSON; charset=utf-8" is JSON.
bool IsJsonContentType(std::string_view value);
// 415 INVALID_ARGUMENT naming the Content-Type received, unless the request's is JSON.
std::optional<HttpAnswer> RefuseUnlessJson(const HttpRequest& request);

}  // namespace chansync::channel
