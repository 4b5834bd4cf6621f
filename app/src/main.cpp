#include <iostream>
#include <string>
#include <vector>

#include "cli_admin.h"
#include "cli_ingest.h"
#include "cli_operator.h"
#include "cli_planning.h"
#include "cli_support.h"
#include "serve.h"

namespace {

constexpr const char* kHelp = R"(chansync — channel-manager synchronization service

usage: chansync <command> [options]

service
  serve                     run the service (gRPC admin API, workers)

admin (talk to a running service; --server HOST:PORT or $CHANSYNC_SERVER, default 127.0.0.1:7400)
  properties                list properties
  channels                  list channels
  products --property P     channel and PMS products with their link state
  options --property P --channel C --product CP
                            options of a product link with their link state
  link product ...          link a channel product to a PMS product
  link option ...           link a channel option to a PMS option inside a product link
  unlink product ...        unlink a product (its option links go with it)
  unlink option ...         unlink an option
  catalog sync --property P read the property's products and options from its PMS
  mode --property P [classic|pms] [--nightly on|off] [--recheck on|off]
       [--integration on|off] [--multi-link on|off]
                            show or change the gateway mode and levels
  refresh --property P      recompute the planning now, push what changed, print a summary
  status [--property P]     last planning refresh and next nightly run of each property

operator (same --server)
  integrations --property P --month YYYY-MM [--by sale|stay] [--failed|--succeeded]
                            reservations of the month with their integration outcome
  integration show ID       one integration (ID = PROPERTY/CHANNEL/RESERVATION), with its error
  force ID [--allow-overbooking]
                            integrate a failed reservation again; --allow-overbooking
                            integrates it even when the PMS has no availability left

ingest (a portal's push, through the same service)
  push --channel C FILE.json
                            push a reservation (or a JSON array of them, on one stream);
                            prints: accepted <id> (tracking <tracking id>), one per line

Every command prints a table, or JSON with --json. Errors print the stable code and a
message and exit non-zero (1 refused by the service, 2 bad usage or service unreachable).
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
    std::cout << kHelp;
    return words.empty() ? chansync::app::kExitUsage : chansync::app::kExitOk;
  }
  const std::string command = words[0];
  const std::vector<std::string> rest(words.begin() + 1, words.end());
  using namespace chansync::app;
  if (command == "serve") return Serve(rest);
  if (command == "products") return ProductsCommand(rest);
  if (command == "options") return OptionsCommand(rest);
  if (command == "link") return LinkCommand(rest);
  if (command == "unlink") return UnlinkCommand(rest);
  if (command == "mode") return ModeCommand(rest);
  if (command == "properties") return PropertiesCommand(rest);
  if (command == "channels") return ChannelsCommand(rest);
  if (command == "catalog") return CatalogCommand(rest);
  if (command == "refresh") return RefreshCommand(rest);
  if (command == "status") return StatusCommand(rest);
  if (command == "integrations") return IntegrationsCommand(rest);
  if (command == "integration") return IntegrationCommand(rest);
  if (command == "force") return ForceCommand(rest);
  if (command == "push") return PushCommand(rest);
  std::cerr << "error: INVALID_ARGUMENT: unknown command \"" << command
            << "\"; run chansync help\n";
  return kExitUsage;
}
