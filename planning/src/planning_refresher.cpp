#include "chansync/planning/planning_refresher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "chansync/core/local_time.h"
#include "chansync/planning/planning.h"
#include "chansync/pms/pms.h"

namespace chansync::planning {
namespace {

// docs/pms-api.md: the PMS answers at most 731 nights per availability call.
constexpr int kMaxNightsPerPmsCall = 731;
constexpr int kMaxHorizonDays = 1000;

core::Error WithContext(const core::Error& error, const std::string& context) {
  return {error.code, context + ": " + error.message};
}

// Free units of every PMS product over [from, from + nights), asked in calls of at most 731
// nights and joined. A product missing from one call, or answered with the wrong night count,
// stays short of `nights` so that ComputePlanning skips its links.
core::Result<std::vector<pms::ProductAvailability>> FetchAvailability(
    pms::Pms& pms, const core::PropertyId& property, core::CivilDate from, int nights,
    const core::Clock& clock, std::chrono::milliseconds deadline) {
  std::map<core::PmsProductId, std::vector<int>> joined;
  for (int offset = 0; offset < nights; offset += kMaxNightsPerPmsCall) {
    const int count = std::min(kMaxNightsPerPmsCall, nights - offset);
    const core::CivilDate chunk_from = from.AddDays(offset);
    auto chunk = pms.Availability(property, chunk_from, chunk_from.AddDays(count),
                                  pms::CallOptions{clock.SteadyNow() + deadline});
    if (!chunk) return std::unexpected(WithContext(chunk.error(), "PMS availability"));
    for (auto& product : *chunk) {
      std::vector<int>& units = joined[product.product];
      if (units.size() != static_cast<size_t>(offset) ||
          product.free_units.size() != static_cast<size_t>(count)) {
        continue;
      }
      units.insert(units.end(), product.free_units.begin(), product.free_units.end());
    }
  }
  std::vector<pms::ProductAvailability> availability;
  availability.reserve(joined.size());
  for (auto& [product, units] : joined) availability.push_back({product, std::move(units)});
  return availability;
}

}  // namespace

// One refresh to run: what was asked, then what was read for it.
struct PlanningRefresher::Job {
  core::PropertyId property;
  RefreshKind kind = RefreshKind::kDelta;
  std::optional<std::set<core::PmsProductId>> pms_products;  // null: every linked product
  std::optional<core::CivilDate> from;                       // null: today
  std::optional<core::CivilDate> to;                         // null: end of the horizon

  // Answered without running and without recording a status: a refusal, or nothing to do.
  std::optional<core::Result<RefreshSummary>> answer;
  // Fails without running, and is recorded like any failed refresh.
  std::optional<core::Error> failure;
  core::Property found;
  core::CivilDate today;
  core::CivilDate first;  // the nights refreshed: [first, end)
  core::CivilDate end;
  std::vector<linking::ProductLink> links;  // the property's links to the products in scope

  bool Settled() const { return answer.has_value() || failure.has_value(); }
};

core::Status ValidatePlanningRefresherOptions(const PlanningRefresherOptions& options) {
  if (options.horizon_days < 1 || options.horizon_days > kMaxHorizonDays) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "horizon_days must be 1.." + std::to_string(kMaxHorizonDays) + ", got " +
                          std::to_string(options.horizon_days));
  }
  if (options.pms_deadline.count() <= 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "pms_deadline must be positive");
  }
  if (options.push_deadline.count() <= 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "push_deadline must be positive");
  }
  return core::Ok();
}

PlanningRefresher::PlanningRefresher(linking::PropertyStore& properties, linking::LinkStore& links,
                                     pms::PmsDirectory& pms, channel::PlanningSink& sink,
                                     PlanningStore& planning, RefreshStatusStore& statuses,
                                     const core::Clock& clock, PlanningRefresherOptions options)
    : properties_(properties),
      links_(links),
      pms_(pms),
      sink_(sink),
      planning_(planning),
      statuses_(statuses),
      clock_(clock),
      options_(std::move(options)) {}

std::mutex& PlanningRefresher::LockOf(const core::PropertyId& property) {
  return property_locks_[std::hash<core::PropertyId>{}(property) % property_locks_.size()];
}

core::Result<RefreshSummary> PlanningRefresher::RefreshProperty(const core::PropertyId& property,
                                                                RefreshKind kind) {
  std::vector<Job> jobs(1);
  jobs[0].property = property;
  jobs[0].kind = kind;
  return std::move(RunAll(jobs).front());
}

std::vector<core::Result<RefreshSummary>> PlanningRefresher::RefreshNightsMany(
    const std::vector<NightsRequest>& requests) {
  std::vector<Job> jobs(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    jobs[i].property = requests[i].property;
    jobs[i].pms_products.emplace(requests[i].pms_products.begin(), requests[i].pms_products.end());
    jobs[i].from = requests[i].from;
    jobs[i].to = requests[i].to;
  }
  return RunAll(jobs);
}

std::vector<core::Result<RefreshSummary>> PlanningRefresher::RunAll(std::vector<Job>& jobs) {
  const PlanningChannels channels = ReadInputs(jobs);
  std::vector<core::Result<RefreshSummary>> results;
  results.reserve(jobs.size());
  for (Job& job : jobs) {
    if (job.answer) {
      results.push_back(std::move(*job.answer));
      continue;
    }
    std::lock_guard lock(LockOf(job.property));
    const auto started_at = clock_.Now();
    const auto started_steady = clock_.SteadyNow();
    RefreshSummary summary;
    const core::Status outcome =
        job.failure ? std::unexpected(*job.failure) : Run(job, channels, summary);
    summary.duration = ElapsedSince(started_steady);
    // A delta that succeeds leaves the status to the full refreshes, which it only complements.
    if (job.kind != RefreshKind::kDelta || !outcome) {
      RecordStatus(job.property, job.kind, started_at, outcome, summary);
    }
    if (outcome) {
      results.push_back(summary);
    } else {
      results.push_back(std::unexpected(outcome.error()));
    }
  }
  return results;
}

PlanningRefresher::PlanningChannels PlanningRefresher::ReadInputs(std::vector<Job>& jobs) {
  const auto unsettled = [&jobs] {
    std::vector<core::PropertyId> ids;
    std::set<core::PropertyId> seen;
    for (const Job& job : jobs) {
      if (!job.Settled() && seen.insert(job.property).second) ids.push_back(job.property);
    }
    return ids;
  };

  const std::vector<core::PropertyId> ids = unsettled();
  if (ids.empty()) return {};
  auto read = properties_.GetProperties(ids);
  if (!read) {
    for (Job& job : jobs) job.failure = read.error();
    return {};
  }
  std::map<core::PropertyId, core::Result<core::Property>> properties;
  for (size_t i = 0; i < ids.size() && i < read->size(); ++i) {
    properties.emplace(ids[i], std::move((*read)[i]));
  }
  auto options_valid = ValidatePlanningRefresherOptions(options_);
  for (Job& job : jobs) {
    auto it = properties.find(job.property);
    if (it == properties.end()) {
      job.failure = core::Error{core::ErrorCode::kInternal,
                                "property " + job.property + " missing from the store's answer"};
      continue;
    }
    const core::Result<core::Property>& found = it->second;
    if (!found) {
      if (found.error().code == core::ErrorCode::kNotFound) {
        job.answer = std::unexpected(found.error());
      } else {
        job.failure = found.error();
      }
      continue;
    }
    const bool delta = job.kind == RefreshKind::kDelta;
    if (found->mode == core::GatewayMode::kClassic) {
      job.answer = delta ? core::Result<RefreshSummary>(RefreshSummary{})
                         : core::Fail(core::ErrorCode::kGatewayClassicMode,
                                      "property " + job.property +
                                          " is in classic mode: the gateway does nothing");
      continue;
    }
    if (delta && !found->levels.nightly_planning) {
      job.answer = RefreshSummary{};
      continue;
    }
    if (!options_valid) {
      job.failure = options_valid.error();
      continue;
    }
    auto today = core::LocalDateAt(clock_.Now(), found->timezone);
    if (!today) {
      job.failure = WithContext(today.error(), "property " + job.property);
      continue;
    }
    job.found = *found;
    job.today = *today;
    const core::CivilDate horizon_end = today->AddDays(options_.horizon_days);
    job.first = job.from ? std::max(*job.from, *today) : *today;
    job.end = job.to ? std::min(*job.to, horizon_end) : horizon_end;
    if (job.first >= job.end) job.answer = RefreshSummary{};
  }

  const std::vector<core::PropertyId> linked = unsettled();
  if (linked.empty()) return {};
  std::map<core::PropertyId, core::Result<linking::LinkSnapshot>> links;
  auto loaded = links_.LoadMany(linked);
  if (loaded && loaded->size() == linked.size()) {
    for (size_t i = 0; i < linked.size(); ++i) links.emplace(linked[i], std::move((*loaded)[i]));
  } else if (!loaded && loaded.error().code == core::ErrorCode::kStoreUnavailable) {
    for (const auto& id : linked) links.emplace(id, std::unexpected(loaded.error()));
  } else {
    // One property's unreadable links fail the whole LoadMany: read them one by one so that
    // only that property fails.
    for (const auto& id : linked) links.emplace(id, links_.Load(id));
  }
  bool channels_needed = false;
  for (Job& job : jobs) {
    if (job.Settled()) continue;
    const auto& snapshot = links.at(job.property);
    if (!snapshot) {
      job.failure = WithContext(snapshot.error(), "links");
      continue;
    }
    for (const auto& link : snapshot->products) {
      if (!job.pms_products || job.pms_products->contains(link.pms_product)) {
        job.links.push_back(link);
      }
    }
    channels_needed = channels_needed || !job.links.empty();
  }

  // The channels that take planning, in one read rather than one round trip per channel the
  // properties sell on; read only once a link is in scope.
  PlanningChannels planning_channels;
  if (!channels_needed) return planning_channels;
  auto all = properties_.ListChannels();
  if (!all) {
    for (Job& job : jobs) {
      if (!job.Settled() && !job.links.empty()) job.failure = WithContext(all.error(), "channels");
    }
    return planning_channels;
  }
  for (auto& channel : *all) {
    if (!channel.planning_endpoint.empty())
      planning_channels.emplace(channel.id, std::move(channel));
  }
  return planning_channels;
}

core::Status PlanningRefresher::Run(const Job& job, const PlanningChannels& planning_channels,
                                    RefreshSummary& summary) {
  const core::Property& property = job.found;
  const core::CivilDate from = job.first;
  const int nights = static_cast<int>(core::DaysBetween(job.first, job.end));
  std::vector<linking::ProductLink> counted;
  for (const auto& link : job.links) {
    if (planning_channels.contains(link.channel)) counted.push_back(link);
  }
  summary.days = nights;
  if (counted.empty()) return core::Ok();

  auto pms = pms_.For(property);
  if (!pms) return std::unexpected(WithContext(pms.error(), "PMS of " + property.id));
  ASSIGN_OR_RETURN(auto availability, FetchAvailability(**pms, property.id, from, nights, clock_,
                                                        options_.pms_deadline));
  DesiredPlanning desired = ComputePlanning(counted, availability, nights);
  for (const auto& link : desired.skipped) {
    spdlog::warn("planning of {}: {}/{} skipped, the PMS reports no availability for {}",
                 property.id, link.channel, link.channel_product, link.pms_product);
  }
  summary.products = static_cast<int>(desired.free_units.size());

  std::vector<ChannelProductKey> keys;
  keys.reserve(desired.free_units.size());
  for (const auto& [key, units] : desired.free_units) keys.push_back(key);
  auto last = planning_.Load(property.id, keys, from, nights);
  if (!last) return std::unexpected(WithContext(last.error(), "last pushed planning"));

  std::map<core::ChannelId, core::PlanningPush> pushes;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto runs = DiffPlanning(desired.free_units[keys[i]], (*last)[i], from);
    if (runs.empty()) continue;
    core::PlanningPush& push = pushes[keys[i].channel];
    push.property = property.id;
    push.channel = keys[i].channel;
    push.products.push_back({keys[i].product, std::move(runs)});
  }

  std::optional<core::Error> failure;
  for (const auto& [channel_id, push] : pushes) {
    const core::Channel& channel = planning_channels.at(channel_id);
    auto pushed = sink_.Push(channel, push, clock_.SteadyNow() + options_.push_deadline);
    if (!pushed) {
      spdlog::warn("planning of {} to {}: {}", property.id, channel_id, pushed.error().ToString());
      if (!failure) failure = WithContext(pushed.error(), "channel " + channel_id);
      continue;
    }
    summary.cells_changed += push.Cells();
    ++summary.channels_pushed;
    // Pushed but not recorded: the next refresh pushes the same cells again, which is harmless.
    if (auto recorded = planning_.Record(push, job.today); !recorded && !failure) {
      failure = WithContext(recorded.error(), "recording the planning pushed to " + channel_id);
    }
  }
  if (failure) return std::unexpected(*failure);
  return core::Ok();
}

std::chrono::milliseconds PlanningRefresher::ElapsedSince(
    std::chrono::steady_clock::time_point started) const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.SteadyNow() - started);
}

void PlanningRefresher::RecordStatus(const core::PropertyId& property, RefreshKind kind,
                                     std::chrono::system_clock::time_point started_at,
                                     const core::Status& outcome, const RefreshSummary& summary) {
  RefreshStatus status{.property = property,
                       .kind = kind,
                       .started_at = started_at,
                       .finished_at = clock_.Now(),
                       .succeeded = outcome.has_value(),
                       .summary = summary,
                       .instance = options_.instance};
  if (!outcome) status.error = outcome.error();
  if (auto recorded = statuses_.Record(status); !recorded) {
    spdlog::warn("refresh status of {} not recorded: {}", property, recorded.error().ToString());
  }
}

}  // namespace chansync::planning
