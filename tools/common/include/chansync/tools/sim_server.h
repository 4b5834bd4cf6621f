#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/tools/server_flags.h"
#include "chansync/tools/sim_http.h"

namespace chansync::tools {

struct SimServerOptions {
  std::string name;  // the tool, e.g. "pmssim": starts the lines it prints
  ServerFlags flags;
  size_t max_payload_bytes = 1 << 20;
  // The methods routed to the handler, on every path; the others answer 404.
  std::vector<std::string> methods = {"GET", "POST", "PUT"};
  // The ready file holds HOST:PORT; else the port alone.
  bool ready_file_holds_host = false;
  // The error bodies of answers the server makes itself (unknown method, body too large, an
  // exception): the code by HTTP status, INVALID for the others, INTERNAL for an exception.
  ErrorEncoder encode_error = nullptr;
  std::map<int, std::string> error_codes = {{404, "NOT_FOUND"}};
};

// Serves `handler` over HTTP (HTTPS when the flags name a certificate and key) with
// `options.flags`: one server thread per open connection,
// kept-alive connections closed after keep_alive_s idle, a deep listen backlog. Once listening
// it prints "<name> listening on HOST:PORT" and writes the ready file. On SIGINT or SIGTERM it
// stops accepting, waits (at most 30 s) for the requests being served, prints "<name> stopped"
// and exits the process with 0.
//
// Returns 1, having printed why, only when it cannot start. Call it from main before any other
// thread starts: it blocks the stop signals, and threads inherit that mask.
int RunSimServer(const SimServerOptions& options,
                 std::function<SimResponse(const SimRequest&)> handler);

// Writes `content` and a newline to `path` under a temporary name, then renames it, so a reader
// never sees a partial file. False when either step fails.
bool WriteReadyFile(const std::string& path, std::string_view content);

}  // namespace chansync::tools
