#include "cli_operator.h"

#include <absl/time/time.h>

#include <iostream>

#include "chansync/v1/admin.grpc.pb.h"
#include "chansync/v1/operator.grpc.pb.h"
#include "cli_support.h"
#include "local_time_format.h"
#include "table.h"

namespace chansync::app {
namespace {

constexpr const char* kIntegrationsUsage =
    "usage: chansync integrations --property P --month YYYY-MM [--by sale|stay]\n"
    "                             [--failed | --succeeded] [--json] [--server HOST:PORT]\n";
constexpr const char* kIntegrationUsage =
    "usage: chansync integration show PROPERTY/CHANNEL/RESERVATION [--json]\n";
constexpr const char* kForceUsage =
    "usage: chansync force PROPERTY/CHANNEL/RESERVATION [--allow-overbooking] [--json]\n";

const std::vector<std::string> kSwitches = {"failed", "succeeded", "allow-overbooking"};

std::string StatusName(v1::IntegrationStatus status) {
  switch (status) {
    case v1::INTEGRATION_STATUS_PENDING:
      return "pending";
    case v1::INTEGRATION_STATUS_INTEGRATED:
      return "integrated";
    case v1::INTEGRATION_STATUS_FAILED:
      return "failed";
    case v1::INTEGRATION_STATUS_NOT_INTEGRATED:
      return "not_integrated";
    default:
      return "unknown";
  }
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

// The property's timezone from the admin service; nullopt when it cannot be had.
std::optional<absl::TimeZone> PropertyZone(const Args& args, const std::string& property) {
  v1::GetPropertyRequest request;
  request.set_property_id(property);
  v1::Property response;
  auto stub = v1::AdminService::NewStub(ConnectToServer(args));
  if (!stub->GetProperty(CallContext(args).get(), request, &response).ok()) return std::nullopt;
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(response.timezone(), &zone)) return std::nullopt;
  return zone;
}

bool Forceable(const v1::Integration& integration) {
  return integration.status() == v1::INTEGRATION_STATUS_FAILED ||
         integration.status() == v1::INTEGRATION_STATUS_NOT_INTEGRATED ||
         (integration.status() == v1::INTEGRATION_STATUS_PENDING &&
          integration.error_code() == "AWAITING_OPERATOR");
}

void PrintIntegration(const v1::Integration& i) {
  Table table({"FIELD", "VALUE"});
  table.Add({"id", i.id()});
  table.Add({"property", i.property_id()});
  table.Add({"channel", i.channel_id()});
  table.Add({"channel reservation", i.channel_reservation_id()});
  table.Add({"sold at", i.sold_at()});
  table.Add({"stay", i.arrival() + " .. " + i.departure()});
  table.Add({"guest", i.guest_name()});
  table.Add({"product", i.product()});
  table.Add({"revision", std::to_string(i.revision()) + " (" + i.reservation_status() + ")"});
  table.Add({"availability check", i.availability_check()});
  table.Add({"status", StatusName(i.status())});
  table.Add({"pms reservation", OrDash(i.pms_reservation_id())});
  table.Add({"integrated revision", std::to_string(i.integrated_revision())});
  table.Add({"integrated at", OrDash(i.integrated_at())});
  table.Add({"overbooked", i.overbooked() ? "yes" : "no"});
  table.Add({"error code", OrDash(i.error_code())});
  table.Add({"attempts", std::to_string(i.attempts())});
  table.Add({"tracking id", OrDash(i.tracking_id())});
  table.Add({"received at", i.received_at()});
  table.Add({"updated at", i.updated_at()});
  table.Print(std::cout);
  if (!i.error_message().empty()) {
    std::cout << "\nerror: " << i.error_code() << ": " << i.error_message() << '\n';
  }
  if (Forceable(i)) {
    std::cout << "\nto integrate it again: chansync force " << i.id() << '\n';
    if (i.error_code() == "NO_AVAILABILITY") {
      std::cout << "to integrate it despite no availability: chansync force " << i.id()
                << " --allow-overbooking\n";
    }
  }
}

}  // namespace

int IntegrationsCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {"property", "month", "by", "failed", "succeeded"}, kSwitches);
  if (!args) return ReportUsage(args.error().message, kIntegrationsUsage);
  auto property = args->Require("property");
  if (!property) return ReportUsage(property.error().message, kIntegrationsUsage);
  auto month = args->Require("month");
  if (!month) return ReportUsage(month.error().message, kIntegrationsUsage);
  v1::ListIntegrationsRequest request;
  request.set_property_id(*property);
  request.set_month(*month);
  const std::string by = args->GetOr("by", "sale");
  if (by == "sale") {
    request.set_by(v1::MONTH_INDEX_SALE);
  } else if (by == "stay") {
    request.set_by(v1::MONTH_INDEX_STAY);
  } else {
    return ReportUsage("--by takes sale or stay, got \"" + by + "\"", kIntegrationsUsage);
  }
  if (args->Has("failed") && args->Has("succeeded")) {
    return ReportUsage("--failed and --succeeded exclude each other", kIntegrationsUsage);
  }
  request.set_filter(args->Has("failed")      ? v1::OUTCOME_FILTER_FAILED
                     : args->Has("succeeded") ? v1::OUTCOME_FILTER_SUCCEEDED
                                              : v1::OUTCOME_FILTER_ALL);
  v1::ListIntegrationsResponse response;
  auto stub = v1::OperatorService::NewStub(ConnectToServer(*args));
  auto status = stub->ListIntegrations(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
    return kExitOk;
  }
  const auto zone = PropertyZone(*args, *property);
  std::cout << response.count() << (response.count() == 1 ? " reservation\n" : " reservations\n");
  Table table({zone ? "SALE DATE (local)" : "SALE DATE (UTC)", "CHANNEL", "CHANNEL RESV", "GUEST",
               "AVAIL CHECK", "PMS RESV", "STATUS", "ERROR CODE"});
  for (const auto& i : response.integrations()) {
    table.Add({LocalTime(i.sold_at(), zone.value_or(absl::UTCTimeZone())), i.channel_id(),
               i.channel_reservation_id(), i.guest_name(), i.availability_check(),
               OrDash(i.pms_reservation_id()), StatusName(i.status()), OrDash(i.error_code())});
  }
  if (table.size() > 0) table.Print(std::cout);
  return kExitOk;
}

int IntegrationCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {}, kSwitches);
  if (!args) return ReportUsage(args.error().message, kIntegrationUsage);
  const auto& positionals = args->positionals();
  if (positionals.size() != 2 || positionals[0] != "show") {
    return ReportUsage("expected: integration show ID", kIntegrationUsage);
  }
  v1::GetIntegrationRequest request;
  request.set_id(positionals[1]);
  v1::Integration response;
  auto stub = v1::OperatorService::NewStub(ConnectToServer(*args));
  auto status = stub->GetIntegration(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    PrintIntegration(response);
  }
  return kExitOk;
}

int ForceCommand(const std::vector<std::string>& words) {
  auto args = ParseCommand(words, {"allow-overbooking"}, kSwitches);
  if (!args) return ReportUsage(args.error().message, kForceUsage);
  if (args->positionals().size() != 1) return ReportUsage("expected one id", kForceUsage);
  v1::ForceIntegrationRequest request;
  request.set_id(args->positionals()[0]);
  request.set_allow_overbooking(args->Has("allow-overbooking"));
  v1::ForceIntegrationResponse response;
  auto stub = v1::OperatorService::NewStub(ConnectToServer(*args));
  auto status = stub->ForceIntegration(CallContext(*args).get(), request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (args->Has("json")) {
    std::cout << ToJson(response) << '\n';
  } else {
    std::cout << response.message() << '\n'
              << "status: " << StatusName(response.integration().status())
              << "  tracking id: " << response.tracking_id() << '\n';
  }
  return kExitOk;
}

}  // namespace chansync::app
