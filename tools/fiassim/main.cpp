// fiassim: a FIAS interface (the PMS side of the link) for tests, demos and benchmarks, written
// from the public record description (docs/fias.md). The FIAS link listens on --fias-listen;
// the control API (status, postings, folios, faults, guest events) on --listen.
#include <cstdio>
#include <optional>
#include <string>
#include <thread>

#include "chansync/core/stop_signals.h"
#include "chansync/fias/code_page.h"
#include "chansync/fias/cryptogram.h"
#include "chansync/tools/flag_set.h"
#include "chansync/tools/sim_server.h"
#include "control_api.h"
#include "faults.h"
#include "fias_listener.h"
#include "guest_data.h"
#include "hotel.h"

namespace chansync::fiassim {
namespace {

constexpr char kUsage[] =
    "usage: fiassim [--data FILE] [--fias-listen HOST:PORT] [--fias-ready-file FILE]\n"
    "               [--listen HOST:PORT] [--ready-file FILE] [--key HEX] [--code-page NAME]\n"
    "               [--faults JSON]\n"
    "  --data            guests in house at start (JSON, see docs/fias.md)\n"
    "  --fias-listen     the FIAS link's address (default 127.0.0.1:0, port 0 = any free port)\n"
    "  --fias-ready-file written with the FIAS port once listening\n"
    "  --listen          the control API's address (default 127.0.0.1:0)\n"
    "  --ready-file      written with the control API's port once listening\n"
    "  --key             AES-128 link key, 32 hex digits: the client must send its CG\n"
    "  --code-page       the wire's code page (default CP850)\n"
    "  --faults          fault switches at start, as POST /faults takes them\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "fiassim: %s\n", message.c_str());
  return 1;
}

int Run(int argc, char** argv) {
  tools::SimServerOptions options;
  options.name = "fiassim";
  options.encode_error = EncodeError;
  options.methods = {"GET", "POST"};
  options.flags.threads = 4;
  std::string data, fias_listen = "127.0.0.1:0", fias_ready_file, key_hex, code_page_name,
                    faults_json;
  tools::FlagSet flags;
  options.flags.AddTo(flags);
  flags.String("--data", &data);
  flags.String("--fias-listen", &fias_listen);
  flags.String("--fias-ready-file", &fias_ready_file);
  flags.String("--key", &key_hex);
  flags.String("--code-page", &code_page_name);
  flags.String("--faults", &faults_json);
  if (auto exit_code = tools::ParseCommandLine(flags, options.name, kUsage, argc, argv)) {
    return *exit_code;
  }

  Hotel hotel;
  if (!data.empty()) {
    if (auto loaded = LoadGuestsFile(data, hotel); !loaded) return Fail(loaded.error().message);
  }
  Faults faults;
  if (!faults_json.empty()) {
    if (auto applied = faults.Apply(faults_json); !applied) return Fail(applied.error().message);
  }
  std::optional<fias::LinkKey> key;
  if (!key_hex.empty()) {
    auto parsed = fias::ParseLinkKey(key_hex);
    if (!parsed) return Fail(parsed.error().message);
    key = *parsed;
  }
  auto code_page =
      fias::CodePage::Open(code_page_name.empty() ? fias::CodePage::kDefaultName : code_page_name);
  if (!code_page) return Fail(code_page.error().message);
  std::string fias_host;
  int fias_port = 0;
  if (!tools::ParseListenAddress(fias_listen, &fias_host, &fias_port)) {
    return Fail("bad value for --fias-listen: " + fias_listen);
  }

  // Before any thread starts, so that the signal thread of RunSimServer takes them all.
  (void)core::StopSignals::Block();
  FiasListener link(hotel, faults, *code_page, key);
  auto port = link.Listen(fias_host, fias_port);
  if (!port) return Fail(port.error().message);
  std::printf("fiassim FIAS link on %s\n", tools::ShowAddress(fias_host, *port).c_str());
  std::fflush(stdout);
  if (!fias_ready_file.empty() && !tools::WriteReadyFile(fias_ready_file, std::to_string(*port))) {
    return Fail("cannot write " + fias_ready_file);
  }
  // Runs until the process exits (RunSimServer ends it on SIGINT/SIGTERM).
  std::thread serving([&link] { link.Run(std::stop_token{}); });
  serving.detach();
  ControlApi api(hotel, faults, link);
  return tools::RunSimServer(
      options, [&api](const tools::SimRequest& request) { return api.Handle(request); });
}

}  // namespace
}  // namespace chansync::fiassim

int main(int argc, char** argv) { return chansync::fiassim::Run(argc, argv); }
