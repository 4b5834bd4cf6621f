// pmssim: serves the PMS contract (docs/pms-api.md) from an in-memory reservation book and
// folio book.
#include <chrono>
#include <cstdio>
#include <string>

#include "chansync/core/local_time.h"
#include "chansync/pms/folio_book.h"
#include "chansync/pms/json_wire.h"
#include "chansync/pms/reservation_book.h"
#include "chansync/tools/flag_set.h"
#include "chansync/tools/sim_server.h"
#include "faults.h"
#include "sim_api.h"
#include "sim_data.h"

namespace chansync::pmssim {
namespace {

constexpr char kUsage[] =
    "usage: pmssim --data FILE [--listen HOST:PORT] [--ready-file FILE] [--threads N]\n"
    "              [--latency-ms N] [--fail-5xx-rate R] [--credentials TOKEN]\n"
    "              [--keep-alive-s N]\n"
    "  --listen       address to bind (default 127.0.0.1:0, port 0 = any free port)\n"
    "  --ready-file   written with the bound port once listening\n"
    "  --threads      server threads; each open connection holds one (default 16)\n"
    "  --credentials  require \"Authorization: Bearer TOKEN\" on /v1 calls\n"
    "  --keep-alive-s idle seconds before a kept-alive connection is closed (default 5)\n";

int Run(int argc, char** argv) {
  // Assigned rather than designated-initialised: g++ 12 -O3 reports the designated form's
  // nested strings as maybe-uninitialized (a false positive) and the Release build stops.
  tools::SimServerOptions options;
  options.name = "pmssim";
  options.encode_error = pms::wire::EncodeError;
  std::string data;
  double fail_5xx_rate = 0;
  std::string credentials;
  tools::FlagSet flags;
  options.flags.AddTo(flags);
  flags.String("--data", &data, /*required=*/true);
  flags.Double("--fail-5xx-rate", 0, 1, &fail_5xx_rate);
  flags.String("--credentials", &credentials);
  if (auto exit_code = tools::ParseCommandLine(flags, options.name, kUsage, argc, argv)) {
    return *exit_code;
  }

  pms::ReservationBook book;
  pms::FolioBook folios;
  // A property whose data names no business date starts on today's (UTC) date.
  auto today = core::LocalDateAt(std::chrono::system_clock::now(), "UTC");
  if (auto ok = LoadPropertiesFile(data, book, folios, today.value_or(core::CivilDate{})); !ok) {
    std::fprintf(stderr, "pmssim: %s\n", ok.error().ToString().c_str());
    return 1;
  }
  Faults faults;
  faults.set_latency_ms(options.flags.latency_ms);
  faults.set_fail_5xx_rate(fail_5xx_rate);
  SimApi api(book, folios, faults, credentials);
  return tools::RunSimServer(
      options, [&api](const tools::SimRequest& request) { return api.Handle(request); });
}

}  // namespace
}  // namespace chansync::pmssim

int main(int argc, char** argv) { return chansync::pmssim::Run(argc, argv); }
