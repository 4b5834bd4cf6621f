#include "serve.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/impl/codegen/service_type.h>
#include <grpcpp/server_builder.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>

#include "args.h"
#include "chansync/channel/http_ingest_server.h"
#include "chansync/channel/ingestor.h"
#include "chansync/core/clock.h"
#include "chansync/core/logging.h"
#include "chansync/core/redis.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/redis_link_store.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/sync/admin.h"
#include "chansync/sync/grpc_services.h"
#include "declarations.h"
#include "ingest_options.h"

namespace chansync::app {
namespace {

constexpr const char* kUsage =
    "usage: chansync serve [--listen 127.0.0.1:7400] [--redis 127.0.0.1:6379 | unix:/path]\n"
    "                      [--http-listen 127.0.0.1:7480] [--http-threads 8]\n"
    "                      [--declarations FILE.json] [--ready-file FILE] [--log-level info]\n"
    "The ready file gets the gRPC address on its first line and http=HOST:PORT on the second.\n";

int Fatal(const std::string& message) {
  std::cerr << "chansync serve: " << message << '\n';
  return 2;
}

// Blocks the shutdown signals in every thread (gRPC's included) so the main thread can wait.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

}  // namespace

int Serve(const std::vector<std::string>& words) {
  auto args = Args::Parse(words, {"help"});
  if (!args) return Fatal(args.error().message + "\n" + kUsage);
  if (args->Has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (auto unknown = args->Unknown({"listen", "redis", "declarations", "ready-file", "log-level",
                                    "http-listen", "http-threads"});
      !unknown.empty()) {
    return Fatal("unknown option --" + unknown.front() + "\n" + kUsage);
  }
  const sigset_t signals = BlockShutdownSignals();
  core::SetUpLogging(args->GetOr("log-level", "info"));

  auto endpoint = core::RedisEndpoint::Parse(args->GetOr("redis", "127.0.0.1:6379"));
  if (!endpoint) return Fatal(endpoint.error().message);
  core::RedisOptions redis_options;
  redis_options.pool_size = 16;
  core::RedisPool redis(*endpoint, redis_options);
  if (auto ping = redis.Command({"PING"}); !ping) return Fatal(ping.error().ToString());

  linking::RedisPropertyStore properties(redis);
  linking::RedisLinkStore links(redis);
  linking::LinkRegistry registry(properties, links);
  sync::Admin admin(properties, registry);

  if (auto path = args->Get("declarations")) {
    auto declarations = LoadDeclarations(*path);
    if (!declarations) return Fatal(declarations.error().ToString());
    auto report = ApplyDeclarations(*declarations, properties, registry);
    if (!report) return Fatal(report.error().ToString());
    spdlog::info("declarations {}: {} properties, {} channels, {} links created", *path,
                 report->properties_created, report->channels_created, report->links_created);
    for (const auto& warning : report->warnings) spdlog::warn("declarations: {}", warning);
  }

  auto admin_service = sync::MakeAdminGrpcService(admin, properties, registry);

  // Reservation ingest: portals push over gRPC or HTTP; accepted = durably on the Redis queue.
  core::SystemClock clock;
  auto http_options = HttpIngestOptionsFrom(*args);
  if (!http_options) return Fatal(http_options.error().message + "\n" + kUsage);
  auto work_queue = queue::RedisWorkQueue::Open(redis, clock);
  if (!work_queue) return Fatal(work_queue.error().ToString());
  channel::Ingestor ingestor(**work_queue, clock);
  auto ingest_service = sync::MakeIngestGrpcService(ingestor);
  channel::HttpIngestServer http(ingestor, *http_options);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  const std::string listen = args->GetOr("listen", "127.0.0.1:7400");
  int bound_port = 0;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &bound_port);
  builder.RegisterService(admin_service.get());
  builder.RegisterService(ingest_service.get());
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) return Fatal("cannot listen on " + listen);

  const std::string host = listen.substr(0, listen.rfind(':'));
  const std::string address = host + ":" + std::to_string(bound_port);
  spdlog::info("chansync serving gRPC on {} (redis {})", address, endpoint->ToString());
  if (auto started = http.Start(); !started) return Fatal(started.error().ToString());
  spdlog::info("chansync serving HTTP ingest on {}", http.address());
  if (auto ready = args->Get("ready-file")) {
    // Written last, and renamed into place, so a watcher never reads half a file.
    const std::string tmp = *ready + ".tmp";
    std::ofstream(tmp) << address << '\n' << "http=" << http.address() << '\n';
    std::rename(tmp.c_str(), ready->c_str());
  }

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("signal {}: shutting down", received);
  http.Stop();
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server->Wait();
  return 0;
}

}  // namespace chansync::app
