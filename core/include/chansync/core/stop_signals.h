#pragma once

#include <signal.h>

namespace chansync::core {

// SIGINT and SIGTERM, blocked in the calling thread and so in every thread it starts afterwards
// (gRPC's and httplib's included), so that one thread takes them with Wait: stopping servers
// from a real signal handler would not be async-signal-safe. Block before starting any thread.
class StopSignals {
 public:
  static StopSignals Block();

  // Waits for one of the signals and returns its number.
  int Wait() const;

 private:
  sigset_t set_;
};

}  // namespace chansync::core
