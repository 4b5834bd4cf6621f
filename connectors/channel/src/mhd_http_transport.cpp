#include "mhd_http_transport.h"

#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

#include "chansync/channel/request_deadlines.h"
#include "chansync/core/clock.h"
#include "chansync/core/error_json.h"

namespace chansync::channel {
namespace {

constexpr const char* kJson = "application/json";
// How often overdue requests are looked for: deadlines are whole seconds, so a cut comes at most
// this late.
constexpr std::chrono::milliseconds kSweepEvery{250};

// The transport's own refusal, in the same JSON shape as every other error of the API.
// How much of a refused chunked body is still read (and dropped) so its 413 arrives intact.
constexpr size_t kDiscardAllowance = size_t{1} << 20;

HttpAnswer BodyTooLarge() {
  return {
      413,
      core::ErrorJson({core::ErrorCode::kInvalidArgument, "body: larger than the server accepts"}),
      true};
}

std::string PeerAddress(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return "";
  char text[INET6_ADDRSTRLEN] = "";
  const sockaddr* address = info->client_addr;
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
              sizeof text);
  }
  return text;
}

// Ends a connection from outside its event thread: the peer sees the end of the stream, and the
// event thread that serves the socket reads it and closes the connection as if the client had,
// running the library's usual teardown. Closing the descriptor instead would race with it.
void CutSocket(int socket) { (void)shutdown(socket, SHUT_RDWR); }

RequestDeadlines::Connection* DeadlinesOf(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info == nullptr ? nullptr
                         : static_cast<RequestDeadlines::Connection*>(info->socket_context);
}

MHD_Result CollectHeader(void* request, MHD_ValueKind, const char* key, const char* value) {
  static_cast<HttpRequest*>(request)->headers.emplace_back(key, value == nullptr ? "" : value);
  return MHD_YES;
}

MHD_Result CollectQuery(void* request, MHD_ValueKind, const char* key, const char* value) {
  static_cast<HttpRequest*>(request)->query.emplace_back(key, value == nullptr ? "" : value);
  return MHD_YES;
}

// A declared Content-Length over the limit is refused before any of the body is read.
bool DeclaresTooMuch(const HttpRequest& request, size_t limit) {
  const std::string_view declared = request.Header("Content-Length");
  if (declared.empty()) return false;
  char* end = nullptr;
  const std::string text(declared);
  errno = 0;
  const unsigned long long length = std::strtoull(text.c_str(), &end, 10);
  return errno == ERANGE || length > limit;
}

void LogFromLibrary(void*, const char* format, va_list args) {
  char line[512];
  std::vsnprintf(line, sizeof line, format, args);
  std::string_view text(line);
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  spdlog::debug("http: {}", text);
}

// Binds the listening socket here rather than in the library, to choose its options: a deep
// backlog, and SO_REUSEADDR without SO_REUSEPORT, so a restart rebinds a port in TIME_WAIT but a
// second instance on a port another process listens on fails to start instead of silently
// taking half the connections.
core::Result<int> Listen(const std::string& host, int port, int backlog) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "cannot resolve " + host);
  }
  int fd = socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  const int yes = 1;
  const bool listening =
      fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) == 0 &&
      bind(fd, found->ai_addr, found->ai_addrlen) == 0 && listen(fd, backlog) == 0;
  freeaddrinfo(found);
  if (!listening) {
    if (fd >= 0) close(fd);
    return core::Fail(core::ErrorCode::kInvalidArgument, "cannot listen for HTTP on " + host + ":" +
                                                             std::to_string(port) +
                                                             " (is the port already in use?)");
  }
  return fd;
}

int BoundPort(int fd) {
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) return 0;
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  }
  return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
}

}  // namespace

// One request on one connection, from its headers until the library reports it complete.
struct MhdExchange {
  HttpRequest request;
  bool refused = false;     // answered 413 before its body was read
  bool over_limit = false;  // the body passed the limit; the rest is read and dropped
  size_t discarded = 0;     // bytes dropped since it passed
  bool dispatched = false;  // handed to the handler
  std::mutex mutex;
  std::optional<HttpAnswer> answer;  // set by the reply, from any thread
  bool suspended = false;            // the connection waits for the answer
};

struct MhdHttpTransport::Impl {
  Impl(const MhdTransportOptions& options, const HttpHandler& handler)
      : options(options),
        handler(handler),
        deadlines(
            RequestTimeouts{
                .headers = std::chrono::seconds(std::max(1, options.header_timeout_seconds)),
                .body = std::chrono::seconds(std::max(1, options.body_timeout_seconds)),
                .keep_alive = std::chrono::seconds(std::max(1, options.idle_timeout_seconds)),
            },
            clock, &CutSocket) {}

  // The library reports a connection opened before anything is read from it (before the TLS
  // handshake too), and closed before it closes the socket.
  static void NotifyConnection(void* self, MHD_Connection* connection, void** socket_context,
                               MHD_ConnectionNotificationCode code) {
    auto& deadlines = static_cast<Impl*>(self)->deadlines;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
      const MHD_ConnectionInfo* socket =
          MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
      if (socket != nullptr) *socket_context = deadlines.Opened(socket->connect_fd);
      return;
    }
    deadlines.Closed(static_cast<RequestDeadlines::Connection*>(*socket_context));
    *socket_context = nullptr;
  }

  // Called when a request line is complete; what it returns becomes the request's context, which
  // Access creates itself, so nothing.
  static void* RequestLine(void* self, const char*, MHD_Connection* connection) {
    static_cast<Impl*>(self)->deadlines.RequestLineReceived(DeadlinesOf(connection));
    return nullptr;
  }

  static MHD_Result Access(void* self, MHD_Connection* connection, const char* url,
                           const char* method, const char*, const char* upload_data,
                           size_t* upload_data_size, void** context) {
    auto* impl = static_cast<Impl*>(self);
    auto* exchange = static_cast<MhdExchange*>(*context);
    if (exchange == nullptr) return impl->Begin(connection, url, method, context);
    if (exchange->refused) {  // its 413 is queued already
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (*upload_data_size > 0) {
      const bool keep_reading = impl->Receive(*exchange, upload_data, *upload_data_size);
      *upload_data_size = 0;
      if (keep_reading) return MHD_YES;
      RefuseMidBody(connection);
      return MHD_NO;
    }
    if (exchange->over_limit) return Queue(connection, BodyTooLarge());
    if (!exchange->dispatched) return impl->Dispatch(connection, *exchange);
    std::lock_guard lock(exchange->mutex);  // resumed: the answer is in
    return Queue(connection, std::move(*exchange->answer));
  }

  static void Completed(void* self, MHD_Connection* connection, void** context,
                        MHD_RequestTerminationCode) {
    delete static_cast<MhdExchange*>(*context);
    *context = nullptr;
    static_cast<Impl*>(self)->deadlines.Answered(DeadlinesOf(connection));
  }

  MHD_Result Begin(MHD_Connection* connection, const char* url, const char* method,
                   void** context) {
    if (!options.tls_client_ca_pem.empty() && !ClientCertificateValid(connection)) {
      return MHD_NO;  // closes the connection: nothing is read from an unknown client
    }
    deadlines.HeadersReceived(DeadlinesOf(connection));
    auto exchange = std::make_unique<MhdExchange>();
    HttpRequest& request = exchange->request;
    request.method = method;
    request.path = url;
    request.peer = PeerAddress(connection);
    request.tls = !options.tls_cert_pem.empty();
    MHD_get_connection_values(connection, MHD_HEADER_KIND, &CollectHeader, &request);
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &CollectQuery, &request);
    exchange->refused = DeclaresTooMuch(request, options.max_body_bytes);
    *context = exchange.release();
    // Answered before the body is read; the library then closes the connection.
    if (static_cast<MhdExchange*>(*context)->refused) return Queue(connection, BodyTooLarge());
    return MHD_YES;
  }

  // A chunked body that passes the limit is refused, but the overshoot is still read and
  // dropped, up to kDiscardAllowance: closing a socket with unread input resets it, and the
  // reset can destroy the 413 before the client reads it. So a client that overshoots by a
  // little gets a clean 413 once its body ends; one that keeps sending is cut off (false here,
  // then RefuseMidBody). Nothing past the limit is kept, and the body deadline bounds the time.
  bool Receive(MhdExchange& exchange, const char* data, size_t size) const {
    if (exchange.over_limit) {
      exchange.discarded += size;
      return exchange.discarded <= kDiscardAllowance;
    }
    if (size > options.max_body_bytes - exchange.request.body.size()) {
      exchange.request.body = std::string();
      exchange.over_limit = true;
      exchange.discarded = size;
      return exchange.discarded <= kDiscardAllowance;
    }
    exchange.request.body.append(data, size);
    return true;
  }

  // The library can queue an answer only before a body or after all of it, so the 413 of a
  // chunked body that passes the discard allowance is written on the connection here, after
  // which the library closes it. One small write into an empty send buffer: it does not block.
  static void RefuseMidBody(MHD_Connection* connection) {
    const HttpAnswer answer = BodyTooLarge();
    const std::string raw =
        "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(answer.body.size()) + "\r\n\r\n" + answer.body;
    if (const MHD_ConnectionInfo* tls =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
        tls != nullptr && tls->tls_session != nullptr) {
      (void)gnutls_record_send(static_cast<gnutls_session_t>(tls->tls_session), raw.data(),
                               raw.size());
      return;
    }
    if (const MHD_ConnectionInfo* socket =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        socket != nullptr) {
      (void)send(socket->connect_fd, raw.data(), raw.size(), MSG_NOSIGNAL);
    }
  }

  MHD_Result Dispatch(MHD_Connection* connection, MhdExchange& exchange) {
    exchange.dispatched = true;
    deadlines.RequestReceived(DeadlinesOf(connection));
    {
      std::lock_guard lock(pending_mutex);
      ++pending;
    }
    MhdExchange* waiting = &exchange;
    handler(std::move(exchange.request), [this, waiting, connection](HttpAnswer answer) {
      {
        // The exchange lives until the library reports the request complete, which cannot
        // happen while its connection is suspended waiting for this answer.
        std::lock_guard lock(waiting->mutex);
        waiting->answer = std::move(answer);
        if (waiting->suspended) {
          waiting->suspended = false;
          MHD_resume_connection(connection);
        }
      }
      std::lock_guard lock(pending_mutex);
      if (--pending == 0) pending_done.notify_all();
    });
    std::lock_guard lock(exchange.mutex);
    if (exchange.answer) return Queue(connection, std::move(*exchange.answer));
    exchange.suspended = true;
    MHD_suspend_connection(connection);
    return MHD_YES;
  }

  static MHD_Result Queue(MHD_Connection* connection, HttpAnswer answer) {
    MHD_Response* response = MHD_create_response_from_buffer(answer.body.size(), answer.body.data(),
                                                             MHD_RESPMEM_MUST_COPY);
    if (response == nullptr) return MHD_NO;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, kJson);
    if (answer.close_connection) {
      MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
    }
    if (!answer.retry_after.empty()) {
      MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, answer.retry_after.c_str());
    }
    const MHD_Result queued =
        MHD_queue_response(connection, static_cast<unsigned>(answer.status), response);
    MHD_destroy_response(response);
    return queued;
  }

  bool ClientCertificateValid(MHD_Connection* connection) const {
    const MHD_ConnectionInfo* info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    if (info == nullptr || info->tls_session == nullptr) return false;
    auto session = static_cast<gnutls_session_t>(info->tls_session);
    unsigned int status = 0;
    const int verified = gnutls_certificate_verify_peers2(session, &status);
    if (verified == GNUTLS_E_SUCCESS && status == 0) return true;
    spdlog::warn("http: connection from {} refused: {}", PeerAddress(connection),
                 verified != GNUTLS_E_SUCCESS ? gnutls_strerror(verified)
                                              : "client certificate not signed by the client CA");
    return false;
  }

  core::Result<int> Start() {
    ASSIGN_OR_RETURN(listen_fd, Listen(options.host, options.port, options.listen_backlog));
    const int port = BoundPort(listen_fd);
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
                         MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    std::vector<MHD_OptionItem> items = {
        {MHD_OPTION_LISTEN_SOCKET, listen_fd, nullptr},
        {MHD_OPTION_THREAD_POOL_SIZE, std::max(1, options.event_threads), nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, std::max(1, options.idle_timeout_seconds), nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, std::max(1, options.max_connections), nullptr},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, std::max(1, options.max_connections_per_address),
         nullptr},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&Completed), this},
        {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&NotifyConnection), this},
        {MHD_OPTION_URI_LOG_CALLBACK, reinterpret_cast<intptr_t>(&RequestLine), this},
        {MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&LogFromLibrary), nullptr},
    };
    if (!options.tls_cert_pem.empty()) {
      flags |= MHD_USE_TLS;
      items.push_back(
          {MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(options.tls_cert_pem.c_str())});
      items.push_back(
          {MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(options.tls_key_pem.c_str())});
      if (!options.tls_client_ca_pem.empty()) {
        items.push_back(
            {MHD_OPTION_HTTPS_MEM_TRUST, 0, const_cast<char*>(options.tls_client_ca_pem.c_str())});
      }
    }
    items.push_back({MHD_OPTION_END, 0, nullptr});
    daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &Access, this, MHD_OPTION_ARRAY,
                              items.data(), MHD_OPTION_END);
    if (daemon == nullptr) {
      close(listen_fd);
      listen_fd = -1;
      return core::Fail(
          core::ErrorCode::kInvalidArgument,
          "cannot serve HTTP on " + options.host + ":" + std::to_string(port) +
              (options.tls_cert_pem.empty() ? "" : " (is the TLS certificate or key malformed?)"));
    }
    sweeper = std::jthread([this](std::stop_token stop) { SweepUntil(stop); });
    return port;
  }

  void SweepUntil(std::stop_token stop) {
    while (clock.WaitFor(kSweepEvery, stop)) {
      if (const size_t cut = deadlines.Sweep(); cut > 0) {
        spdlog::info(
            "http: closed {} connection(s) whose request was not received in time (headers {} s, "
            "body {} s)",
            cut, options.header_timeout_seconds, options.body_timeout_seconds);
      }
    }
  }

  void Stop() {
    if (daemon == nullptr) return;
    const MHD_socket quiesced = MHD_quiesce_daemon(daemon);  // no new connection from here
    if (quiesced != MHD_INVALID_SOCKET) close(quiesced);
    // A suspended connection must be resumed before the daemon stops: wait for the answers.
    std::unique_lock lock(pending_mutex);
    pending_done.wait(lock, [this] { return pending == 0; });
    lock.unlock();
    MHD_stop_daemon(daemon);
    daemon = nullptr;
    listen_fd = -1;
    sweeper.request_stop();
    sweeper.join();
  }

  const MhdTransportOptions& options;
  const HttpHandler& handler;
  MHD_Daemon* daemon = nullptr;
  int listen_fd = -1;
  std::mutex pending_mutex;
  std::condition_variable pending_done;
  size_t pending = 0;  // requests handed to the handler and not answered yet
  core::SystemClock clock;
  RequestDeadlines deadlines;  // the daemon's callbacks report to it until it stopped
  std::jthread sweeper;        // cuts overdue requests while the daemon runs
};

MhdHttpTransport::MhdHttpTransport(MhdTransportOptions options, HttpHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {}

MhdHttpTransport::~MhdHttpTransport() { Stop(); }

core::Result<int> MhdHttpTransport::Start() {
  if (impl_) return core::Fail(core::ErrorCode::kInvalidArgument, "HTTP server already started");
  auto impl = std::make_unique<Impl>(options_, handler_);
  ASSIGN_OR_RETURN(const int port, impl->Start());
  impl_ = std::move(impl);
  return port;
}

void MhdHttpTransport::Stop() {
  if (!impl_) return;
  impl_->Stop();
  impl_.reset();
}

}  // namespace chansync::channel
