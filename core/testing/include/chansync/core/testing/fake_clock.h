#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <vector>

#include "chansync/core/clock.h"

namespace chansync::core::testing {

// A clock that moves only when the test says so. Its steady time is its wall time, so one
// Advance moves both. Threads waiting in WaitUntil wake when Advance or Set reaches their
// deadline, or when their stop is requested; WaitForWaiters tells a test, without sleeping,
// that a loop is parked in a wait and for which deadline. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start = {}) : now_(start) {}

  std::chrono::system_clock::time_point Now() const override { return now_.load(); }
  std::chrono::steady_clock::time_point SteadyNow() const override {
    return std::chrono::steady_clock::time_point(now_.load().time_since_epoch());
  }
  // Parks the caller until the test moves the time to `deadline` or `stop` is requested.
  bool WaitUntil(std::chrono::steady_clock::time_point deadline,
                 std::stop_token stop) const override;

  // Move the time, then wake every waiter whose deadline has come. Those waiters stop counting
  // as waiting before these return, so a following WaitForWaiters sees a loop only once it has
  // parked again.
  void Advance(std::chrono::nanoseconds by);
  void Set(std::chrono::system_clock::time_point to);

  // Blocks until at least `count` threads are parked in WaitUntil, then returns the deadlines of
  // all the parked ones, earliest first. A waiter whose stop was requested stops counting at the
  // request. Gives up after `patience` of real time, so that a loop which never parks fails its
  // test instead of hanging it: then fewer than `count` deadlines come back.
  std::vector<std::chrono::steady_clock::time_point> WaitForWaiters(
      size_t count, std::chrono::milliseconds patience = std::chrono::seconds(10)) const;
  // Blocks until some thread is parked in WaitUntil for exactly `deadline`: a loop that waits
  // for several deadlines in turn is known to have reached that one. False after `patience` of
  // real time without it.
  bool WaitForWaiter(std::chrono::steady_clock::time_point deadline,
                     std::chrono::milliseconds patience = std::chrono::seconds(10)) const;

 private:
  struct Waiter {
    std::chrono::steady_clock::time_point deadline;
    bool woken = false;
    bool reached = false;  // woken by the time rather than by a stop request
  };

  // Wakes the parked waiters whose deadline has come. Callers hold mutex_.
  void WakeDueLocked() const;
  // Takes `waiter` off parked_ and marks it woken. Callers hold mutex_.
  void WakeLocked(Waiter& waiter, bool reached) const;

  std::atomic<std::chrono::system_clock::time_point> now_;
  mutable std::mutex mutex_;
  // Notified when the time moves, a waiter parks or a waiter's stop is requested.
  mutable std::condition_variable changed_;
  mutable std::vector<Waiter*> parked_;
};

}  // namespace chansync::core::testing
