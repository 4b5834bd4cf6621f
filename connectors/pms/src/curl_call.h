#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/pms/pms.h"
#include "curl_exchange.h"
#include "curl_exchange_batch.h"
#include "curl_handle_pool.h"

namespace chansync::pms::curl {

// What a client of the PMS contract sends with every call, from its options: INVALID_ARGUMENT
// unless base_url is an http:// or https:// URL, the limits are positive and the credentials
// hold no line break. Readies libcurl once per process.
core::Result<ClientSettings> MakeSettings(CurlPmsClientOptions options);

// The body of a 2xx answer to `exchange`, on a kept-alive handle of `handles`, retrying
// transient failures (WorthRetrying) up to settings.options.max_attempts with jittered, capped
// backoff, never past `call.deadline`. Every client of the PMS contract (reservations, folios)
// calls through here, so they retry and give up alike.
core::Result<std::string> CallWithRetries(CurlHandlePool& handles, const Exchange& exchange,
                                          const ClientSettings& settings, const CallOptions& call);

// What every client of the PMS contract holds: its settings, kept-alive handles for single calls
// and multi sessions (with their connections) for batches. Thread-safe.
struct Transport {
  explicit Transport(ClientSettings client_settings)
      : settings(std::move(client_settings)),
        handles(settings.options.max_idle_connections),
        sessions(settings.options.max_idle_connections) {}

  core::Result<std::string> Call(const Exchange& exchange, const CallOptions& call) {
    return CallWithRetries(handles, exchange, settings, call);
  }
  // RunExchanges on a borrowed multi session, given back for the next batch.
  std::vector<core::Result<std::string>> CallMany(const std::vector<Exchange>& exchanges,
                                                  size_t max_in_flight, const CallOptions& call);

  ClientSettings settings;
  CurlHandlePool handles;
  MultiSessionPool sessions;
};

}  // namespace chansync::pms::curl
