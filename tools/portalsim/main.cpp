// portalsim: a booking portal receiving planning pushes (docs/channel-planning-api.md) and
// keeping them in memory for inspection through /admin/planning.
#include "chansync/channel/planning_wire.h"
#include "chansync/tools/flag_set.h"
#include "chansync/tools/sim_server.h"
#include "planning_book.h"
#include "portal_api.h"

namespace chansync::portalsim {
namespace {

constexpr char kUsage[] =
    "usage: portalsim [--listen HOST:PORT] [--ready-file FILE] [--threads N] [--latency-ms N]\n"
    "                 [--max-cells N] [--keep-alive-s N]\n"
    "  --listen       address to bind (default 127.0.0.1:0, port 0 = any free port)\n"
    "  --ready-file   written with the bound HOST:PORT once listening\n"
    "  --threads      server threads; each open connection holds one (default 16)\n"
    "  --latency-ms   added before answering every /v1 call (default 0)\n"
    "  --max-cells    planning requests with more cells are refused with 413 (default 100000)\n"
    "  --keep-alive-s idle seconds before a kept-alive connection is closed (default 5)\n";

int Run(int argc, char** argv) {
  // Assigned rather than designated-initialised: see pmssim's main.
  tools::SimServerOptions options;
  options.name = "portalsim";
  options.max_payload_bytes = 64 << 20;
  options.methods = {"GET", "POST", "PUT", "DELETE"};
  options.ready_file_holds_host = true;
  options.encode_error = channel::wire::EncodeError;
  options.error_codes = {{404, "NOT_FOUND"}, {413, "TOO_LARGE"}};
  int max_cells = 100'000;
  tools::FlagSet flags;
  options.flags.AddTo(flags);
  flags.Int("--max-cells", 1, 10'000'000, &max_cells);
  if (auto exit_code = tools::ParseCommandLine(flags, options.name, kUsage, argc, argv)) {
    return *exit_code;
  }

  PlanningBook book;
  PortalApi api(book, options.flags.latency_ms, max_cells);
  return tools::RunSimServer(
      options, [&api](const tools::SimRequest& request) { return api.Handle(request); });
}

}  // namespace
}  // namespace chansync::portalsim

int main(int argc, char** argv) { return chansync::portalsim::Run(argc, argv); }
