#include "serve_run.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/server_interceptor.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "chansync/api/grpc/grpc_services.h"
#include "exit_codes.h"
#include "grpc_tls.h"

namespace chansync::app {
namespace {

int Fatal(const std::string& message) {
  std::cerr << "chansync serve: " << message << '\n';
  return kExitUsage;
}

// PMS catalogs come from the PMSs; they are read in the background so that a PMS that is down
// does not hold up the start (the declared catalog stays until then).
std::jthread ReadPmsCatalogs(Wiring& wiring) {
  return std::jthread([&wiring](std::stop_token stop) {
    auto all = wiring.properties->ListProperties();
    if (!all) return spdlog::warn("PMS catalogs: {}", all.error().ToString());
    for (const auto& property : *all) {
      if (stop.stop_requested()) return;
      // A FIAS interface has no catalog: it carries postings and guest data only.
      if (property.pms.endpoint.empty() || property.pms.kind == core::PmsKind::kFias) continue;
      auto report = wiring.catalog_sync->Sync(property.id);
      if (!report) {
        spdlog::warn("PMS catalog of {}: {}", property.id, report.error().ToString());
      } else {
        spdlog::info("PMS catalog of {}: {} products, {} options, {} stale links removed",
                     property.id, report->products, report->options, report->removed_links);
      }
    }
  });
}

// Each worker claims batches under its own consumer name, so a dead process's messages are
// reclaimed by the others.
std::vector<std::jthread> StartWorkers(Wiring& wiring, int64_t count) {
  std::vector<std::jthread> workers;
  for (int64_t i = 0; i < count; ++i) {
    integration::IntegrationWorkerOptions options = wiring.worker_options;
    // Host and pid, not the instance name: two processes given one name must still not share
    // pending entries.
    options.consumer = HostAndPid() + "-" + std::to_string(i);
    workers.emplace_back([&wiring, options](std::stop_token stop) {
      integration::IntegrationWorker(*wiring.work_queue, *wiring.properties, *wiring.registry,
                                     *wiring.pms_directory, *wiring.integration_log, *wiring.checks,
                                     wiring.clock, options)
          .Run(stop);
    });
  }
  return workers;
}

struct GrpcServer {
  std::unique_ptr<grpc::Server> server;
  std::string address;  // with the port bound, when the configuration asked for port 0
};

core::Result<GrpcServer> StartGrpc(Wiring& wiring, const ServeConfig& config) {
  const std::string& listen = config.grpc_listen;
  ASSIGN_OR_RETURN(auto credentials,
                   GrpcServerCredentials({config.tls_cert, config.tls_key, config.tls_client_ca}));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // gRPC binds with SO_REUSEPORT by default: a second instance on the same port would start and
  // silently take half the connections. Without it, a port in use fails the start.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  int bound_port = 0;
  builder.AddListeningPort(listen, credentials, &bound_port);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(api::MakeUnparsableRequestInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  builder.RegisterService(wiring.admin_service.get());
  builder.RegisterService(wiring.operator_service.get());
  builder.RegisterService(wiring.ingest_service.get());
  builder.RegisterService(wiring.keys_service.get());
  builder.RegisterService(wiring.audit_service.get());
  builder.RegisterService(wiring.pms_link_service.get());
  builder.RegisterService(wiring.postings_front.service.get());
  builder.RegisterService(wiring.postings_front.spa_service.get());
  GrpcServer started{builder.BuildAndStart()};
  if (!started.server || bound_port == 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "cannot listen for gRPC on " + listen + " (is the port already in use?)");
  }
  started.address = listen.substr(0, listen.rfind(':')) + ":" + std::to_string(bound_port);
  return started;
}

// Written last, and renamed into place, so a watcher never reads half a file.
void WriteReadyFile(const std::string& path, const std::string& grpc_address,
                    const std::string& http_address) {
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp) << grpc_address << '\n' << "http=" << http_address << '\n';
  std::rename(tmp.c_str(), path.c_str());
}

}  // namespace

int RunService(Wiring& wiring, const ServeConfig& config, const core::StopSignals& signals) {
  if (!wiring.declarations_path.empty()) {
    if (auto applied = wiring.ApplyDeclarationsFile(); !applied) {
      return Fatal(applied.error().ToString());
    }
  }
  // Known before the first push, then checked every second: a store that loses its
  // declarations refuses pushes (STORE_NOT_READY) until they are applied again.
  wiring.readiness->Refresh();
  std::jthread readiness_checks([&](std::stop_token stop) { wiring.readiness->Run(stop); });
  // The listeners first: a process that cannot take its ports (another instance has them)
  // stops before its workers claim anything.
  auto grpc = StartGrpc(wiring, config);
  if (!grpc) return Fatal(grpc.error().message);
  const char* transport = config.tls_cert.empty() ? "plain text" : "TLS";
  spdlog::info("chansync serving gRPC on {} ({}, redis {})", grpc->address, transport,
               config.redis);
  if (auto started = wiring.http->Start(); !started) return Fatal(started.error().ToString());
  spdlog::info("chansync serving HTTP ingest on {} ({})", wiring.http->address(), transport);

  std::jthread catalog_refresh = ReadPmsCatalogs(wiring);
  // The delta pusher is started before the workers that feed it and stopped after them.
  std::jthread delta_pusher([&](std::stop_token stop) { wiring.deltas->Run(stop); });
  std::vector<std::jthread> workers = StartWorkers(wiring, config.workers);
  // Nightly refresh at each property's local midnight; a property that missed its run (the
  // service was down) is refreshed now.
  std::jthread nightly_runner([&](std::stop_token stop) { wiring.nightly->Run(stop); });
  // Postings into PMS folios, and each property's end of day shortly after its closing time.
  std::vector<std::jthread> postings = wiring.postings->Start(HostAndPid());
  if (!config.ready_file.empty()) {
    WriteReadyFile(config.ready_file, grpc->address, wiring.http->address());
  }

  const int received = signals.Wait();
  spdlog::info("signal {}: shutting down", received);
  wiring.http->Stop();
  workers.clear();    // requests stop and joins: a batch in flight is recorded and acked first
  delta_pusher = {};  // pushes what the last batches changed, then joins
  nightly_runner = {};
  postings.clear();
  grpc->server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc->server->Wait();
  wiring.ingest_queue->Shutdown();  // nothing is left to answer: every unary push has finished
  return kExitOk;
}

}  // namespace chansync::app
