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
    "                             [--failed | --succeeded] [--payment-failed] [--json]\n"
    "                             [--server HOST:PORT]\n";
constexpr const char* kIntegrationUsage =
    "usage: chansync integration show PROPERTY/CHANNEL/RESERVATION [--json]\n";
constexpr const char* kForceUsage =
    "usage: chansync force PROPERTY/CHANNEL/RESERVATION [--allow-overbooking] [--json]\n";

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
  auto channel = ConnectToServer(args);
  if (!channel) return std::nullopt;
  auto stub = v1::AdminService::NewStub(*channel);
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
  table.Add({"payment failed", i.payment_failed() ? "yes" : "no"});
  table.Add({"error code", OrDash(i.error_code())});
  table.Add({"attempts", std::to_string(i.attempts())});
  table.Add({"next try", OrDash(i.next_attempt_at())});
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

// The month's list, request from the command line; INVALID_ARGUMENT naming a bad choice.
core::Result<v1::ListIntegrationsRequest> IntegrationsRequest(const Args& args) {
  v1::ListIntegrationsRequest request;
  request.set_property_id(args.GetOr("property", ""));
  request.set_month(args.GetOr("month", ""));
  const std::string by = args.GetOr("by", "sale");
  if (by == "sale") {
    request.set_by(v1::MONTH_INDEX_SALE);
  } else if (by == "stay") {
    request.set_by(v1::MONTH_INDEX_STAY);
  } else {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--by takes sale or stay, got \"" + by + "\"");
  }
  if (args.Has("failed") && args.Has("succeeded")) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--failed and --succeeded exclude each other");
  }
  request.set_filter(args.Has("failed")      ? v1::OUTCOME_FILTER_FAILED
                     : args.Has("succeeded") ? v1::OUTCOME_FILTER_SUCCEEDED
                                             : v1::OUTCOME_FILTER_ALL);
  request.set_payment_failed_only(args.Has("payment-failed"));
  return request;
}

void PrintIntegrations(const v1::ListIntegrationsResponse& response,
                       const std::optional<absl::TimeZone>& zone) {
  std::cout << response.count() << (response.count() == 1 ? " reservation\n" : " reservations\n");
  Table table({zone ? "SALE DATE (local)" : "SALE DATE (UTC)", "CHANNEL", "CHANNEL RESV", "GUEST",
               "AVAIL CHECK", "PMS RESV", "STATUS", "PAYMENT", "ERROR CODE"});
  for (const auto& i : response.integrations()) {
    table.Add({LocalTime(i.sold_at(), zone.value_or(absl::UTCTimeZone())), i.channel_id(),
               i.channel_reservation_id(), i.guest_name(), i.availability_check(),
               OrDash(i.pms_reservation_id()), StatusName(i.status()),
               i.payment_failed() ? "FAILED" : "-", OrDash(i.error_code())});
  }
  if (table.size() > 0) table.Print(std::cout);
}

int Integrations(const Args& args) {
  auto request = IntegrationsRequest(args);
  if (!request) return ReportUsage(request.error().message, kIntegrationsUsage);
  return CallAndPrint(args, &v1::OperatorService::Stub::ListIntegrations, *request,
                      [&](const v1::ListIntegrationsResponse& response) {
                        PrintIntegrations(response, PropertyZone(args, request->property_id()));
                      });
}

int IntegrationShow(const Args& args) {
  if (args.positionals().size() != 1) {
    return ReportUsage("expected: integration show ID", kIntegrationUsage);
  }
  v1::GetIntegrationRequest request;
  request.set_id(args.positionals()[0]);
  return CallAndPrint(args, &v1::OperatorService::Stub::GetIntegration, request, PrintIntegration);
}

int Force(const Args& args) {
  if (args.positionals().size() != 1) return ReportUsage("expected one id", kForceUsage);
  v1::ForceIntegrationRequest request;
  request.set_id(args.positionals()[0]);
  request.set_allow_overbooking(args.Has("allow-overbooking"));
  return CallAndPrint(args, &v1::OperatorService::Stub::ForceIntegration, request,
                      [](const v1::ForceIntegrationResponse& response) {
                        std::cout << response.message() << '\n'
                                  << "status: " << StatusName(response.integration().status())
                                  << "  tracking id: " << response.tracking_id() << '\n';
                      });
}

OptionSpec IdPositional() { return {"ID", "", "PROPERTY/CHANNEL/RESERVATION"}; }

}  // namespace

void AddOperatorCommands(CommandLine& cli) {
  cli.Add(ClientCommand(
      {.path = {"integrations"},
       .group = "operator",
       .about = "reservations of the month with their integration outcome",
       .usage = kIntegrationsUsage,
       .options = {{"property", "P", "the property", true},
                   {"month", "YYYY-MM", "sale month, or a month with a night of the stay", true},
                   {"by", "sale|stay", "which month --month is (default sale)"},
                   {"failed", "", "only what an operator can force"},
                   {"succeeded", "", "only integrated reservations"},
                   {"payment-failed", "", "only reservations whose payment failed"}},
       .run = Integrations}));
  cli.Add({.path = {"integration"},
           .group = "operator",
           .about = "one integration, with its error (integration show ID)",
           .usage = kIntegrationUsage,
           .run = [](const Args&) {
             return ReportUsage("expected: integration show ID", kIntegrationUsage);
           }});
  cli.Add(ClientCommand({.path = {"integration", "show"},
                         .about = "one integration (ID = PROPERTY/CHANNEL/RESERVATION)",
                         .usage = kIntegrationUsage,
                         .positionals = {IdPositional()},
                         .run = IntegrationShow}));
  cli.Add(ClientCommand({.path = {"force"},
                         .group = "operator",
                         .about = "integrate a failed reservation again",
                         .usage = kForceUsage,
                         .options = {{"allow-overbooking", "",
                                      "integrate it even when the PMS has no availability left"}},
                         .positionals = {IdPositional()},
                         .run = Force}));
}

}  // namespace chansync::app
