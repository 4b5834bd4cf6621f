#pragma once

#include <string>
#include <string_view>

#include "chansync/tools/flag_set.h"

namespace chansync::tools {

// The flags every simulator takes.
struct ServerFlags {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = any free port
  std::string ready_file;
  int threads = 16;
  int latency_ms = 0;
  int keep_alive_s = 5;
  // Both set: serve HTTPS with this certificate (chain) and private key, PEM files.
  std::string tls_cert;
  std::string tls_key;

  // Adds --listen HOST:PORT (an IPv6 host in brackets), --ready-file, --threads, --latency-ms,
  // --keep-alive-s, --tls-cert and --tls-key to `flags`, writing into this object.
  void AddTo(FlagSet& flags);
};

// Splits "HOST:PORT" or "[IPv6]:PORT"; false when it is neither or the port is not 0..65535.
bool ParseListenAddress(std::string_view text, std::string* host, int* port);

// "host:port", the host in brackets when it is an IPv6 address.
std::string ShowAddress(const std::string& host, int port);

}  // namespace chansync::tools
