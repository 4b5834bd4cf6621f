#include "chansync/sync/planning_refresher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "chansync/core/local_time.h"
#include "chansync/pms/pms.h"
#include "chansync/sync/planning.h"

namespace chansync::sync {
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

struct PlanningRefresher::Scope {
  const std::set<core::PmsProductId>* pms_products = nullptr;  // null: every linked product
  std::optional<core::CivilDate> from;                         // null: today
  std::optional<core::CivilDate> to;                           // null: end of the horizon
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
                                     PmsDirectory& pms, channel::PlanningSink& sink,
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
  std::lock_guard lock(LockOf(property));
  const auto started_at = clock_.Now();
  const auto started_steady = clock_.SteadyNow();
  auto found = properties_.GetProperty(property);
  if (!found && found.error().code == core::ErrorCode::kNotFound) {
    return std::unexpected(found.error());
  }
  if (found && found->mode == core::GatewayMode::kClassic) {
    return core::Fail(core::ErrorCode::kGatewayClassicMode,
                      "property " + property + " is in classic mode: the gateway does nothing");
  }
  RefreshSummary summary;
  const core::Status outcome =
      found ? Run(*found, Scope{}, summary) : std::unexpected(found.error());
  summary.duration = ElapsedSince(started_steady);
  RecordStatus(property, kind, started_at, outcome, summary);
  if (!outcome) return std::unexpected(outcome.error());
  return summary;
}

core::Result<RefreshSummary> PlanningRefresher::RefreshNights(
    const core::PropertyId& property, const std::vector<core::PmsProductId>& pms_products,
    core::CivilDate from, core::CivilDate to) {
  std::lock_guard lock(LockOf(property));
  const auto started_at = clock_.Now();
  const auto started_steady = clock_.SteadyNow();
  auto found = properties_.GetProperty(property);
  if (!found && found.error().code == core::ErrorCode::kNotFound) {
    return std::unexpected(found.error());
  }
  if (found && (found->mode == core::GatewayMode::kClassic || !found->levels.nightly_planning)) {
    return RefreshSummary{};
  }
  const std::set<core::PmsProductId> products(pms_products.begin(), pms_products.end());
  RefreshSummary summary;
  const core::Status outcome =
      found ? Run(*found, Scope{&products, from, to}, summary) : std::unexpected(found.error());
  summary.duration = ElapsedSince(started_steady);
  if (!outcome) {
    RecordStatus(property, RefreshKind::kDelta, started_at, outcome, summary);
    return std::unexpected(outcome.error());
  }
  return summary;
}

core::Status PlanningRefresher::Run(const core::Property& property, const Scope& scope,
                                    RefreshSummary& summary) {
  if (auto valid = ValidatePlanningRefresherOptions(options_); !valid) {
    return std::unexpected(valid.error());
  }
  auto today = core::LocalDateAt(clock_.Now(), property.timezone);
  if (!today) return std::unexpected(WithContext(today.error(), "property " + property.id));
  const core::CivilDate horizon_end = today->AddDays(options_.horizon_days);
  const core::CivilDate from = scope.from ? std::max(*scope.from, *today) : *today;
  const core::CivilDate to = scope.to ? std::min(*scope.to, horizon_end) : horizon_end;
  if (from >= to) return core::Ok();
  const int nights = static_cast<int>(core::DaysBetween(from, to));

  auto links = links_.Load(property.id);
  if (!links) return std::unexpected(WithContext(links.error(), "links"));
  // The channels that take planning, in one read rather than one round trip per channel the
  // property sells on; read only once a link is in scope.
  std::map<core::ChannelId, core::Channel> planning_channels;
  bool channels_read = false;
  std::vector<linking::ProductLink> counted;
  for (const auto& link : links->products) {
    if (scope.pms_products && !scope.pms_products->contains(link.pms_product)) continue;
    if (!channels_read) {
      auto all = properties_.ListChannels();
      if (!all) return std::unexpected(WithContext(all.error(), "channels"));
      for (auto& channel : *all) {
        if (!channel.planning_endpoint.empty()) {
          planning_channels.emplace(channel.id, std::move(channel));
        }
      }
      channels_read = true;
    }
    if (planning_channels.contains(link.channel)) counted.push_back(link);
  }
  summary.days = nights;
  if (counted.empty()) return core::Ok();

  auto pms = pms_.For(property);
  if (!pms) return std::unexpected(WithContext(pms.error(), "PMS of " + property.id));
  auto availability =
      FetchAvailability(**pms, property.id, from, nights, clock_, options_.pms_deadline);
  if (!availability) return std::unexpected(availability.error());
  DesiredPlanning desired = ComputePlanning(counted, *availability, nights);
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
    if (auto recorded = planning_.Record(push, *today); !recorded && !failure) {
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

}  // namespace chansync::sync
