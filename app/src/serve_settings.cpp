#include "serve_settings.h"

#include "durability.h"
#include "host_port.h"
#include "token_storage_setting.h"

namespace chansync::app {
namespace {

core::Status CheckHostPort(const std::string& value) {
  RETURN_IF_ERROR(ParseHostPort(value));
  return core::Ok();
}

core::Status CheckDurability(const std::string& value) {
  RETURN_IF_ERROR(ParseDurability(value));
  return core::Ok();
}

core::Status CheckTokenStorage(const std::string& value) {
  RETURN_IF_ERROR(ParseTokenStorageMode(value));
  return core::Ok();
}

core::Status CheckOnOff(const std::string& value) {
  if (value == "on" || value == "off") return core::Ok();
  return core::Fail(core::ErrorCode::kInvalidArgument, "takes on or off, got \"" + value + "\"");
}

// Ranges keep a typo from becoming a service that never retries or claims a million at once.
const ServeSetting kSettings[] = {
    {"listen", "grpc", "listen", "HOST:PORT", "gRPC address; port 0 picks a free port",
     TextSetting{&ServeConfig::grpc_listen}},
    {"redis", "redis", "endpoint", "HOST:PORT|unix:PATH", "Redis to use",
     TextSetting{&ServeConfig::redis}},
    {"redis-user", "redis", "user", "NAME", "Redis ACL user to authenticate as (empty: default)",
     TextSetting{&ServeConfig::redis_user}},
    {"redis-password-file", "redis", "password_file", "FILE",
     "file whose first line is the Redis password, sent with AUTH on every connection; the "
     "password itself is never a flag (empty: no AUTH)",
     TextSetting{&ServeConfig::redis_password_file}},
    {"durability", "redis", "durability", "everysec|always|replicated",
     "what an accepted reservation survives (docs/RELIABILITY.md): everysec trusts the server's "
     "AOF, always refuses to start unless appendfsync is always, replicated waits for a replica",
     TextSetting{&ServeConfig::durability, CheckDurability}},
    {"replica-wait-ms", "redis", "replica_wait_ms", "MS",
     "with --durability replicated: how long an accepted batch waits for a replica's copy",
     IntegerSetting{&ServeConfig::replica_wait_ms, 1, 60'000}},
    {"http-listen", "http", "listen", "HOST:PORT",
     "HTTP ingest address for portals; port 0 picks a free port, [::1]:PORT for IPv6",
     TextSetting{&ServeConfig::http_listen, CheckHostPort}},
    {"http-threads", "http", "threads", "N",
     "HTTP ingest threads for batches and availability checks (connections cost none)",
     IntegerSetting{&ServeConfig::http_threads, 1, 1024}},
    {"http-idle-timeout-s", "http", "idle_timeout_s", "S",
     "an HTTP connection that sends nothing for this long is closed (idle, or stalled in its "
     "headers or body)",
     IntegerSetting{&ServeConfig::http_idle_timeout_s, 1, 3600}},
    {"http-header-timeout-s", "http", "header_timeout_s", "S",
     "an HTTP request's headers must be complete this long after it started (the connection "
     "opened, or its request line came on a kept-alive connection), however slowly they come",
     IntegerSetting{&ServeConfig::http_header_timeout_s, 1, 3600}},
    {"http-body-timeout-s", "http", "body_timeout_s", "S",
     "an HTTP request's body must be complete this long after its headers",
     IntegerSetting{&ServeConfig::http_body_timeout_s, 1, 3600}},
    {"http-connections-per-address", "http", "connections_per_address", "N",
     "HTTP connections one client address may hold open; more are closed at once",
     IntegerSetting{&ServeConfig::http_connections_per_address, 1, 100'000}},
    {"tls-cert", "tls", "cert", "FILE.pem",
     "certificate (chain) of the gRPC and HTTP listeners; with --tls-key, both serve TLS only "
     "(without one: plain text, on loopback only)",
     TextSetting{&ServeConfig::tls_cert}},
    {"tls-key", "tls", "key", "FILE.pem", "private key of --tls-cert",
     TextSetting{&ServeConfig::tls_key}},
    {"tls-client-ca", "tls", "client_ca", "FILE.pem",
     "CA of the client certificates: when set, a client without a certificate it signed is "
     "refused on both listeners (empty: no client certificate asked)",
     TextSetting{&ServeConfig::tls_client_ca}},
    {"insecure-listen", "tls", "insecure_listen", "",
     "listen in plain text on addresses other than loopback (no certificate configured)",
     SwitchSetting{&ServeConfig::insecure_listen}},
    {"tls-ca-file", "outbound", "ca_file", "FILE.pem",
     "CA bundle verifying https portals and PMSs (empty: the system store)",
     TextSetting{&ServeConfig::tls_ca_file}},
    {"insecure-outbound", "outbound", "insecure", "",
     "accept http:// portal and PMS endpoints on hosts other than loopback",
     SwitchSetting{&ServeConfig::insecure_outbound}},
    {"rate-limit-per-channel", "ingest", "rate_limit_per_channel", "N",
     "reservations per second one channel may push; beyond, RATE_LIMITED / 429 (0: no limit)",
     IntegerSetting{&ServeConfig::rate_limit_per_channel, 0, 1'000'000}},
    {"rate-limit-burst", "ingest", "rate_limit_burst", "N",
     "reservations a channel that was quiet may push at once",
     IntegerSetting{&ServeConfig::rate_limit_burst, 1, 10'000'000}},
    {"workers", "worker", "count", "N", "integration workers (0: ingest and admin only)",
     IntegerSetting{&ServeConfig::workers, 0, 64}},
    {"posting-workers", "postings", "workers", "N",
     "posting workers: each claims a batch of postings and books it in the PMS (0: accept only)",
     IntegerSetting{&ServeConfig::posting_workers, 0, 64}},
    {"batch-size", "worker", "batch_size", "N",
     "reservations a worker claims and integrates together",
     IntegerSetting{&ServeConfig::batch_size, 1, 1000}},
    {"pms-in-flight", "worker", "pms_in_flight", "N",
     "PMS writes of a batch one worker has outstanding (workers x this = connections to the PMS)",
     IntegerSetting{&ServeConfig::pms_in_flight, 1, 256}},
    {"pms-attempts", "worker", "pms_attempts", "N",
     "PMS calls per revision before recording its own PMS_UNAVAILABLE (the PMS answering others)",
     IntegerSetting{&ServeConfig::pms_attempts, 1, 100}},
    {"pms-backoff-ms", "worker", "pms_backoff_ms", "MS",
     "first PMS retry delay; doubles each attempt (full jitter, capped at 2 min)",
     IntegerSetting{&ServeConfig::pms_backoff_ms, 1, 600'000}},
    {"pms-outage-window-ms", "worker", "pms_outage_window_ms", "MS",
     "how long a reservation waits for a PMS that does not answer before it fails",
     IntegerSetting{&ServeConfig::pms_outage_window_ms, 1, 30 * 24 * 3'600'000LL}},
    {"reclaim-idle-ms", "queue", "reclaim_idle_ms", "MS",
     "a message claimed this long ago by a dead instance is taken over",
     IntegerSetting{&ServeConfig::reclaim_idle_ms, 1, 3'600'000}},
    {"check-deadline-ms", "availability_check", "deadline_ms", "MS",
     "bound on the PMS call of an availability check made while a guest books",
     IntegerSetting{&ServeConfig::check_deadline_ms, 1, 60'000}},
    {"horizon-days", "planning", "horizon_days", "N",
     "nights of planning computed and pushed to the channels",
     IntegerSetting{&ServeConfig::horizon_days, 1, 1000}},
    {"lease-ttl-ms", "planning", "nightly_lease_ttl_ms", "MS",
     "the nightly refresh lease; a dead instance's property is taken over after it",
     IntegerSetting{&ServeConfig::lease_ttl_ms, 100, 3'600'000}},
    {"secrets-key-file", "secrets", "key_file", "FILE",
     "the key sealing PMS tokens in Redis: 64 hex digits, readable by its owner only (empty: "
     "none, and no PMS token can be stored)",
     TextSetting{&ServeConfig::secrets_key_file}},
    {"pms-token-storage", "secrets", "pms_token_storage", "sealed|insecure-plain",
     "insecure-plain keeps PMS tokens readable in Redis when no secrets key is configured: for "
     "local work only",
     TextSetting{&ServeConfig::pms_token_storage, CheckTokenStorage}},
    {"instance", "", "instance", "NAME",
     "this process's name in refresh statuses and nightly leases (empty: host-pid)",
     TextSetting{&ServeConfig::instance}},
    {"declarations", "", "declarations", "FILE.json",
     "channels and properties to create at start (empty: none)",
     TextSetting{&ServeConfig::declarations}},
    {"ready-file", "", "ready_file", "FILE",
     "written once serving: the gRPC address, then http=HOST:PORT (empty: none)",
     TextSetting{&ServeConfig::ready_file}},
    {"log-level", "", "log_level", "LEVEL", "trace, debug, info, warn or error",
     TextSetting{&ServeConfig::log_level}},
    {"auth", "auth", "mode", "on|off",
     "API keys on every call; off admits anyone, for local experiments only",
     TextSetting{&ServeConfig::auth, CheckOnOff}},
    {"bootstrap-admin-key-file", "auth", "bootstrap_admin_key_file", "FILE",
     "when no admin key exists yet, make one and write it to this file, readable by its owner "
     "only (empty: none)",
     TextSetting{&ServeConfig::bootstrap_admin_key_file}},
};

}  // namespace

std::string ServeSetting::FileKey() const {
  return table.empty() ? std::string(key) : std::string(table) + "." + std::string(key);
}

std::span<const ServeSetting> ServeSettings() { return kSettings; }

core::Status SetInteger(const ServeSetting& setting, int64_t value, const std::string& where,
                        ServeConfig& config) {
  const auto& integer = std::get<IntegerSetting>(setting.value);
  if (value < integer.min || value > integer.max) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      where + " " + IntegerRule(integer.min, integer.max));
  }
  config.*integer.member = value;
  return core::Ok();
}

core::Status SetText(const ServeSetting& setting, std::string value, const std::string& where,
                     ServeConfig& config) {
  const auto& text = std::get<TextSetting>(setting.value);
  if (text.check != nullptr) {
    if (auto checked = text.check(value); !checked) {
      return core::Fail(core::ErrorCode::kInvalidArgument, where + " " + checked.error().message);
    }
  }
  config.*text.member = std::move(value);
  return core::Ok();
}

}  // namespace chansync::app
