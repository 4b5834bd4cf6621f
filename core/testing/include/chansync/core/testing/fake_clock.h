#pragma once

#include <atomic>
#include <chrono>

#include "chansync/core/clock.h"

namespace chansync::core::testing {

// A clock that moves only when the test says so. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start = {}) : now_(start) {}

  std::chrono::system_clock::time_point Now() const override { return now_.load(); }
  std::chrono::steady_clock::time_point SteadyNow() const override {
    return std::chrono::steady_clock::time_point(now_.load().time_since_epoch());
  }
  void Advance(std::chrono::nanoseconds by) { now_.store(now_.load() + by); }
  void Set(std::chrono::system_clock::time_point to) { now_.store(to); }

 private:
  std::atomic<std::chrono::system_clock::time_point> now_;
};

}  // namespace chansync::core::testing
