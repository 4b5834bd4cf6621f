#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/channel/http_exchange.h"
#include "chansync/channel/http_routes.h"
#include "chansync/channel/ingest_authorizer.h"
#include "chansync/core/error.h"

namespace chansync::channel {

class AvailabilityChecks;
class Ingestor;

// TLS for the listener: PEM file paths. Off when cert_file is empty.
struct HttpTlsFiles {
  std::string cert_file;
  std::string key_file;
  // When set, a client must present a certificate this CA signed; one that does not is
  // disconnected before any request is read.
  std::string client_ca_file;
};

struct HttpIngestOptions {
  std::string host = "127.0.0.1";
  int port = 7480;  // 0: any free port; see HttpIngestServer::port()
  // Threads for the routes that wait (batches, availability checks). A single push holds none:
  // it is answered from the queue's completion.
  int worker_threads = 8;
  int event_threads = 2;  // threads serving every connection's sockets
  // Larger bodies get 413, whatever their framing: a chunked body is counted as it arrives and
  // refused as soon as it passes the limit, before more is buffered.
  size_t max_body_bytes = 1 << 20;
  size_t max_batch_items = 1000;
  // A connection that sends nothing for this long is closed: kept alive between requests, or
  // stalled in its headers or body.
  int idle_timeout_seconds = 5;
  // However slowly it sends, a request's headers must be complete this long after it started
  // (the connection opened, or its request line arrived on a kept-alive connection), its body
  // this long after its headers; else the connection is closed (RequestDeadlines).
  int header_timeout_seconds = 10;
  int body_timeout_seconds = 30;
  int max_connections = 10000;
  int max_connections_per_address = 256;  // more from one address are closed at once
  int listen_backlog = 4096;
  HttpTlsFiles tls;
  // Who may call (ingest_authorizer.h); unset: every request is admitted.
  IngestAuthorizer authorize;
  // More routes on the same port (http_routes.h), e.g. the postings API: a request whose path one
  // of them claims goes to the first that does, on the worker threads; the ingest routes answer
  // every other. Not owned: each must outlive the server.
  std::vector<const HttpRoutes*> mounted_routes;
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
//
// Event-driven (libmicrohttpd, see mhd_http_transport.h): idle and slow clients cost no thread;
// a push waiting for the queue holds none either.
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
  // INVALID_ARGUMENT when the address cannot be bound, a TLS file cannot be read or is refused,
  // or when already started.
  core::Status Start();
  // Stops accepting, answers the requests in flight and closes every connection. Idempotent
  // and safe to call from any thread (not from a request handler).
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
  int port_ = 0;
};

}  // namespace chansync::channel
