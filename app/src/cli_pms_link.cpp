#include "cli_pms_link.h"

#include <iostream>

#include "chansync/v1/pms_link.grpc.pb.h"
#include "cli_support.h"
#include "pms_link_print.h"

namespace chansync::app {
namespace {

constexpr const char* kStatusUsage = "usage: chansync pms-link status [--property P] [--json]\n";

int Status(const Args& args) {
  v1::GetPmsLinkStatusRequest request;
  request.set_property_id(args.GetOr("property", ""));
  return CallAndPrint(
      args, &v1::PmsLinkService::Stub::GetPmsLinkStatus, request,
      [](const v1::GetPmsLinkStatusResponse& response) { PrintPmsLinks(response, std::cout); });
}

}  // namespace

void AddPmsLinkCommands(CommandLine& cli) {
  cli.Add(
      {.path = {"pms-link"},
       .group = "postings",
       .about = "the relay to a property's PMS interface (FIAS): pms-link status",
       .usage = kStatusUsage,
       .run = [](const Args&) { return ReportUsage("expected: pms-link status", kStatusUsage); }});
  cli.Add(ClientCommand({.path = {"pms-link", "status"},
                         .about = "OK or RELAY DOWN, since when, and the last messages",
                         .usage = kStatusUsage,
                         .options = {{"property", "P", "only this property's relay"}},
                         .run = Status}));
}

}  // namespace chansync::app
