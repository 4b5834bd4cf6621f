#include "ingest_options.h"

#include <charconv>

namespace chansync::app {
namespace {

bool ParseInt(std::string_view text, int min, int max, int* out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size() && *out >= min && *out <= max;
}

}  // namespace

core::Result<channel::HttpIngestOptions> HttpIngestOptionsFrom(const Args& args) {
  channel::HttpIngestOptions options;
  const std::string listen = args.GetOr("http-listen", "127.0.0.1:7480");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      !ParseInt(std::string_view(listen).substr(colon + 1), 0, 65535, &options.port)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--http-listen takes HOST:PORT, got \"" + listen + "\"");
  }
  options.host = listen.substr(0, colon);
  if (options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']') {
    options.host = options.host.substr(1, options.host.size() - 2);
  }
  if (auto threads = args.Get("http-threads");
      threads && !ParseInt(*threads, 1, 1024, &options.worker_threads)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--http-threads takes a number from 1 to 1024, got \"" + *threads + "\"");
  }
  return options;
}

}  // namespace chansync::app
