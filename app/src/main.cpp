#include <string>
#include <vector>

#include "cli_admin.h"
#include "cli_ingest.h"
#include "cli_keys.h"
#include "cli_operator.h"
#include "cli_planning.h"
#include "cli_pms_link.h"
#include "cli_postings.h"
#include "cli_support.h"
#include "command_line.h"
#include "serve_command.h"

namespace {

constexpr const char* kAbout = "chansync — channel-manager synchronization service";

constexpr const char* kFooter =
    "Admin, operator and ingest commands talk to a running service: --server HOST:PORT, before\n"
    "or after the command, else $CHANSYNC_SERVER, else 127.0.0.1:7400; they call with the API\n"
    "key of --key-file, else $CHANSYNC_KEY, else var/local/admin.key (`make run` writes it).\n"
    "Every command prints a table, or JSON with --json. Errors print the stable code and a\n"
    "message and exit non-zero (1 refused by the service, 2 bad usage or service unreachable).\n"
    "chansync <command> --help describes a command and its options.";

}  // namespace

int main(int argc, char** argv) {
  using namespace chansync::app;
  CommandLine cli(kAbout, kFooter);
  for (const auto& option : ServerOptions()) cli.AddGlobalOption(option);
  AddServeCommand(cli);
  AddAdminCommands(cli);
  AddPlanningCommands(cli);
  AddOperatorCommands(cli);
  AddPostingCommands(cli);
  AddPmsLinkCommands(cli);
  AddIngestCommands(cli);
  AddKeyCommands(cli);
  return cli.Run(std::vector<std::string>(argv + 1, argv + argc));
}
