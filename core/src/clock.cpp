#include "chansync/core/clock.h"

#include <condition_variable>
#include <mutex>

namespace chansync::core {

bool SystemClock::WaitUntil(std::chrono::steady_clock::time_point deadline,
                            std::stop_token stop) const {
  std::mutex mutex;
  std::condition_variable woken;
  bool stopped = false;
  // Runs inline when stop was requested before the call, otherwise on the requesting thread;
  // its destructor waits for a callback in progress, so the locals outlive it.
  std::stop_callback on_stop(stop, [&] {
    std::lock_guard lock(mutex);
    stopped = true;
    woken.notify_all();
  });
  std::unique_lock lock(mutex);
  if (deadline == std::chrono::steady_clock::time_point::max()) {
    woken.wait(lock, [&] { return stopped; });
    return false;
  }
  return !woken.wait_until(lock, deadline, [&] { return stopped; });
}

}  // namespace chansync::core
