#include "chansync/core/testing/fake_clock.h"

#include <algorithm>

namespace chansync::core::testing {

bool FakeClock::WaitUntil(std::chrono::steady_clock::time_point deadline,
                          std::stop_token stop) const {
  Waiter self{.deadline = deadline};
  // Registered before mutex_ is taken: a stop already requested runs this inline.
  std::stop_callback on_stop(stop, [&] {
    std::lock_guard lock(mutex_);
    if (!self.woken) WakeLocked(self, false);
    changed_.notify_all();
  });
  std::unique_lock lock(mutex_);
  if (self.woken) return self.reached;
  if (SteadyNow() >= deadline) return true;
  parked_.push_back(&self);
  changed_.notify_all();
  changed_.wait(lock, [&] { return self.woken; });
  return self.reached;
}

void FakeClock::Advance(std::chrono::nanoseconds by) {
  std::lock_guard lock(mutex_);
  now_.store(now_.load() + by);
  WakeDueLocked();
}

void FakeClock::Set(std::chrono::system_clock::time_point to) {
  std::lock_guard lock(mutex_);
  now_.store(to);
  WakeDueLocked();
}

std::vector<std::chrono::steady_clock::time_point> FakeClock::WaitForWaiters(
    size_t count, std::chrono::milliseconds patience) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, patience, [&] { return parked_.size() >= count; });
  std::vector<std::chrono::steady_clock::time_point> deadlines;
  deadlines.reserve(parked_.size());
  for (const Waiter* waiter : parked_) deadlines.push_back(waiter->deadline);
  std::sort(deadlines.begin(), deadlines.end());
  return deadlines;
}

bool FakeClock::WaitForWaiter(std::chrono::steady_clock::time_point deadline,
                              std::chrono::milliseconds patience) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, patience, [&] {
    return std::ranges::any_of(parked_,
                               [&](const Waiter* waiter) { return waiter->deadline == deadline; });
  });
}

void FakeClock::WakeDueLocked() const {
  const auto now = SteadyNow();
  std::vector<Waiter*> due;
  for (Waiter* waiter : parked_) {
    if (waiter->deadline <= now) due.push_back(waiter);
  }
  for (Waiter* waiter : due) WakeLocked(*waiter, true);
  changed_.notify_all();
}

void FakeClock::WakeLocked(Waiter& waiter, bool reached) const {
  waiter.woken = true;
  waiter.reached = reached;
  std::erase(parked_, &waiter);
}

}  // namespace chansync::core::testing
