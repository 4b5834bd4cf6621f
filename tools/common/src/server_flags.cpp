#include "chansync/tools/server_flags.h"

namespace chansync::tools {

void ServerFlags::AddTo(FlagSet& flags) {
  flags.Custom("--listen",
               [this](std::string_view value) { return ParseListenAddress(value, &host, &port); });
  flags.String("--ready-file", &ready_file);
  flags.Int("--threads", 1, 4096, &threads);
  flags.Int("--latency-ms", 0, 600'000, &latency_ms);
  flags.Int("--keep-alive-s", 1, 3600, &keep_alive_s);
  flags.String("--tls-cert", &tls_cert);
  flags.String("--tls-key", &tls_key);
}

bool ParseListenAddress(std::string_view text, std::string* host, int* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view name = text.substr(0, colon);
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  if (!ParseIntInRange(text.substr(colon + 1), 0, 65535, port)) return false;
  *host = std::string(name);
  return true;
}

std::string ShowAddress(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace chansync::tools
