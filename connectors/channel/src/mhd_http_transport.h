#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "chansync/channel/http_exchange.h"
#include "chansync/core/error.h"

namespace chansync::channel {

struct MhdTransportOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  int event_threads = 2;
  size_t max_body_bytes = 1 << 20;
  int idle_timeout_seconds = 5;
  // A request's headers must be complete this long after it started (see RequestDeadlines), its
  // body this long after its headers; else the connection is closed.
  int header_timeout_seconds = 10;
  int body_timeout_seconds = 30;
  int max_connections = 10000;
  int max_connections_per_address = 256;
  int listen_backlog = 4096;
  // PEM texts; TLS when cert_pem and key_pem are set. With client_ca_pem a client must present a
  // certificate that CA signed, else its connection is closed before any request is read.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  std::string tls_client_ca_pem;
};

// Called once per complete request, on an event thread: it must not block. It answers through
// the reply, at once or later from any thread; the connection waits for the answer without
// holding a thread.
using HttpHandler = std::function<void(HttpRequest, HttpReply)>;

// HTTP/1.1 on libmicrohttpd: a few event threads (epoll) serve every connection, so an idle or
// slow client costs a socket and a little memory, never a thread. A connection that sends
// nothing for idle_timeout_seconds is closed, whether it is kept alive between requests or
// stalled in the middle of its headers or body; one that sends, however slowly, is closed when
// its request's headers or body take longer than their timeout (a request that was received
// has none while it is handled and answered); at most max_connections_per_address are open
// from one client address (more are closed at once). A body longer than max_body_bytes, told
// by Content-Length or counted as chunks arrive, is answered 413 as soon as it is known, without
// reading or buffering the rest, and the connection is closed. Transport errors (malformed request
// line or headers) are answered by the library itself.
class MhdHttpTransport {
 public:
  MhdHttpTransport(MhdTransportOptions options, HttpHandler handler);
  ~MhdHttpTransport();  // stops
  MhdHttpTransport(const MhdHttpTransport&) = delete;
  MhdHttpTransport& operator=(const MhdHttpTransport&) = delete;

  // Binds and starts serving; returns the bound port. INVALID_ARGUMENT when the address cannot
  // be bound or the TLS material is refused.
  core::Result<int> Start();
  // Stops accepting, waits for every request already handed to the handler to be answered,
  // then closes every connection. Idempotent; not from a handler.
  void Stop();

 private:
  struct Impl;
  const MhdTransportOptions options_;
  const HttpHandler handler_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chansync::channel
