#pragma once

#include <chrono>
#include <stop_token>

namespace chansync::core {

// Time is a port: only SystemClock reads the wall clock, so schedules, offsets and backoff are
// tested with a FakeClock that the test advances.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
  // Monotonic time for durations and deadlines.
  virtual std::chrono::steady_clock::time_point SteadyNow() const = 0;

  // Blocks the calling thread until SteadyNow() reaches `deadline` or `stop` is requested,
  // whichever comes first. True when the deadline was reached; false when stop was requested
  // first, or already at the call. A deadline already past returns true at once (unless stopped).
  // Every loop that waits on time waits here, so a test clock decides when it wakes.
  // Thread-safe; any number of threads may wait at once.
  virtual bool WaitUntil(std::chrono::steady_clock::time_point deadline,
                         std::stop_token stop) const = 0;
  // WaitUntil(SteadyNow() + duration, stop).
  bool WaitFor(std::chrono::steady_clock::duration duration, std::stop_token stop) const {
    return WaitUntil(SteadyNow() + duration, std::move(stop));
  }
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
  std::chrono::steady_clock::time_point SteadyNow() const override {
    return std::chrono::steady_clock::now();
  }
  // Sleeps on a condition variable that a std::stop_callback wakes, so a stop request ends the
  // wait at once. steady_clock::time_point::max() waits for the stop request alone.
  bool WaitUntil(std::chrono::steady_clock::time_point deadline,
                 std::stop_token stop) const override;
};

}  // namespace chansync::core
