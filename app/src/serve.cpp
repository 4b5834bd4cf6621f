#include "serve.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/codegen/service_type.h>
#include <grpcpp/impl/service_type.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "args.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/channel/http_ingest_server.h"
#include "chansync/channel/http_planning_sink.h"
#include "chansync/channel/ingestor.h"
#include "chansync/core/clock.h"
#include "chansync/core/logging.h"
#include "chansync/integration/availability_checker.h"
#include "chansync/integration/integration_worker.h"
#include "chansync/integration/operator.h"
#include "chansync/integration/pms_catalog_sync.h"
#include "chansync/integration/redis_check_store.h"
#include "chansync/integration/redis_integration_log.h"
#include "chansync/linking/admin.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/redis_link_store.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/planning/nightly/nightly_scheduler.h"
#include "chansync/planning/nightly/redis_nightly_coordination.h"
#include "chansync/planning/planning_admin.h"
#include "chansync/planning/planning_deltas.h"
#include "chansync/planning/planning_refresher.h"
#include "chansync/planning/redis_planning_store.h"
#include "chansync/planning/redis_refresh_status_store.h"
#include "chansync/pms/pms_directory.h"
#include "chansync/queue/group_commit_queue.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/redis/redis.h"
#include "declarations.h"
#include "deltas_listener.h"
#include "ingest_options.h"

namespace chansync::app {
namespace {

constexpr const char* kUsage =
    "usage: chansync serve [--listen 127.0.0.1:7400] [--redis 127.0.0.1:6379 | unix:/path]\n"
    "                      [--http-listen 127.0.0.1:7480] [--http-threads 8] [--workers 2]\n"
    "                      [--declarations FILE.json] [--ready-file FILE] [--log-level info]\n"
    "                      [--pms-attempts 5] [--pms-backoff-ms 500] [--reclaim-idle-ms 30000]\n"
    "                      [--check-deadline-ms 2000] [--horizon-days 365] [--lease-ttl-ms 30000]\n"
    "                      [--instance NAME] [--batch-size 64] [--pms-in-flight 8]\n"
    "--check-deadline-ms bounds the PMS call of an availability check made while a guest books.\n"
    "--horizon-days is how far ahead planning is computed and pushed to the channels.\n"
    "--instance names this process in refresh statuses and nightly leases (default host-pid).\n"
    "--batch-size is how many reservations a worker claims at once; --pms-in-flight how many of\n"
    "a batch's PMS writes one worker has outstanding (keep workers x in-flight within what the\n"
    "PMS serves at once).\n"
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
  if (auto unknown =
          args->Unknown({"listen", "redis", "declarations", "ready-file", "log-level",
                         "http-listen", "http-threads", "workers", "pms-attempts", "pms-backoff-ms",
                         "reclaim-idle-ms", "check-deadline-ms", "horizon-days", "lease-ttl-ms",
                         "instance", "batch-size", "pms-in-flight"});
      !unknown.empty()) {
    return Fatal("unknown option --" + unknown.front() + "\n" + kUsage);
  }
  // Bad usage is reported before any I/O.
  const integration::IntegrationWorkerOptions built_in_worker;
  const queue::RedisWorkQueueOptions built_in_queue;
  auto attempts = args->GetInt("pms-attempts", built_in_worker.max_pms_attempts, 1, 100);
  auto backoff = args->GetInt("pms-backoff-ms", built_in_worker.backoff_base.count(), 1, 600'000);
  auto reclaim = args->GetInt("reclaim-idle-ms", built_in_queue.reclaim_idle.count(), 1, 3'600'000);
  auto check_deadline_ms = args->GetInt("check-deadline-ms", 2000, 1, 60'000);
  auto worker_count = args->GetInt("workers", 2, 0, 64);
  auto horizon_days = args->GetInt("horizon-days", 365, 1, 1000);
  auto lease_ttl_ms = args->GetInt("lease-ttl-ms", 30'000, 100, 3'600'000);
  auto batch_size =
      args->GetInt("batch-size", static_cast<int64_t>(built_in_worker.batch_size), 1, 1000);
  auto pms_in_flight =
      args->GetInt("pms-in-flight", static_cast<int64_t>(built_in_worker.parallelism), 1, 256);
  for (const auto* value : {&attempts, &backoff, &reclaim, &check_deadline_ms, &worker_count,
                            &horizon_days, &lease_ttl_ms, &batch_size, &pms_in_flight}) {
    if (!*value) return Fatal(value->error().message + "\n" + kUsage);
  }
  char hostname[256] = "chansync";
  gethostname(hostname, sizeof hostname - 1);
  const std::string instance =
      args->GetOr("instance", std::string(hostname) + "-" + std::to_string(getpid()));

  const sigset_t signals = BlockShutdownSignals();
  core::SetUpLogging(args->GetOr("log-level", "info"));

  auto endpoint = redis::RedisEndpoint::Parse(args->GetOr("redis", "127.0.0.1:6379"));
  if (!endpoint) return Fatal(endpoint.error().message);
  redis::RedisOptions redis_options;
  redis_options.pool_size = 16;
  redis::RedisPool redis(*endpoint, redis_options);
  if (auto ping = redis.Command({"PING"}); !ping) return Fatal(ping.error().ToString());

  linking::RedisPropertyStore properties(redis);
  linking::RedisLinkStore links(redis);
  linking::LinkRegistry registry(properties, links);
  linking::Admin admin(properties, registry);

  core::SystemClock clock;
  integration::IntegrationWorkerOptions worker_defaults;
  queue::RedisWorkQueueOptions queue_options;
  worker_defaults.max_pms_attempts = static_cast<int>(*attempts);
  worker_defaults.backoff_base = std::chrono::milliseconds(*backoff);
  worker_defaults.batch_size = static_cast<size_t>(*batch_size);
  worker_defaults.parallelism = static_cast<size_t>(*pms_in_flight);
  queue_options.reclaim_idle = std::chrono::milliseconds(*reclaim);
  // Each PMS retry is a delivery; poison detection must only catch what the worker never settles.
  queue_options.max_deliveries = worker_defaults.max_pms_attempts + 5;
  auto work_queue = queue::RedisWorkQueue::Open(redis, clock, queue_options);
  if (!work_queue) return Fatal(work_queue.error().ToString());
  integration::RedisIntegrationLog integration_log(redis);
  integration::Operator integration_operator(integration_log, **work_queue, clock);

  if (auto path = args->Get("declarations")) {
    auto declarations = LoadDeclarations(*path);
    if (!declarations) return Fatal(declarations.error().ToString());
    auto report = ApplyDeclarations(*declarations, properties, registry);
    if (!report) return Fatal(report.error().ToString());
    spdlog::info("declarations {}: {} properties, {} channels, {} links created", *path,
                 report->properties_created, report->channels_created, report->links_created);
    for (const auto& warning : report->warnings) spdlog::warn("declarations: {}", warning);
  }

  // PMS catalogs come from the PMSs; read them in the background so a PMS that is down does
  // not hold up the start (the declared catalog stays until then).
  pms::CurlPmsDirectory pms_directory;
  integration::PmsCatalogSync catalog_sync(properties, registry, pms_directory);
  std::jthread catalog_refresh([&](std::stop_token stop) {
    auto all = properties.ListProperties();
    if (!all) return spdlog::warn("PMS catalogs: {}", all.error().ToString());
    for (const auto& property : *all) {
      if (stop.stop_requested()) return;
      if (property.pms.endpoint.empty()) continue;
      auto report = catalog_sync.Sync(property.id);
      if (!report) {
        spdlog::warn("PMS catalog of {}: {}", property.id, report.error().ToString());
      } else {
        spdlog::info("PMS catalog of {}: {} products, {} options, {} stale links removed",
                     property.id, report->products, report->options, report->removed_links);
      }
    }
  });

  // Planning: computed from the PMS, pushed to each channel's endpoint; only what changed.
  channel::HttpPlanningSink planning_sink;
  planning::RedisPlanningStore planning_store(redis);
  planning::RedisRefreshStatusStore refresh_statuses(redis);
  planning::PlanningRefresherOptions refresher_options;
  refresher_options.horizon_days = static_cast<int>(*horizon_days);
  refresher_options.instance = instance;
  planning::PlanningRefresher refresher(properties, links, pms_directory, planning_sink,
                                        planning_store, refresh_statuses, clock, refresher_options);
  planning::nightly::RedisNightlyCoordination nightly_coordination(redis);
  planning::nightly::NightlySchedulerOptions nightly_options;
  nightly_options.instance = instance;
  nightly_options.lease_ttl = std::chrono::milliseconds(*lease_ttl_ms);
  planning::nightly::NightlyScheduler nightly(properties, refresher, nightly_coordination, clock,
                                              nightly_options);
  planning::PlanningDeltas deltas(refresher, clock);
  DeltasListener deltas_listener(deltas);
  planning::PlanningAdmin planning_admin(properties, refresher, refresh_statuses,
                                         &nightly_coordination, &nightly);
  worker_defaults.pms_changes = &deltas_listener;

  auto admin_service =
      api::MakeAdminGrpcService(admin, properties, registry, catalog_sync, &planning_admin);
  auto operator_service = api::MakeOperatorGrpcService(integration_operator);

  integration::RedisCheckStore checks(redis);
  integration::AvailabilityChecker checker(properties, registry, pms_directory, checks, clock,
                                           std::chrono::milliseconds(*check_deadline_ms));

  // Reservation ingest: portals push over gRPC or HTTP; accepted = durably on the Redis queue.
  auto http_options = HttpIngestOptionsFrom(*args);
  if (!http_options) return Fatal(http_options.error().message + "\n" + kUsage);
  // Concurrent single pushes (gRPC unary, HTTP) leave for Redis together, one round trip per
  // batch. Shut down only after the gRPC server: the server's shutdown waits for the unary
  // pushes that the queue's sender is still to finish.
  queue::GroupCommitQueue ingest_queue(**work_queue);
  channel::Ingestor ingestor(ingest_queue, clock);
  auto ingest_service = api::MakeIngestGrpcService(ingestor, &checker);
  channel::HttpIngestServer http(ingestor, *http_options, &checker);

  // Integration workers: each claims batches under its own consumer name, so a dead process's
  // messages are reclaimed by the others.
  // The delta pusher is started before the workers that feed it and stopped after them.
  std::jthread delta_pusher([&](std::stop_token stop) { deltas.Run(stop); });
  std::vector<std::jthread> workers;
  for (int64_t i = 0; i < *worker_count; ++i) {
    integration::IntegrationWorkerOptions options = worker_defaults;
    // Host and pid, not --instance: two processes given one name must still not share pending
    // entries.
    options.consumer =
        std::string(hostname) + "-" + std::to_string(getpid()) + "-" + std::to_string(i);
    workers.emplace_back([&, options](std::stop_token stop) {
      integration::IntegrationWorker(**work_queue, properties, registry, pms_directory,
                                     integration_log, checks, clock, options)
          .Run(stop);
    });
  }

  // Nightly refresh at each property's local midnight; a property that missed its run (the
  // service was down) is refreshed now.
  std::jthread nightly_runner([&](std::stop_token stop) { nightly.Run(stop); });

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  const std::string listen = args->GetOr("listen", "127.0.0.1:7400");
  int bound_port = 0;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &bound_port);
  builder.RegisterService(admin_service.get());
  builder.RegisterService(operator_service.get());
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
  workers.clear();    // requests stop and joins: a batch in flight is recorded and acked first
  delta_pusher = {};  // pushes what the last batches changed, then joins
  nightly_runner = {};
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server->Wait();
  ingest_queue.Shutdown();  // nothing is left to answer: every unary push has finished
  return 0;
}

}  // namespace chansync::app
