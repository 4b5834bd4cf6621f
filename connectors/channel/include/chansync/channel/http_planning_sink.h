#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "chansync/channel/planning_sink.h"

namespace chansync::channel {

struct HttpPlanningSinkOptions {
  // Cells (product nights) per request at most; a larger push is split (see SplitPlanningPush).
  int64_t max_cells_per_request = 5000;
  std::chrono::milliseconds connect_timeout{1000};
  // Longest wait for each piece of an answer; the push's deadline, when earlier, wins.
  std::chrono::milliseconds read_timeout{5000};
  // Kept-alive connections kept open per scheme://host:port once idle; concurrent pushes to one
  // portal open more, which are closed when they finish.
  int max_idle_connections_per_endpoint = 4;
  // https:// endpoints: the portal's certificate and host name are always verified, against this
  // CA bundle (PEM file) or, when empty, the system's trust store.
  std::string ca_file;
};

// PlanningSink speaking docs/channel-planning-api.md over HTTP/1.1: POSTs the push to the
// channel's planning_endpoint (http:// or https://, verified), split into requests of at most
// max_cells_per_request cells, sent in order over one kept-alive connection. Connections are
// pooled per scheme://host:port and reused by later pushes; a pooled connection the portal
// closed meanwhile is replaced before use. A push is never retried here: after an error the
// caller pushes again later (every request carries full values, so repeating one is harmless).
//
// Push errors, besides those of PlanningSink (messages name the channel and the URL):
//   INVALID_ARGUMENT     empty endpoint, or not "http[s]://host[:port]/path"
//   CHANNEL_UNAVAILABLE  also when an https portal's certificate does not verify (untrusted, or
//                        for another host: "certificate not verified: <reason>"), and when the
//                        deadline passes: a push never runs past it (connect and
//                        every wait for data are cut to the time left)
//   CHANNEL_REJECTED     carries the portal's status, error code and message ("422 INVALID: ...")
// A push with no run sends nothing and returns Ok. Thread-safe: concurrent pushes each use
// their own connection.
class HttpPlanningSink final : public PlanningSink {
 public:
  explicit HttpPlanningSink(HttpPlanningSinkOptions options = {});
  ~HttpPlanningSink() override;
  HttpPlanningSink(const HttpPlanningSink&) = delete;
  HttpPlanningSink& operator=(const HttpPlanningSink&) = delete;

  core::Status Push(const core::Channel& channel, const core::PlanningPush& push,
                    std::optional<std::chrono::steady_clock::time_point> deadline = {}) override;

 private:
  class ConnectionPool;
  const HttpPlanningSinkOptions options_;
  std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace chansync::channel
