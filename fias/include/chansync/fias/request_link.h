#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "chansync/fias/link_protocol.h"
#include "chansync/fias/record.h"

namespace chansync::fias {

// What the link did last, for the relay status an operator reads.
struct LinkStatus {
  bool alive = false;
  // Since when the link is alive, or down (since the start when it never came up).
  std::chrono::system_clock::time_point since;
  int64_t connections = 0;   // connections made since the start
  std::string last_failure;  // why the link last went down or a connection failed
};

// Port: a FIAS link as its users see it — one request at a time and its answer. FiasLink is the
// production implementation; adapters above the link (the postings' FIAS adapter) take this so
// their logic is tested on a scripted twin. Thread-safe.
class RequestLink {
 public:
  virtual ~RequestLink() = default;

  // Sends `request` (PR, PS, DR) and returns its answer (FiasLink::Call).
  virtual Answer Call(const Record& request) = 0;
  // Waits until the link is alive; false when `deadline` comes first or the link is stopped.
  virtual bool WaitAlive(std::chrono::steady_clock::time_point deadline) = 0;
  virtual LinkStatus status() const = 0;
};

}  // namespace chansync::fias
