#pragma once

#include <string_view>

#include "chansync/channel/http_exchange.h"

namespace chansync::channel {

// A set of HTTP routes served on the ingest server's port beside the ingest API (the postings
// routes of connectors/pos, for one). The server hands a route set every request whose path it
// claims; what it answers is its own contract, errors in the ErrorJson form.
class HttpRoutes {
 public:
  virtual ~HttpRoutes() = default;

  // Whether requests to `path` (percent-decoded, without the query) are these routes'. Called on
  // an event thread: it must be quick and must not block.
  virtual bool Serves(std::string_view path) const = 0;
  // Answers one request of a claimed path, on the server's worker threads, so it may wait on a
  // store or a PMS. The body is already bounded and fully read. Must be thread-safe and must not
  // throw.
  virtual HttpAnswer Answer(const HttpRequest& request) const = 0;
};

}  // namespace chansync::channel
