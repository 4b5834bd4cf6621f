#include "serve_wiring.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "bootstrap_key.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/channel/cached_ingest_catalog.h"
#include "declarations.h"
#include "durability.h"
#include "host_port.h"
#include "http_authorizer.h"
#include "redis_credentials.h"
#include "store_ingest_catalog.h"
#include "token_storage_setting.h"

namespace chansync::app {

std::string HostAndPid() {
  char hostname[256] = "chansync";
  gethostname(hostname, sizeof hostname - 1);
  return std::string(hostname) + "-" + std::to_string(getpid());
}

core::Result<std::unique_ptr<Wiring>> Wiring::Build(const ServeConfig& config) {
  auto wiring = std::make_unique<Wiring>();
  wiring->declarations_path = config.declarations;
  RETURN_IF_ERROR(wiring->ConnectRedis(config));
  RETURN_IF_ERROR(wiring->BuildLinking(config));
  wiring->BuildIntegration(config);
  wiring->BuildPlanning(config);
  ASSIGN_OR_RETURN(wiring->postings, PostingsWiring::Build(config, *wiring->redis,
                                                           *wiring->properties, wiring->clock));
  RETURN_IF_ERROR(wiring->BuildAuth(config));
  wiring->BuildIngest(config);
  wiring->BuildGrpcServices();
  return wiring;
}

core::Status Wiring::ConnectRedis(const ServeConfig& config) {
  ASSIGN_OR_RETURN(auto endpoint, redis::RedisEndpoint::Parse(config.redis));
  redis::RedisOptions redis_options;
  redis_options.pool_size = 16;
  RETURN_IF_ERROR(LoadRedisCredentials(config, redis_options));
  redis = std::make_unique<redis::RedisPool>(endpoint, redis_options);
  RETURN_IF_ERROR(redis->Command({"PING"}));
  // The configuration checked the name when it was built.
  const Durability durability = ParseDurability(config.durability).value();
  RETURN_IF_ERROR(CheckServerDurability(*redis, durability));

  worker_options.max_pms_attempts = static_cast<int>(config.pms_attempts);
  worker_options.backoff_base = std::chrono::milliseconds(config.pms_backoff_ms);
  worker_options.pms_outage_window = std::chrono::milliseconds(config.pms_outage_window_ms);
  worker_options.batch_size = static_cast<size_t>(config.batch_size);
  worker_options.parallelism = static_cast<size_t>(config.pms_in_flight);
  queue::RedisWorkQueueOptions queue_options;
  queue_options.reclaim_idle = std::chrono::milliseconds(config.reclaim_idle_ms);
  // Each PMS retry is a delivery; poison detection must only catch what the worker never settles.
  queue_options.max_deliveries = worker_options.max_pms_attempts + 5;
  if (durability == Durability::kReplicated) {
    queue_options.replicas_to_wait_for = 1;
    queue_options.replica_wait = std::chrono::milliseconds(config.replica_wait_ms);
  }
  ASSIGN_OR_RETURN(work_queue, queue::RedisWorkQueue::Open(*redis, clock, queue_options));
  return core::Ok();
}

core::Status Wiring::BuildLinking(const ServeConfig& config) {
  linking::TokenStorage tokens;
  if (!config.secrets_key_file.empty()) {
    ASSIGN_OR_RETURN(auto cipher, linking::TokenCipher::FromKeyFile(config.secrets_key_file));
    token_cipher = std::make_unique<linking::TokenCipher>(std::move(cipher));
    tokens.cipher = token_cipher.get();
  }
  // The configuration checked the name when it was built.
  tokens.allow_plain =
      ParseTokenStorageMode(config.pms_token_storage).value() == TokenStorageMode::kInsecurePlain;
  if (tokens.allow_plain && tokens.cipher == nullptr) {
    spdlog::warn("PMS tokens are stored readable in Redis (--pms-token-storage insecure-plain)");
  }
  properties = std::make_unique<linking::RedisPropertyStore>(*redis, redis::KeySpace{}, tokens);
  ASSIGN_OR_RETURN(const auto sealed, properties->SealStoredTokens());
  spdlog::info("PMS tokens: {} sealed now, {} already sealed, {} plain", sealed.sealed_now,
               sealed.sealed, sealed.plain);
  links = std::make_unique<linking::RedisLinkStore>(*redis);
  registry = std::make_unique<linking::LinkRegistry>(*properties, *links);
  checked_properties =
      std::make_unique<OutboundCheckedPropertyStore>(*properties, config.insecure_outbound);
  admin = std::make_unique<linking::Admin>(*checked_properties, *registry);
  return core::Ok();
}

void Wiring::BuildIntegration(const ServeConfig& config) {
  integration_log = std::make_unique<integration::RedisIntegrationLog>(*redis);
  integration_operator =
      std::make_unique<integration::Operator>(*integration_log, *work_queue, clock);
  checks = std::make_unique<integration::RedisCheckStore>(*redis);
  pms_directory = std::make_unique<pms::CurlPmsDirectory>(config.tls_ca_file);
  pms_circuits = std::make_unique<integration::PmsCircuits>();
  worker_options.circuits = pms_circuits.get();
  catalog_sync =
      std::make_unique<integration::PmsCatalogSync>(*properties, *registry, *pms_directory);
  checker = std::make_unique<integration::AvailabilityChecker>(
      *properties, *registry, *pms_directory, *checks, clock,
      std::chrono::milliseconds(config.check_deadline_ms));
}

// Planning: computed from the PMS, pushed to each channel's endpoint; only what changed.
void Wiring::BuildPlanning(const ServeConfig& config) {
  const std::string instance = config.instance.empty() ? HostAndPid() : config.instance;
  planning_sink = std::make_unique<channel::HttpPlanningSink>(
      channel::HttpPlanningSinkOptions{.ca_file = config.tls_ca_file});
  planning_store = std::make_unique<planning::RedisPlanningStore>(*redis);
  refresh_statuses = std::make_unique<planning::RedisRefreshStatusStore>(*redis);
  planning::PlanningRefresherOptions refresher_options;
  refresher_options.horizon_days = static_cast<int>(config.horizon_days);
  refresher_options.instance = instance;
  refresher = std::make_unique<planning::PlanningRefresher>(
      *properties, *links, *pms_directory, *planning_sink, *planning_store, *refresh_statuses,
      clock, refresher_options);
  nightly_coordination = std::make_unique<planning::nightly::RedisNightlyCoordination>(*redis);
  planning::nightly::NightlySchedulerOptions nightly_options;
  nightly_options.instance = instance;
  nightly_options.lease_ttl = std::chrono::milliseconds(config.lease_ttl_ms);
  nightly = std::make_unique<planning::nightly::NightlyScheduler>(
      *properties, *refresher, *nightly_coordination, clock, nightly_options);
  deltas = std::make_unique<planning::PlanningDeltas>(*refresher, clock);
  deltas_listener = std::make_unique<DeltasListener>(*deltas);
  planning_admin = std::make_unique<planning::PlanningAdmin>(
      *properties, *refresher, *refresh_statuses, nightly_coordination.get(), nightly.get());
  worker_options.pms_changes = deltas_listener.get();
}

core::Status Wiring::BuildAuth(const ServeConfig& config) {
  key_store = std::make_unique<auth::RedisKeyStore>(*redis);
  key_manager = std::make_unique<auth::KeyManager>(*key_store, clock);
  authenticator = std::make_unique<auth::Authenticator>(*key_store, clock);
  pairing = std::make_unique<PropertyStorePairing>(*properties);
  cached_pairing = std::make_unique<auth::CachedPairing>(*pairing, clock);
  authorizer = std::make_unique<auth::Authorizer>(*cached_pairing);
  audit_log = std::make_unique<audit::RedisAuditLog>(*redis, clock);
  security.audit = audit_log.get();
  security.clock = &clock;
  if (config.auth == "off") {
    spdlog::warn("auth off: every call is admitted, whoever makes it");
  } else {
    security.guard = auth::Guard(*authenticator, *authorizer);
  }
  if (!config.bootstrap_admin_key_file.empty()) {
    RETURN_IF_ERROR(WriteBootstrapAdminKey(*key_manager, config.bootstrap_admin_key_file));
  }
  return core::Ok();
}

// Reservation ingest: portals push over gRPC or HTTP; accepted = durably on the Redis queue.
void Wiring::BuildIngest(const ServeConfig& config) {
  // The configuration checked the address when it was built.
  const HostPort http_listen = ParseHostPort(config.http_listen).value();
  channel::HttpIngestOptions http_options;
  http_options.host = http_listen.host;
  http_options.port = http_listen.port;
  http_options.worker_threads = static_cast<int>(config.http_threads);
  http_options.idle_timeout_seconds = static_cast<int>(config.http_idle_timeout_s);
  http_options.header_timeout_seconds = static_cast<int>(config.http_header_timeout_s);
  http_options.body_timeout_seconds = static_cast<int>(config.http_body_timeout_s);
  http_options.max_connections_per_address = static_cast<int>(config.http_connections_per_address);
  http_options.tls = {config.tls_cert, config.tls_key, config.tls_client_ca};
  readiness = std::make_unique<StoreReadiness>(
      [this] { return DeclarationsPresent(); },
      declarations_path.empty() ? StoreReadiness::Repair{} : StoreReadiness::Repair{[this] {
        return ApplyDeclarationsFile();
      }},
      clock);
  gated_queue = std::make_unique<ReadinessGatedQueue>(*work_queue, *readiness);
  ingest_queue = std::make_unique<queue::GroupCommitQueue>(*gated_queue);
  store_catalog = std::make_unique<StoreIngestCatalog>(*properties, *readiness);
  ingest_catalog = std::make_unique<channel::CachedIngestCatalog>(*store_catalog, clock);
  rate_limiter = std::make_unique<channel::ChannelRateLimiter>(
      channel::RateLimit{config.rate_limit_per_channel, config.rate_limit_burst}, clock);
  ingestor = std::make_unique<channel::Ingestor>(*ingest_queue, clock, ingest_catalog.get(),
                                                 rate_limiter.get());
  if (security.guard.enabled()) http_options.authorize = MakeHttpAuthorizer(security.guard);
  postings_front = MakePostingsFront(security, &posting_desk());
  http_options.mounted_routes.push_back(postings_front.routes.get());
  http = std::make_unique<channel::HttpIngestServer>(*ingestor, http_options, checker.get());
}

core::Status Wiring::ApplyDeclarationsFile() {
  ASSIGN_OR_RETURN(const auto declarations, LoadDeclarations(declarations_path));
  ASSIGN_OR_RETURN(const auto report,
                   ApplyDeclarations(declarations, *checked_properties, *registry));
  spdlog::info("declarations {}: {} properties, {} channels, {} links created", declarations_path,
               report.properties_created, report.channels_created, report.links_created);
  for (const auto& warning : report.warnings) spdlog::warn("declarations: {}", warning);
  declared_properties.clear();
  for (const auto& declared : declarations.properties) {
    declared_properties.push_back(declared.property.id);
  }
  return core::Ok();
}

core::Result<bool> Wiring::DeclarationsPresent() {
  ASSIGN_OR_RETURN(auto reply, redis->Command({"EXISTS", redis::KeySpace{}.Properties()}));
  ASSIGN_OR_RETURN(const long long registries, reply.Integer());
  if (registries == 0) return false;
  if (declared_properties.empty()) return true;
  ASSIGN_OR_RETURN(auto found, properties->GetProperties(declared_properties));
  for (const auto& property : found) {
    if (!property && property.error().code == core::ErrorCode::kNotFound) return false;
  }
  return true;
}

void Wiring::BuildGrpcServices() {
  admin_service = api::MakeAdminGrpcService(security, *admin, *checked_properties, *registry,
                                            *catalog_sync, planning_admin.get());
  operator_service = api::MakeOperatorGrpcService(security, *integration_operator);
  ingest_service = api::MakeIngestGrpcService(security, *ingestor, checker.get());
  keys_service = api::MakeKeysGrpcService(security, *key_manager);
  audit_service = api::MakeAuditGrpcService(security, *audit_log);
  pms_link_service = api::MakePmsLinkGrpcService(security, postings->pms.get());
}

}  // namespace chansync::app
