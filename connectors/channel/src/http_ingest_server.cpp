#include "chansync/channel/http_ingest_server.h"

#include <fstream>
#include <sstream>

#include "http_router.h"
#include "ingest_routes.h"
#include "mhd_http_transport.h"
#include "task_threads.h"

namespace chansync::channel {
namespace {

core::Result<std::string> ReadPem(const std::string& path, std::string_view what) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file || text.str().empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "cannot read the TLS " + std::string(what) + " " + path);
  }
  return text.str();
}

core::Result<MhdTransportOptions> TransportOptions(const HttpIngestOptions& options) {
  MhdTransportOptions transport{
      .host = options.host,
      .port = options.port,
      .event_threads = options.event_threads,
      .max_body_bytes = options.max_body_bytes,
      .idle_timeout_seconds = options.idle_timeout_seconds,
      .header_timeout_seconds = options.header_timeout_seconds,
      .body_timeout_seconds = options.body_timeout_seconds,
      .max_connections = options.max_connections,
      .max_connections_per_address = options.max_connections_per_address,
      .listen_backlog = options.listen_backlog,
  };
  const HttpTlsFiles& tls = options.tls;
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "TLS needs both a certificate and its key");
  }
  if (tls.cert_file.empty()) {
    if (!tls.client_ca_file.empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "client certificates need TLS: give a certificate and key too");
    }
    return transport;
  }
  ASSIGN_OR_RETURN(transport.tls_cert_pem, ReadPem(tls.cert_file, "certificate"));
  ASSIGN_OR_RETURN(transport.tls_key_pem, ReadPem(tls.key_file, "key"));
  if (!tls.client_ca_file.empty()) {
    ASSIGN_OR_RETURN(transport.tls_client_ca_pem, ReadPem(tls.client_ca_file, "client CA"));
  }
  return transport;
}

}  // namespace

// Members are destroyed in reverse: the transport stops (answering what is in flight) while the
// routes and their threads still run.
struct HttpIngestServer::Impl {
  Impl(Ingestor& ingestor, AvailabilityChecks* checks, const HttpIngestOptions& options,
       MhdTransportOptions transport_options)
      : waiting_work(static_cast<size_t>(std::max(1, options.worker_threads))),
        routes(ingestor, checks, options.max_batch_items, options.authorize, waiting_work),
        router(routes, options.mounted_routes, waiting_work),
        transport(std::move(transport_options), [this](HttpRequest request, HttpReply reply) {
          router.Handle(std::move(request), std::move(reply));
        }) {}

  TaskThreads waiting_work;
  IngestRoutes routes;
  HttpRouter router;
  MhdHttpTransport transport;
};

HttpIngestServer::HttpIngestServer(Ingestor& ingestor, HttpIngestOptions options,
                                   AvailabilityChecks* checks)
    : ingestor_(ingestor), options_(std::move(options)), checks_(checks) {}

HttpIngestServer::~HttpIngestServer() { Stop(); }

core::Status HttpIngestServer::Start() {
  std::lock_guard lock(lifecycle_mutex_);
  if (impl_) return core::Fail(core::ErrorCode::kInvalidArgument, "HTTP server already started");
  ASSIGN_OR_RETURN(auto transport_options, TransportOptions(options_));
  auto impl = std::make_unique<Impl>(ingestor_, checks_, options_, std::move(transport_options));
  ASSIGN_OR_RETURN(port_, impl->transport.Start());
  impl_ = std::move(impl);
  return core::Ok();
}

std::string HttpIngestServer::address() const {
  const bool ipv6 = options_.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + options_.host + "]" : options_.host) + ":" + std::to_string(port_);
}

void HttpIngestServer::Stop() {
  std::lock_guard lock(lifecycle_mutex_);
  if (!impl_) return;
  impl_->transport.Stop();
  impl_.reset();
}

}  // namespace chansync::channel
