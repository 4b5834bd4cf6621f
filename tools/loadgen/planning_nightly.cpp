#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/reservation_json.h"
#include "chansync/v1/admin.grpc.pb.h"
#include "commands.h"
#include "planning_estate.h"
#include "service_access.h"
#include "stats.h"

namespace chansync::loadgen {
namespace {

struct NightlyProgress {
  int refreshed = 0;  // nightly runs that succeeded
  int failed = 0;     // nightly runs that failed (the scheduler retries them minutes later)
  std::string first_error;
  std::chrono::system_clock::time_point first_started =
      std::chrono::system_clock::time_point::max();
  std::chrono::system_clock::time_point last_finished =
      std::chrono::system_clock::time_point::min();
  int64_t cells = 0;
  int products = 0;  // of the first refreshed property
  int days = 0;
  std::vector<double> durations_ms;
};

// The nightly runs of the planning properties so far, from their last refresh status.
core::Result<NightlyProgress> ReadProgress(v1::AdminService::Stub& admin) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::GetRefreshStatusResponse response;
  auto status = admin.GetRefreshStatus(&context, v1::GetRefreshStatusRequest{}, &response);
  if (!status.ok()) {
    return core::Fail(core::ErrorCode::kInternal, "GetRefreshStatus: " + status.error_message());
  }
  NightlyProgress progress;
  for (const auto& property : response.properties()) {
    if (!IsPlanningProperty(property.property_id()) || !property.has_last()) continue;
    const v1::LastRefresh& last = property.last();
    if (last.kind() != "nightly") continue;
    if (!last.succeeded()) {
      if (progress.failed++ == 0) {
        progress.first_error =
            property.property_id() + ": " + last.error_code() + ": " + last.error_message();
      }
      continue;
    }
    auto started = core::ParseTimestamp(last.started_at());
    auto finished = core::ParseTimestamp(last.finished_at());
    if (!started || !finished) {
      return core::Fail(core::ErrorCode::kInternal,
                        "unreadable refresh times of " + property.property_id());
    }
    if (progress.refreshed++ == 0) {
      progress.products = last.summary().products();
      progress.days = last.summary().days();
    }
    progress.first_started = std::min(progress.first_started, *started);
    progress.last_finished = std::max(progress.last_finished, *finished);
    progress.cells += last.summary().cells_changed();
    progress.durations_ms.push_back(static_cast<double>(last.summary().duration_ms()));
  }
  return progress;
}

}  // namespace

// Waits for the nightly catch-up a fresh `chansync serve` runs for every planning property and
// measures it from the refresh statuses: wall time from the first run's start to the last run's
// finish. Polls every --poll-ms until each of --properties has a nightly outcome or --timeout
// seconds pass.
int PlanningNightly(const Flags& flags) {
  const int properties = static_cast<int>(flags.GetInt("properties", 1000));
  const double timeout = static_cast<double>(flags.GetInt("timeout", 300));
  const auto poll = std::chrono::milliseconds(flags.GetInt("poll-ms", 1000));
  auto admin = v1::AdminService::NewStub(ServiceChannel(flags));
  const auto start = std::chrono::steady_clock::now();
  NightlyProgress progress;
  std::string error;
  while (SecondsSince(start) < timeout) {
    auto read = ReadProgress(*admin);
    if (read) {
      progress = std::move(*read);
      error.clear();
      if (progress.refreshed + progress.failed >= properties) break;
    } else {
      error = read.error().ToString();
    }
    std::this_thread::sleep_for(poll);
  }
  const bool complete = progress.refreshed + progress.failed >= properties;
  const double wall_s =
      progress.refreshed > 0
          ? std::chrono::duration<double>(progress.last_finished - progress.first_started).count()
          : 0;
  if (!error.empty()) std::fprintf(stderr, "loadgen: %s\n", error.c_str());
  JsonLine("planning-nightly")
      .Number("properties", properties)
      .Number("refreshed", progress.refreshed)
      .Number("failed", progress.failed)
      .Text("first_error", progress.first_error.empty() ? error : progress.first_error)
      .Number("complete", complete ? 1 : 0)
      .Number("products", progress.products)
      .Number("days", progress.days)
      .Number("cells", static_cast<double>(progress.cells))
      .Number("wall_s", wall_s)
      .Number("cells_per_s", wall_s > 0 ? static_cast<double>(progress.cells) / wall_s : 0)
      .Number("property_p50_ms", Quantile(progress.durations_ms, 0.50))
      .Number("property_p95_ms", Quantile(progress.durations_ms, 0.95))
      .Number("property_max_ms", Quantile(progress.durations_ms, 1.0))
      .Number("waited_s", SecondsSince(start))
      .Print();
  return complete && progress.failed == 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
