#include "chansync/planning/nightly/nightly_scheduler.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_map>
#include <vector>

#include "chansync/core/local_time.h"
#include "chansync/planning/nightly/nightly_schedule.h"
#include "nightly_lease_keeper.h"

namespace chansync::planning::nightly {
namespace {

constexpr int kMaxParallelism = 64;

bool HasNightlyRun(const core::Property& property) {
  return property.mode == core::GatewayMode::kPms && property.levels.nightly_planning;
}

NightlySchedulerOptions Clamped(NightlySchedulerOptions options) {
  using std::chrono::milliseconds;
  if (options.instance.empty()) options.instance = "chansync";
  options.lease_ttl = std::max(options.lease_ttl, milliseconds(3));
  options.tick = std::max(options.tick, milliseconds(1));
  options.retry_after_failure = std::max(options.retry_after_failure, milliseconds(1));
  options.parallelism = std::clamp(options.parallelism, 1, kMaxParallelism);
  return options;
}

int64_t Millis(std::chrono::steady_clock::duration duration) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

}  // namespace

core::Status ValidateNightlySchedulerOptions(const NightlySchedulerOptions& options) {
  auto invalid = [](std::string what) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "nightly scheduler: " + what);
  };
  if (options.instance.empty()) return invalid("instance must not be empty");
  if (options.lease_ttl < std::chrono::milliseconds(3)) {
    return invalid("lease_ttl must be at least 3 ms");
  }
  if (options.tick < std::chrono::milliseconds(1)) return invalid("tick must be at least 1 ms");
  if (options.retry_after_failure < std::chrono::milliseconds(1)) {
    return invalid("retry_after_failure must be at least 1 ms");
  }
  if (options.parallelism < 1 || options.parallelism > kMaxParallelism) {
    return invalid("parallelism must be within 1.." + std::to_string(kMaxParallelism));
  }
  return core::Ok();
}

NightlyScheduler::NightlyScheduler(linking::PropertyStore& properties, Refresher& refresher,
                                   NightlyCoordination& coordination, const core::Clock& clock,
                                   NightlySchedulerOptions options)
    : properties_(properties),
      refresher_(refresher),
      coordination_(coordination),
      clock_(clock),
      options_(Clamped(std::move(options))) {}

core::Result<NightlyRunReport> NightlyScheduler::RunDue() { return RunDue(std::stop_token()); }

core::Result<NightlyRunReport> NightlyScheduler::RunDue(std::stop_token stop) {
  auto listed = properties_.ListProperties();
  RETURN_IF_ERROR(listed);
  const auto now = clock_.Now();

  // Many properties share a zone: compute each zone's local date once per scan.
  std::unordered_map<std::string, core::Result<core::CivilDate>> today_by_zone;
  std::vector<DueRun> candidates;
  {
    std::lock_guard lock(mutex_);
    for (const core::Property& property : *listed) {
      if (!HasNightlyRun(property)) continue;
      auto zone = today_by_zone.find(property.timezone);
      if (zone == today_by_zone.end()) {
        zone = today_by_zone.emplace(property.timezone, core::LocalDateAt(now, property.timezone))
                   .first;
      }
      if (!zone->second) {
        WarnBadTimezoneOnce(property, zone->second.error());
        continue;
      }
      const core::CivilDate today = *zone->second;
      if (auto known = known_done_.find(property.id);
          known != known_done_.end() && known->second >= today) {
        continue;
      }
      candidates.push_back({property.id, today});
    }
  }

  NightlyRunReport report;
  if (candidates.empty()) return report;
  std::vector<core::PropertyId> ids;
  ids.reserve(candidates.size());
  for (const auto& candidate : candidates) ids.push_back(candidate.property);
  auto states = coordination_.States(ids);
  RETURN_IF_ERROR(states);

  std::vector<DueRun> due;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const NightlyState& state = (*states)[i];
    if (state.last_done && *state.last_done >= candidates[i].date) {
      RememberDone(candidates[i].property, *state.last_done);
      continue;
    }
    if (state.retry_not_before && now < *state.retry_not_before) continue;
    due.push_back(std::move(candidates[i]));
  }
  report.due = static_cast<int>(due.size());
  if (due.empty()) return report;

  NightlyLeaseKeeper keeper(coordination_, options_.instance, options_.lease_ttl);
  std::atomic<size_t> next{0};
  std::mutex report_mutex;
  auto work = [&] {
    for (size_t i = next++; i < due.size() && !stop.stop_requested(); i = next++) {
      const Outcome outcome = RunOne(due[i], keeper);
      std::lock_guard lock(report_mutex);
      switch (outcome) {
        case Outcome::kRefreshed:
          ++report.refreshed;
          break;
        case Outcome::kFailed:
          ++report.failed;
          break;
        case Outcome::kSkipped:
          ++report.skipped;
          break;
        case Outcome::kError:
          ++report.errors;
          break;
      }
    }
  };
  {
    const size_t thread_count = std::min(due.size(), static_cast<size_t>(options_.parallelism));
    std::vector<std::jthread> threads;
    threads.reserve(thread_count);
    for (size_t t = 0; t < thread_count; ++t) threads.emplace_back(work);
  }
  return report;
}

NightlyScheduler::Outcome NightlyScheduler::RunOne(const DueRun& run, NightlyLeaseKeeper& keeper) {
  const std::string& property = run.property;
  // The state is read under the lease: another instance may have finished since our scan.
  auto acquired =
      coordination_.TryAcquireLeaseAndReadState(property, options_.instance, options_.lease_ttl);
  if (!acquired) {
    spdlog::warn("nightly refresh {} {}: lease not taken: {}", property, run.date.ToString(),
                 acquired.error().ToString());
    return Outcome::kError;
  }
  if (!*acquired) {
    spdlog::debug("nightly refresh {} {}: leased by another instance", property,
                  run.date.ToString());
    return Outcome::kSkipped;
  }
  auto release = [&] {
    if (auto released = coordination_.ReleaseLease(property, options_.instance); !released) {
      // The lease expires by itself; another instance only waits for its ttl.
      spdlog::warn("nightly refresh {}: lease not released: {}", property,
                   released.error().ToString());
    }
  };
  if (const auto& done = (*acquired)->last_done; done && *done >= run.date) {
    RememberDone(property, *done);
    release();
    return Outcome::kSkipped;
  }

  keeper.Hold(property);
  const auto started = clock_.SteadyNow();
  auto refreshed = refresher_.RefreshProperty(property, RefreshKind::kNightly);
  const int64_t duration_ms = Millis(clock_.SteadyNow() - started);
  const bool lost = keeper.Drop(property);

  if (refreshed) {
    spdlog::info(
        "nightly refresh {} {}: ok in {} ms by {} ({} products, {} cells changed, {} channels)",
        property, run.date.ToString(), duration_ms, options_.instance, refreshed->products,
        refreshed->cells_changed, refreshed->channels_pushed);
    auto marked = coordination_.MarkNightlyDoneAndRelease(property, options_.instance, run.date);
    if (!marked) {
      // Not recorded: the next tick runs it again, which is safe because a refresh is idempotent.
      spdlog::error("nightly refresh {} {}: succeeded but not recorded as done: {}", property,
                    run.date.ToString(), marked.error().ToString());
    } else {
      RememberDone(property, run.date);
    }
    return Outcome::kRefreshed;
  }
  spdlog::warn(
      "nightly refresh {} {}: failed in {} ms by {}: {}; retry in {} s", property,
      run.date.ToString(), duration_ms, options_.instance, refreshed.error().ToString(),
      std::chrono::duration_cast<std::chrono::seconds>(options_.retry_after_failure).count());
  if (!lost) {
    const auto retry_at = clock_.Now() + options_.retry_after_failure;
    if (auto set = coordination_.SetRetryNotBefore(property, retry_at); !set) {
      spdlog::warn("nightly refresh {}: retry time not recorded: {}", property,
                   set.error().ToString());
    }
  }
  release();
  return Outcome::kFailed;
}

void NightlyScheduler::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    if (auto report = RunDue(stop); !report) {
      spdlog::warn("nightly scheduler {}: {}", options_.instance, report.error().ToString());
    }
    clock_.WaitFor(options_.tick, stop);
  }
}

core::Result<std::optional<std::chrono::system_clock::time_point>> NightlyScheduler::NextRunAt(
    const core::PropertyId& property) {
  auto found = properties_.GetProperty(property);
  RETURN_IF_ERROR(found);
  if (!HasNightlyRun(*found)) return std::nullopt;
  auto states = coordination_.States({property});
  RETURN_IF_ERROR(states);
  const NightlyState& state = states->front();
  const auto now = clock_.Now();
  auto due = NightlyDue(found->timezone, now, state.last_done);
  RETURN_IF_ERROR(due);
  if (*due) return std::max(now, state.retry_not_before.value_or(now));
  auto next = NextNightlyAt(found->timezone, now);
  RETURN_IF_ERROR(next);
  return *next;
}

void NightlyScheduler::RememberDone(const core::PropertyId& property, core::CivilDate date) {
  std::lock_guard lock(mutex_);
  core::CivilDate& known = known_done_[property];
  known = std::max(known, date);
}

void NightlyScheduler::WarnBadTimezoneOnce(const core::Property& property,
                                           const core::Error& error) {
  if (warned_timezones_.insert(property.id).second) {
    spdlog::warn("nightly refresh {}: skipped: {}", property.id, error.ToString());
  }
}

}  // namespace chansync::planning::nightly
