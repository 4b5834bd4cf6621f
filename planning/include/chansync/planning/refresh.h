#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::planning {

// Why a planning refresh ran: the nightly safety net, an admin, or a reservation that changed
// the PMS (only the affected products and nights).
enum class RefreshKind { kNightly, kForced, kDelta };

std::string_view RefreshKindName(RefreshKind kind);  // "nightly" | "forced" | "delta"
core::Result<RefreshKind> ParseRefreshKind(std::string_view text);

// What one refresh did.
struct RefreshSummary {
  int products = 0;           // channel products computed (linked, on a channel with an endpoint)
  int days = 0;               // nights computed per product
  int64_t cells_changed = 0;  // nights pushed because they differ from the last push
  int channels_pushed = 0;    // channels that received at least one run
  std::chrono::milliseconds duration{0};

  friend bool operator==(const RefreshSummary&, const RefreshSummary&) = default;
};

// The last refresh of a property, as `chansync status` shows it.
struct RefreshStatus {
  core::PropertyId property;
  RefreshKind kind = RefreshKind::kForced;
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  bool succeeded = false;
  std::optional<core::Error> error;  // set when !succeeded
  RefreshSummary summary;            // what was done (pushed cells are kept even on failure)
  std::string instance;              // which chansync instance ran it
};

// The nights of some PMS products of one property whose planning must reach the channels again.
struct NightsRequest {
  core::PropertyId property;
  std::vector<core::PmsProductId> pms_products;
  core::CivilDate from;  // first night
  core::CivilDate to;    // night after the last

  friend bool operator==(const NightsRequest&, const NightsRequest&) = default;
};

// Runs planning refreshes of properties. Implemented by PlanningRefresher; the scheduler and
// the delta pusher depend on this port only so their logic is tested without I/O. Implementations
// are thread-safe.
class Refresher {
 public:
  virtual ~Refresher() = default;

  // Recomputes every linked channel product over the whole horizon, pushes what changed and
  // records the outcome in the refresh status. GATEWAY_CLASSIC_MODE in classic mode;
  // PMS_UNAVAILABLE / CHANNEL_UNAVAILABLE / CHANNEL_REJECTED / STORE_UNAVAILABLE on failure
  // (nothing is recorded as pushed for a channel whose push failed).
  virtual core::Result<RefreshSummary> RefreshProperty(const core::PropertyId& property,
                                                       RefreshKind kind) = 0;

  // RefreshNightsMany of one request.
  core::Result<RefreshSummary> RefreshNights(const core::PropertyId& property,
                                             const std::vector<core::PmsProductId>& pms_products,
                                             core::CivilDate from, core::CivilDate to);

  // The same refresh as RefreshProperty for each request, restricted to the channel products
  // linked to its `pms_products` and to its nights [from, to) clipped to the horizon; one result
  // per request, in order. A request does not overwrite its property's refresh status unless it
  // fails. Ok with an empty summary in classic mode or with level 1 off; NOT_FOUND for an
  // unknown property fails only that request. What the requests need to read (the properties,
  // their links, the channel registry) is read once for the whole call, not once per request: a
  // read failing STORE_UNAVAILABLE fails every request that needed it. Requests run one after
  // the other, in order, so a property named twice is refreshed twice.
  virtual std::vector<core::Result<RefreshSummary>> RefreshNightsMany(
      const std::vector<NightsRequest>& requests) = 0;
};

}  // namespace chansync::planning
