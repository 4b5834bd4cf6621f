#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chansync::channel {

// One complete HTTP request as the ingest routes see it, whatever transport carried it: the
// body is already bounded (HttpIngestOptions::max_body_bytes) and fully read.
struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query string
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
  std::string peer;  // the client's address ("127.0.0.1", "::1"), for logs and limits
  bool tls = false;  // arrived over TLS (with a verified client certificate when one is required)
  std::string body;

  // The first header of that name, compared without case; empty when absent.
  std::string_view Header(std::string_view name) const;
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

}  // namespace chansync::channel
