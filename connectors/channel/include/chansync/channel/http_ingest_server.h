#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "chansync/channel/ingest_authorizer.h"
#include "chansync/core/error.h"

namespace chansync::channel {

class AvailabilityChecks;
class Ingestor;

struct HttpIngestOptions {
  std::string host = "127.0.0.1";
  int port = 7480;  // 0: any free port; see HttpIngestServer::port()
  int worker_threads = 8;
  // Larger bodies get 413, whatever their framing: a chunked body is counted as it arrives and
  // refused as soon as it passes the limit, before more is buffered.
  size_t max_body_bytes = 1 << 20;
  size_t max_batch_items = 1000;
  // Idle keep-alive connections are closed after this; Stop() may wait as long for them.
  int keep_alive_seconds = 5;
  // Who may call (ingest_authorizer.h); unset: every request is admitted.
  IngestAuthorizer authorize;
};

// The portal-facing HTTP/JSON API (SPEC §1), on keep-alive connections:
//   POST /v1/channels/{channel}/reservations         reservation JSON (core/reservation_json.h)
//        202 {"tracking_id": "...", "id": "<property>/<channel>/<channel_reservation_id>"}
//   POST /v1/channels/{channel}/reservations:batch   JSON array of at most max_batch_items
//        200 {"accepted": N, "results": [{"tracking_id", "id"} | {"error": {"code", "message"}}]}
//   POST /v1/channels/{channel}/availability-checks  {"property", "product", "arrival",
//        "departure", "options": [{"option", "quantity"}]}   (only when given AvailabilityChecks)
//        200 {"outcome": "AVAILABLE"|"UNAVAILABLE"|"ERROR", "units_left", "check_id"
//             [, "error": {"code", "message"}]}; a malformed request is 400 INVALID_ARGUMENT
//   GET  /healthz                                    200 {"status": "ok"}
// Every error body is {"error": {"code": "<stable code>", "message": "..."}}: 400
// INVALID_RESERVATION naming the field, 503 STORE_UNAVAILABLE (nothing accepted; retry),
// 404 NOT_FOUND for unknown routes, 413 and 415 INVALID_ARGUMENT for an oversized body or a
// Content-Type other than application/json. The channel is taken from the path; a body naming
// another channel is refused.
class HttpIngestServer {
 public:
  // `ingestor` and `checks` must outlive the server. Without `checks` the availability-check
  // route answers 404.
  HttpIngestServer(Ingestor& ingestor, HttpIngestOptions options,
                   AvailabilityChecks* checks = nullptr);
  ~HttpIngestServer();  // stops the server
  HttpIngestServer(const HttpIngestServer&) = delete;
  HttpIngestServer& operator=(const HttpIngestServer&) = delete;

  // Binds and starts serving on background threads; returns once requests are accepted.
  // INVALID_ARGUMENT when the address cannot be bound, or when already started.
  core::Status Start();
  // Stops accepting, finishes in-flight requests and joins the threads; idle keep-alive
  // connections are dropped within keep_alive_seconds. Idempotent and safe to call from any
  // thread (not from a request handler).
  void Stop();

  int port() const { return port_; }  // the bound port, once started
  std::string address() const;        // "HOST:PORT" ("[::1]:PORT" for IPv6), once started

 private:
  struct Impl;

  Ingestor& ingestor_;
  const HttpIngestOptions options_;
  AvailabilityChecks* checks_;
  std::unique_ptr<Impl> impl_;
  std::mutex lifecycle_mutex_;
  std::thread listener_;
  int port_ = 0;
};

}  // namespace chansync::channel
