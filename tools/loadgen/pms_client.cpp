#include "pms_client.h"

#include <cstdio>

#include "chansync/pms/curl_pms_client.h"

namespace chansync::loadgen {

std::unique_ptr<pms::Pms> PmsClientFrom(const Flags& flags) {
  pms::CurlPmsClientOptions options;
  options.base_url = flags.Get("pms", "http://127.0.0.1:7481");
  options.max_attempts = 1;
  auto client = pms::CurlPmsClient::Make(options);
  if (!client) {
    std::fprintf(stderr, "loadgen: %s\n", client.error().ToString().c_str());
    return nullptr;
  }
  return std::move(*client);
}

}  // namespace chansync::loadgen
