#pragma once

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "chansync/channel/planning_sink.h"
#include "chansync/core/clock.h"
#include "chansync/linking/link_store.h"
#include "chansync/linking/property_store.h"
#include "chansync/planning/planning_store.h"
#include "chansync/planning/refresh.h"
#include "chansync/planning/refresh_status_store.h"
#include "chansync/pms/pms_directory.h"

namespace chansync::planning {

// Deadlines are taken from Clock::SteadyNow(), which the PMS client and the sink compare with
// the steady clock: wire SystemClock in production.
struct PlanningRefresherOptions {
  int horizon_days = 365;  // nights computed from the property's today; 1..1000
  std::string instance;    // recorded in every refresh status
  std::chrono::milliseconds pms_deadline{10'000};   // per PMS availability call
  std::chrono::milliseconds push_deadline{10'000};  // per channel push
};

// INVALID_ARGUMENT naming the field when `options` are out of range.
core::Status ValidatePlanningRefresherOptions(const PlanningRefresherOptions& options);

// Keeps every channel's planning in line with the PMS (SPEC §1.4 level 1, §1.5). A refresh of
// a property:
//   1. takes today in the property's timezone and asks the PMS for the free units of every
//      product over [today, today + horizon), in calls of at most 731 nights;
//   2. gives each linked channel product, on a channel with a planning endpoint, the free units
//      of its PMS product (multi-link: each one shows the full count);
//   3. pushes to each channel only the nights that differ from what was last pushed, then
//      records them in the PlanningStore (nights before today are dropped).
// A channel whose push fails records nothing and makes the refresh fail with its error, but
// the other channels are still pushed; the next refresh pushes the failed cells again. When the
// PMS fails nothing is pushed and nothing recorded. Links to a PMS product the PMS does not
// report are skipped with a warning in the log.
//
// Refreshes of one property are serialized inside this process, so a delta never interleaves
// with a full refresh of the same property; other properties run concurrently. Thread-safe.
// Every dependency must outlive the refresher.
class PlanningRefresher final : public Refresher {
 public:
  // Invalid `options` (see ValidatePlanningRefresherOptions) make every refresh fail with
  // INVALID_ARGUMENT; check them first when wiring.
  PlanningRefresher(linking::PropertyStore& properties, linking::LinkStore& links,
                    pms::PmsDirectory& pms, channel::PlanningSink& sink, PlanningStore& planning,
                    RefreshStatusStore& statuses, const core::Clock& clock,
                    PlanningRefresherOptions options = {});

  // NOT_FOUND for an unknown property and GATEWAY_CLASSIC_MODE in classic mode: both are
  // refusals and record no status. Otherwise the outcome, success or failure, replaces the
  // property's refresh status (kind `kind`). Errors: PMS_UNAVAILABLE / PMS_REJECTED (nothing
  // pushed), CHANNEL_UNAVAILABLE / CHANNEL_REJECTED (the first failing channel's error),
  // STORE_UNAVAILABLE / INTERNAL from the stores, INVALID_ARGUMENT for unusable configuration
  // (PMS connection, timezone, options).
  core::Result<RefreshSummary> RefreshProperty(const core::PropertyId& property,
                                               RefreshKind kind) override;

  // RefreshNights of each request (see Refresher): the channel products linked to its
  // `pms_products` over [from, to) clipped to [today, today + horizon). Ok with an empty summary
  // in classic mode, with level 1 (levels.nightly_planning) off, or when nothing is left after
  // clipping. Records a status (kind kDelta) only when a request fails. NOT_FOUND for an unknown
  // property fails only its request. The properties, their links and the channel registry are
  // read once for all the requests (at most three round trips, fewer when no request needs
  // links or channels); a read failing STORE_UNAVAILABLE fails, and records, every request that
  // needed it. Reading happens before each property's lock is taken; the refreshes then run one
  // after the other under their property's lock.
  std::vector<core::Result<RefreshSummary>> RefreshNightsMany(
      const std::vector<NightsRequest>& requests) override;

 private:
  struct Job;
  using PlanningChannels = std::map<core::ChannelId, core::Channel>;

  // Reads what `jobs` need once for all of them, settles the jobs that must not run (refused,
  // nothing to do, failed reading) and returns the channels that take planning.
  PlanningChannels ReadInputs(std::vector<Job>& jobs);
  // Runs each job in order under its property's lock, after ReadInputs.
  std::vector<core::Result<RefreshSummary>> RunAll(std::vector<Job>& jobs);
  // Fills `summary` as it goes, so what was pushed before a failure is still reported.
  core::Status Run(const Job& job, const PlanningChannels& channels, RefreshSummary& summary);
  std::mutex& LockOf(const core::PropertyId& property);
  std::chrono::milliseconds ElapsedSince(std::chrono::steady_clock::time_point started) const;
  void RecordStatus(const core::PropertyId& property, RefreshKind kind,
                    std::chrono::system_clock::time_point started_at, const core::Status& outcome,
                    const RefreshSummary& summary);

  linking::PropertyStore& properties_;
  linking::LinkStore& links_;
  pms::PmsDirectory& pms_;
  channel::PlanningSink& sink_;
  PlanningStore& planning_;
  RefreshStatusStore& statuses_;
  const core::Clock& clock_;
  const PlanningRefresherOptions options_;
  // Striped: two properties rarely share a stripe, and when they do they only wait for each
  // other; memory stays bounded whatever the number of properties.
  std::array<std::mutex, 64> property_locks_;
};

}  // namespace chansync::planning
