#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/planning/refresh.h"

namespace chansync::planning::testing {

// A Refresher that records every call, can be told to fail or to take time, and notices two
// full refreshes of one property running at once. Thread-safe.
class RecordingRefresher final : public Refresher {
 public:
  using NightsCall = NightsRequest;

  // Calls take their delay (SetDelay) in real time.
  RecordingRefresher() : clock_(system_clock_) {}
  // Calls take their delay on `clock`, which must outlive the refresher: under a FakeClock a
  // delayed call is parked until the test advances the time past it.
  explicit RecordingRefresher(const core::Clock& clock) : clock_(clock) {}

  core::Result<RefreshSummary> RefreshProperty(const core::PropertyId& property,
                                               RefreshKind kind) override;
  // Answers each request in order; a scripted failure (FailNext) is taken per request.
  std::vector<core::Result<RefreshSummary>> RefreshNightsMany(
      const std::vector<NightsRequest>& requests) override;

  // The next `times` refreshes (full ones or requests of a batch) fail with `code`, after their
  // call's delay.
  void FailNext(int times, core::ErrorCode code = core::ErrorCode::kPmsUnavailable);
  // Every call (a whole batch counts one) waits this long on the clock before answering.
  void SetDelay(std::chrono::milliseconds delay);

  int PropertyRefreshes(const core::PropertyId& property) const;  // calls, failed ones included
  int TotalPropertyRefreshes() const;
  std::vector<RefreshKind> Kinds() const;       // of every RefreshProperty call, in call order
  std::vector<NightsCall> NightsCalls() const;  // every request, in call order
  std::vector<std::vector<NightsCall>> NightsBatches() const;  // every RefreshNightsMany call
  int MaxConcurrentRefreshes() const;  // peak of RefreshProperty calls in flight at once
  int Overlaps() const;  // times a RefreshProperty started while one of the same property ran

 private:
  // Counts the call and returns the failure it must answer with, if any.
  std::optional<core::ErrorCode> TakeFailure();
  void Delay(std::chrono::milliseconds delay) const;

  const core::SystemClock system_clock_;
  const core::Clock& clock_;

  mutable std::mutex mutex_;
  std::chrono::milliseconds delay_{0};
  std::deque<core::ErrorCode> failures_;
  std::map<core::PropertyId, int> refreshes_;
  std::map<core::PropertyId, int> running_;
  std::vector<RefreshKind> kinds_;
  std::vector<std::vector<NightsCall>> nights_batches_;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  int overlaps_ = 0;
};

}  // namespace chansync::planning::testing
