#include "chansync/core/stop_signals.h"

#include <pthread.h>

namespace chansync::core {

StopSignals StopSignals::Block() {
  StopSignals signals;
  sigemptyset(&signals.set_);
  sigaddset(&signals.set_, SIGINT);
  sigaddset(&signals.set_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals.set_, nullptr);
  return signals;
}

int StopSignals::Wait() const {
  int received = 0;
  sigwait(&set_, &received);
  return received;
}

}  // namespace chansync::core
