#include "chansync/planning/testing/recording_refresher.h"

#include <algorithm>

namespace chansync::planning::testing {

std::optional<core::ErrorCode> RecordingRefresher::TakeFailure() {
  if (failures_.empty()) return std::nullopt;
  const core::ErrorCode code = failures_.front();
  failures_.pop_front();
  return code;
}

void RecordingRefresher::Delay(std::chrono::milliseconds delay) const {
  if (delay.count() > 0) clock_.WaitFor(delay, std::stop_token());
}

core::Result<RefreshSummary> RecordingRefresher::RefreshProperty(const core::PropertyId& property,
                                                                 RefreshKind kind) {
  std::chrono::milliseconds delay;
  std::optional<core::ErrorCode> failure;
  {
    std::lock_guard lock(mutex_);
    ++refreshes_[property];
    kinds_.push_back(kind);
    if (running_[property]++ > 0) ++overlaps_;
    max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
    delay = delay_;
    failure = TakeFailure();
  }
  Delay(delay);
  {
    std::lock_guard lock(mutex_);
    --running_[property];
    --in_flight_;
  }
  if (failure) return core::Fail(*failure, "scripted failure refreshing " + property);
  return RefreshSummary{.products = 1, .days = 365, .cells_changed = 0, .channels_pushed = 1};
}

std::vector<core::Result<RefreshSummary>> RecordingRefresher::RefreshNightsMany(
    const std::vector<NightsRequest>& requests) {
  std::chrono::milliseconds delay;
  std::vector<std::optional<core::ErrorCode>> failures;
  {
    std::lock_guard lock(mutex_);
    nights_batches_.push_back(requests);
    delay = delay_;
    for (size_t i = 0; i < requests.size(); ++i) failures.push_back(TakeFailure());
  }
  Delay(delay);
  std::vector<core::Result<RefreshSummary>> results;
  results.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    const NightsRequest& request = requests[i];
    if (failures[i]) {
      results.push_back(
          core::Fail(*failures[i], "scripted failure refreshing nights of " + request.property));
    } else {
      results.push_back(
          RefreshSummary{.products = static_cast<int>(request.pms_products.size()),
                         .days = static_cast<int>(DaysBetween(request.from, request.to))});
    }
  }
  return results;
}

void RecordingRefresher::FailNext(int times, core::ErrorCode code) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) failures_.push_back(code);
}

void RecordingRefresher::SetDelay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  delay_ = delay;
}

int RecordingRefresher::PropertyRefreshes(const core::PropertyId& property) const {
  std::lock_guard lock(mutex_);
  auto it = refreshes_.find(property);
  return it == refreshes_.end() ? 0 : it->second;
}

int RecordingRefresher::TotalPropertyRefreshes() const {
  std::lock_guard lock(mutex_);
  int total = 0;
  for (const auto& [property, count] : refreshes_) total += count;
  return total;
}

std::vector<RefreshKind> RecordingRefresher::Kinds() const {
  std::lock_guard lock(mutex_);
  return kinds_;
}

std::vector<RecordingRefresher::NightsCall> RecordingRefresher::NightsCalls() const {
  std::lock_guard lock(mutex_);
  std::vector<NightsCall> calls;
  for (const auto& batch : nights_batches_) calls.insert(calls.end(), batch.begin(), batch.end());
  return calls;
}

std::vector<std::vector<RecordingRefresher::NightsCall>> RecordingRefresher::NightsBatches() const {
  std::lock_guard lock(mutex_);
  return nights_batches_;
}

int RecordingRefresher::MaxConcurrentRefreshes() const {
  std::lock_guard lock(mutex_);
  return max_in_flight_;
}

int RecordingRefresher::Overlaps() const {
  std::lock_guard lock(mutex_);
  return overlaps_;
}

}  // namespace chansync::planning::testing
