#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "chansync/v1/admin.grpc.pb.h"
#include "commands.h"
#include "planning_estate.h"
#include "service_access.h"
#include "stats.h"

namespace chansync::loadgen {
namespace {

struct ForcedRun {
  bool ok = false;
  std::string error;
  v1::RefreshSummary summary;
  double wall_ms = 0;        // as the admin waits for it
  int64_t portal_cells = 0;  // cells the portal applied meanwhile
};

ForcedRun ForceOnce(v1::AdminService::Stub& admin, PortalReader& portal,
                    const std::string& property) {
  ForcedRun run;
  auto cells_before = portal.Cells();
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::ForceRefreshRequest request;
  request.set_property_id(property);
  v1::ForceRefreshResponse response;
  const auto sent = std::chrono::steady_clock::now();
  auto status = admin.ForceRefresh(&context, request, &response);
  run.wall_ms = SecondsSince(sent) * 1000;
  auto cells_after = portal.Cells();
  if (!status.ok()) {
    run.error = "ForceRefresh " + property + ": " + status.error_message();
    return run;
  }
  if (!cells_before || !cells_after) {
    run.error = (cells_before ? cells_after.error() : cells_before.error()).ToString();
    return run;
  }
  run.ok = true;
  run.summary = response.summary();
  run.portal_cells = *cells_after - *cells_before;
  return run;
}

}  // namespace

// Two forced refreshes of --property (default "big") one after the other: the first pushes
// every cell the portal does not have yet, the second finds nothing changed and shows what the
// diff alone costs. Durations are the server's (RefreshSummary) and the admin's wall time.
int PlanningForced(const Flags& flags) {
  const std::string property = flags.Get("property", kBigProperty);
  auto admin = v1::AdminService::NewStub(ServiceChannel(flags));
  PortalReader portal(flags.Get("portal", "http://127.0.0.1:7482"));
  const ForcedRun cold = ForceOnce(*admin, portal, property);
  const ForcedRun warm = cold.ok ? ForceOnce(*admin, portal, property) : ForcedRun{};
  const std::string error = !cold.ok ? cold.error : warm.error;
  if (!error.empty()) std::fprintf(stderr, "loadgen: %s\n", error.c_str());
  JsonLine("planning-forced")
      .Text("property", property)
      .Text("first_error", error)
      .Number("products", cold.summary.products())
      .Number("days", cold.summary.days())
      .Number("cold_ms", static_cast<double>(cold.summary.duration_ms()))
      .Number("cold_wall_ms", cold.wall_ms)
      .Number("cold_cells", static_cast<double>(cold.summary.cells_changed()))
      .Number("cold_portal_cells", static_cast<double>(cold.portal_cells))
      .Number("unchanged_ms", static_cast<double>(warm.summary.duration_ms()))
      .Number("unchanged_wall_ms", warm.wall_ms)
      .Number("unchanged_cells", static_cast<double>(warm.summary.cells_changed()))
      .Number("unchanged_portal_cells", static_cast<double>(warm.portal_cells))
      .Print();
  return cold.ok && warm.ok ? 0 : 1;
}

}  // namespace chansync::loadgen
