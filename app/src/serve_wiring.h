#pragma once

#include <grpcpp/impl/service_type.h>

#include <memory>
#include <string>
#include <vector>

#include "chansync/api/grpc/grpc_services.h"
#include "chansync/audit/redis_audit_log.h"
#include "chansync/auth/authenticator.h"
#include "chansync/auth/authorizer.h"
#include "chansync/auth/cached_pairing.h"
#include "chansync/auth/key_manager.h"
#include "chansync/auth/redis_key_store.h"
#include "chansync/channel/channel_rate_limiter.h"
#include "chansync/channel/http_ingest_server.h"
#include "chansync/channel/http_planning_sink.h"
#include "chansync/channel/ingest_catalog.h"
#include "chansync/channel/ingestor.h"
#include "chansync/core/clock.h"
#include "chansync/core/error.h"
#include "chansync/integration/availability_checker.h"
#include "chansync/integration/integration_worker.h"
#include "chansync/integration/operator.h"
#include "chansync/integration/pms_catalog_sync.h"
#include "chansync/integration/pms_circuits.h"
#include "chansync/integration/redis_check_store.h"
#include "chansync/integration/redis_integration_log.h"
#include "chansync/linking/admin.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/redis_link_store.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/linking/token_cipher.h"
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
#include "deltas_listener.h"
#include "outbound_endpoint_policy.h"
#include "postings_front.h"
#include "postings_wiring.h"
#include "property_pairing.h"
#include "serve_config.h"
#include "store_readiness.h"

namespace chansync::app {

// "<host>-<pid>": the default instance name, and the stem of the workers' consumer names.
std::string HostAndPid();

// Every long-lived object of one `chansync serve` process, built from its configuration and
// wired together; nothing runs until serve_run.h starts it. Members are declared in the order
// they depend on one another, so they are destroyed in the reverse order.
struct Wiring {
  // Connects to Redis (STORE_UNAVAILABLE when PING fails) and opens the work queue; everything
  // else is only constructed. INVALID_ARGUMENT for a Redis endpoint that does not parse.
  static core::Result<std::unique_ptr<Wiring>> Build(const ServeConfig& config);

  core::SystemClock clock;
  std::unique_ptr<redis::RedisPool> redis;
  std::unique_ptr<queue::RedisWorkQueue> work_queue;

  std::unique_ptr<linking::TokenCipher> token_cipher;  // null: no secrets key configured
  std::unique_ptr<linking::RedisPropertyStore> properties;
  // What admins and declarations write through: endpoints checked against --insecure-outbound.
  std::unique_ptr<OutboundCheckedPropertyStore> checked_properties;
  std::unique_ptr<linking::RedisLinkStore> links;
  std::unique_ptr<linking::LinkRegistry> registry;
  std::unique_ptr<linking::Admin> admin;

  std::unique_ptr<integration::RedisIntegrationLog> integration_log;
  std::unique_ptr<integration::Operator> integration_operator;
  std::unique_ptr<integration::RedisCheckStore> checks;
  std::unique_ptr<pms::CurlPmsDirectory> pms_directory;
  std::unique_ptr<integration::PmsCircuits> pms_circuits;  // shared by this process's workers
  std::unique_ptr<integration::PmsCatalogSync> catalog_sync;
  std::unique_ptr<integration::AvailabilityChecker> checker;

  std::unique_ptr<channel::HttpPlanningSink> planning_sink;
  std::unique_ptr<planning::RedisPlanningStore> planning_store;
  std::unique_ptr<planning::RedisRefreshStatusStore> refresh_statuses;
  std::unique_ptr<planning::PlanningRefresher> refresher;
  std::unique_ptr<planning::nightly::RedisNightlyCoordination> nightly_coordination;
  std::unique_ptr<planning::nightly::NightlyScheduler> nightly;
  std::unique_ptr<planning::PlanningDeltas> deltas;
  std::unique_ptr<DeltasListener> deltas_listener;
  std::unique_ptr<planning::PlanningAdmin> planning_admin;
  // Every worker's options but its consumer name.
  integration::IntegrationWorkerOptions worker_options;

  // The declarations file serve was given (empty: none) and the properties it declares, as of
  // the last time it was applied.
  std::string declarations_path;
  std::vector<core::PropertyId> declared_properties;
  // Creates what the declarations file declares and the store lacks (ApplyDeclarations).
  core::Status ApplyDeclarationsFile();
  // Whether the store holds its declarations: a property registry that is not empty and, when
  // serve was given a declarations file, every property it declares. One or two round trips.
  core::Result<bool> DeclarationsPresent();

  // Who may call: API keys, roles, a portal's channel and properties; the audit log.
  std::unique_ptr<auth::RedisKeyStore> key_store;
  std::unique_ptr<auth::KeyManager> key_manager;
  std::unique_ptr<auth::Authenticator> authenticator;
  std::unique_ptr<PropertyStorePairing> pairing;
  std::unique_ptr<auth::CachedPairing> cached_pairing;
  std::unique_ptr<auth::Authorizer> authorizer;
  std::unique_ptr<audit::RedisAuditLog> audit_log;
  api::CallSecurity security;

  // Concurrent single pushes (gRPC unary, HTTP) leave for Redis together, one round trip per
  // batch. Shut down only after the gRPC server: the server's shutdown waits for the unary
  // pushes that the queue's sender is still to finish.
  std::unique_ptr<StoreReadiness> readiness;
  std::unique_ptr<ReadinessGatedQueue> gated_queue;
  std::unique_ptr<channel::IngestCatalog> store_catalog;
  std::unique_ptr<channel::IngestCatalog> ingest_catalog;
  std::unique_ptr<queue::GroupCommitQueue> ingest_queue;
  std::unique_ptr<channel::ChannelRateLimiter> rate_limiter;
  std::unique_ptr<channel::Ingestor> ingestor;
  // Money from points of sale and spas into PMS folios; the postings front ends call
  // `posting_desk()`.
  std::unique_ptr<PostingsWiring> postings;
  chansync::postings::PostingDesk& posting_desk() { return *postings->hub; }
  // PostingService, SpaService and the postings HTTP routes, which the HTTP server mounts: built
  // before it.
  PostingsFront postings_front;
  std::unique_ptr<channel::HttpIngestServer> http;

  std::unique_ptr<grpc::Service> admin_service;
  std::unique_ptr<grpc::Service> operator_service;
  std::unique_ptr<grpc::Service> ingest_service;
  std::unique_ptr<grpc::Service> keys_service;
  std::unique_ptr<grpc::Service> audit_service;
  std::unique_ptr<grpc::Service> pms_link_service;

 private:
  core::Status ConnectRedis(const ServeConfig& config);
  // SECRETS_NOT_CONFIGURED when the key file is unusable or the stored tokens cannot be kept
  // as configured (RedisPropertyStore::SealStoredTokens).
  core::Status BuildLinking(const ServeConfig& config);
  void BuildIntegration(const ServeConfig& config);
  void BuildPlanning(const ServeConfig& config);
  core::Status BuildAuth(const ServeConfig& config);
  void BuildIngest(const ServeConfig& config);
  void BuildGrpcServices();
};

}  // namespace chansync::app
