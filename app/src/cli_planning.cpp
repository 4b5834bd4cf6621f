#include "cli_planning.h"

#include <iostream>

#include "chansync/v1/admin.grpc.pb.h"
#include "cli_support.h"
#include "local_time_format.h"
#include "table.h"

namespace chansync::app {
namespace {

constexpr const char* kRefreshUsage =
    "usage: chansync refresh --property P [--json] [--timeout SECONDS]\n"
    "Recomputes the property's planning now, pushes what changed to its channels and prints a\n"
    "summary when done.\n";
constexpr const char* kStatusUsage = "usage: chansync status [--property P] [--json]\n";

std::string Describe(const v1::RefreshSummary& summary) {
  return std::to_string(summary.products()) + " products x " + std::to_string(summary.days()) +
         " days, " + std::to_string(summary.cells_changed()) + " cells changed, pushed to " +
         std::to_string(summary.channels_pushed()) + " channels in " +
         std::to_string(summary.duration_ms()) + " ms";
}

std::string LastRunCell(const v1::PropertyRefreshStatus& status, const absl::TimeZone& zone) {
  if (!status.has_last()) return "never";
  return status.last().kind() + " " + LocalTime(status.last().finished_at(), zone);
}

std::string ResultCell(const v1::PropertyRefreshStatus& status) {
  if (!status.has_last()) return "-";
  const v1::LastRefresh& last = status.last();
  if (!last.succeeded()) return "failed: " + last.error_code() + ": " + last.error_message();
  return "ok: " + std::to_string(last.summary().cells_changed()) + " cells changed";
}

void PrintStatus(const v1::GetRefreshStatusResponse& response) {
  // Times are the property's local time: midnight there is what the nightly run follows.
  Table table({"PROPERTY", "MODE", "NIGHTLY", "LAST REFRESH", "DURATION", "RESULT", "LAST NIGHTLY",
               "NEXT NIGHTLY"});
  for (const auto& p : response.properties()) {
    const absl::TimeZone zone = ZoneOrUtc(p.timezone());
    table.Add({p.property_id(), p.mode() == v1::GATEWAY_MODE_CLASSIC ? "classic" : "pms",
               p.nightly_enabled() ? "on" : "off", LastRunCell(p, zone),
               p.has_last() ? std::to_string(p.last().summary().duration_ms()) + " ms" : "-",
               ResultCell(p), p.last_nightly_date().empty() ? "-" : p.last_nightly_date(),
               p.next_nightly_at().empty()
                   ? "-"
                   : LocalTime(p.next_nightly_at(), zone) + " " + p.timezone()});
  }
  table.Print(std::cout);
}

int Refresh(const Args& args) {
  v1::ForceRefreshRequest request;
  request.set_property_id(args.GetOr("property", ""));
  return CallAndPrint(args, &v1::AdminService::Stub::ForceRefresh, request,
                      [&](const v1::ForceRefreshResponse& response) {
                        std::cout << "planning of " << request.property_id()
                                  << " refreshed: " << Describe(response.summary()) << '\n';
                      });
}

int Status(const Args& args) {
  v1::GetRefreshStatusRequest request;
  request.set_property_id(args.GetOr("property", ""));
  return CallAndPrint(args, &v1::AdminService::Stub::GetRefreshStatus, request, PrintStatus);
}

}  // namespace

void AddPlanningCommands(CommandLine& cli) {
  cli.Add(ClientCommand({.path = {"refresh"},
                         .group = "admin",
                         .about = "recompute the planning now, push what changed, print a summary",
                         .usage = kRefreshUsage,
                         .options = {{"property", "P", "the property", true}},
                         .run = Refresh}));
  cli.Add(ClientCommand({.path = {"status"},
                         .group = "admin",
                         .about = "last planning refresh and next nightly run of each property",
                         .usage = kStatusUsage,
                         .options = {{"property", "P", "only this property"}},
                         .run = Status}));
}

}  // namespace chansync::app
