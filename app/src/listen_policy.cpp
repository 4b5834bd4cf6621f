#include "listen_policy.h"

#include <arpa/inet.h>

#include "host_port.h"

namespace chansync::app {
namespace {

core::Status CheckOne(const std::string& flag, const std::string& address) {
  // A unix socket (gRPC's "unix:PATH") is reachable from this host only, like loopback.
  if (address.starts_with("unix:")) return core::Ok();
  auto parsed = ParseHostPort(address);
  if (!parsed) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--" + flag + " " + parsed.error().message);
  }
  if (IsLoopbackHost(parsed->host)) return core::Ok();
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "--" + flag + " " + address +
                        " is not a loopback address and no certificate is configured "
                        "(--tls-cert, --tls-key): plain text is served on loopback only; start "
                        "with --insecure-listen to listen there without TLS anyway");
}

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

core::Status CheckListenAddresses(const ServeConfig& config) {
  if (config.insecure_listen || (!config.tls_cert.empty() && !config.tls_key.empty())) {
    return core::Ok();
  }
  RETURN_IF_ERROR(CheckOne("listen", config.grpc_listen));
  return CheckOne("http-listen", config.http_listen);
}

}  // namespace chansync::app
