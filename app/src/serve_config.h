#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "args.h"
#include "chansync/core/error.h"

namespace chansync::app {

// Everything `chansync serve` can be told, by flag or in its configuration file; the member
// initializers are the built-in defaults. serve_settings.cpp names each member's flag and key.
struct ServeConfig {
  std::string grpc_listen = "127.0.0.1:7400";  // port 0: any free port
  std::string redis = "127.0.0.1:6379";        // host:port or unix:/path
  std::string redis_user;                      // empty: AUTH as the default user
  std::string redis_password_file;             // empty: no AUTH; the password is its first line
  std::string durability = "everysec";         // everysec | always | replicated (durability.h)
  int64_t replica_wait_ms = 1000;              // durability "replicated": WAIT's timeout
  std::string http_listen = "127.0.0.1:7480";  // HOST:PORT, [::1]:PORT for IPv6
  int64_t http_threads = 8;
  int64_t http_idle_timeout_s = 5;
  int64_t http_header_timeout_s = 10;
  int64_t http_body_timeout_s = 30;
  int64_t http_connections_per_address = 256;
  // The listeners' certificate and key (PEM files): TLS on both listeners when given. Without
  // them, serve listens on loopback only, unless `insecure_listen` says plain text on other
  // addresses is meant.
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;  // when set, portals must present a certificate it signed
  bool insecure_listen = false;
  // Outgoing https (planning pushes, PMS calls): the CA bundle that verifies peers; empty: the
  // system store. `insecure_outbound` allows http:// endpoints on hosts other than loopback.
  std::string tls_ca_file;
  bool insecure_outbound = false;
  int64_t rate_limit_per_channel = 2000;  // reservations/s one channel may push; 0: no limit
  int64_t rate_limit_burst = 4000;
  int64_t workers = 2;
  int64_t posting_workers = 2;
  int64_t batch_size = 64;
  int64_t pms_in_flight = 8;
  int64_t pms_attempts = 5;
  int64_t pms_backoff_ms = 500;
  int64_t pms_outage_window_ms = 24 * 3'600'000;
  int64_t reclaim_idle_ms = 30'000;
  int64_t check_deadline_ms = 2000;
  int64_t horizon_days = 365;
  int64_t lease_ttl_ms = 30'000;
  std::string secrets_key_file;              // empty: no key (token_cipher.h)
  std::string pms_token_storage = "sealed";  // sealed | insecure-plain (token_storage_setting.h)
  std::string instance;                      // empty: <host>-<pid>
  std::string declarations;                  // empty: none
  std::string ready_file;                    // empty: none
  std::string log_level = "info";
  std::string auth = "on";  // on | off (off: every call is admitted, for local experiments)
  // When given and no active admin or vendor key exists: a new admin key is written there.
  std::string bootstrap_admin_key_file;

  bool operator==(const ServeConfig&) const = default;
};

// A configuration file's text and the name its errors give it (its path).
struct ConfigText {
  std::string name;
  std::string text;
};

// The built-in defaults, overridden by `file` (when given), overridden by the flags in `flags`
// (named as on the command line: "workers", "http-listen", ...). No I/O. INVALID_ARGUMENT
// naming the flag ("--workers must be an integer from 0 to 64") or the file, line and key
// ("chansync.toml:7: worker.count must be ...", "chansync.toml:3: unknown key ...").
core::Result<ServeConfig> BuildServeConfig(const std::optional<ConfigText>& file,
                                           const Args& flags);

}  // namespace chansync::app
