#include "cli_keys.h"

#include <iostream>

#include "chansync/api/grpc/key_proto.h"
#include "chansync/audit/redis_audit_log.h"
#include "chansync/auth/action.h"
#include "chansync/auth/key_manager.h"
#include "chansync/auth/redis_key_store.h"
#include "chansync/redis/redis.h"
#include "chansync/v1/audit.grpc.pb.h"
#include "chansync/v1/keys.grpc.pb.h"
#include "cli_support.h"
#include "duration_text.h"
#include "redis_credentials.h"
#include "table.h"

namespace chansync::app {
namespace {

constexpr const char* kCreateUsage =
    "usage: chansync keys create --role portal|operator|admin|vendor|pos [--channel C]\n"
    "                            [--property P] [--expires-in 30d] [--name N] [--redis HOST:PORT] "
    "[--json]\n";
constexpr const char* kListUsage = "usage: chansync keys list [--redis HOST:PORT] [--json]\n";
constexpr const char* kRevokeUsage =
    "usage: chansync keys revoke ID [--redis HOST:PORT] [--json]\n";
constexpr const char* kAuditUsage =
    "usage: chansync audit [--since RFC3339] [--key ID] [--action A] [--limit N] [--json]\n";

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

core::Result<v1::CreateKeyRequest> CreateRequest(const Args& args) {
  v1::CreateKeyRequest request;
  ASSIGN_OR_RETURN(const std::string role, args.Require("role"));
  request.set_role(role);
  request.set_channel_id(args.GetOr("channel", ""));
  request.set_property_id(args.GetOr("property", ""));
  request.set_name(args.GetOr("name", ""));
  if (auto expires = args.Get("expires-in")) {
    auto duration = ParseDurationText(*expires);
    if (!duration) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "--expires-in " + duration.error().message);
    }
    request.set_expires_in_seconds(duration->count());
  }
  return request;
}

void PrintCreated(const v1::CreateKeyResponse& response) {
  std::cout << "key " << response.key().id() << " (" << response.key().role()
            << (response.key().channel_id().empty() ? ""
                                                    : ", channel " + response.key().channel_id())
            << (response.key().property_id().empty() ? ""
                                                     : ", property " + response.key().property_id())
            << ") created; it is shown only this once:\n"
            << response.secret_key() << '\n';
}

void PrintKeys(const v1::ListKeysResponse& response) {
  Table table(
      {"ID", "NAME", "ROLE", "CHANNEL", "PROPERTY", "CREATED", "EXPIRES", "REVOKED", "ACTIVE"});
  for (const auto& key : response.keys()) {
    table.Add({key.id(), OrDash(key.name()), key.role(), OrDash(key.channel_id()),
               OrDash(key.property_id()), key.created_at(), OrDash(key.expires_at()),
               OrDash(key.revoked_at()), key.active() ? "yes" : "no"});
  }
  table.Print(std::cout);
}

void PrintRevoked(const v1::ApiKeyInfo& key) {
  std::cout << "key " << key.id() << " revoked at " << key.revoked_at() << '\n';
}

// The same commands straight on the store, for whoever holds its address (and password): the
// first key needs no key. Each change is audited as made with store access.
class StoreKeys {
 public:
  StoreKeys(redis::RedisEndpoint endpoint, redis::RedisOptions options)
      : pool_(std::move(endpoint), std::move(options)), store_(pool_), manager_(store_, clock_) {}
  StoreKeys(const StoreKeys&) = delete;
  StoreKeys& operator=(const StoreKeys&) = delete;

  core::Result<v1::CreateKeyResponse> Create(const v1::CreateKeyRequest& request) {
    ASSIGN_OR_RETURN(const auth::KeyRequest key_request, api::KeyRequestOf(request));
    ASSIGN_OR_RETURN(auto issued, manager_.Create(key_request));
    v1::CreateKeyResponse response;
    *response.mutable_key() = api::ApiKeyInfoOf(issued.key, clock_.Now());
    response.set_secret_key(std::move(issued.text));
    Audit("create", response.key());
    return response;
  }

  core::Result<v1::ListKeysResponse> List() {
    ASSIGN_OR_RETURN(const auto keys, manager_.List());
    v1::ListKeysResponse response;
    for (const auto& key : keys) *response.add_keys() = api::ApiKeyInfoOf(key, clock_.Now());
    return response;
  }

  core::Result<v1::ApiKeyInfo> Revoke(const std::string& id) {
    RETURN_IF_ERROR(manager_.Revoke(id));
    ASSIGN_OR_RETURN(const auto key, store_.Get(id));
    auto info = api::ApiKeyInfoOf(key, clock_.Now());
    Audit("revoke", info);
    return info;
  }

 private:
  void Audit(const std::string& what, const v1::ApiKeyInfo& key) {
    audit::RedisAuditLog log(pool_, clock_);
    audit::AuditEntry entry{.at = clock_.Now(),
                            .key_id = "-",
                            .key_name = "store access",
                            .role = "vendor",
                            .action = std::string(auth::ActionName(auth::Action::kManageKeys)),
                            .method = "chansync keys " + what + " --redis",
                            .arguments = "{\"id\":\"" + key.id() + "\"}",
                            .after = ToJson(key),
                            .outcome = "OK"};
    if (!log.Append(entry)) std::cerr << "warning: the audit log could not be written\n";
  }

  core::SystemClock clock_;
  redis::RedisPool pool_;
  auth::RedisKeyStore store_;
  auth::KeyManager manager_;
};

// Runs `direct` on the store when --redis was given, else `call` on the service.
template <typename Response, typename Direct, typename Call, typename Print>
int OnStoreOrService(const Args& args, Direct direct, Call call, Print print) {
  auto endpoint = args.Get("redis");
  if (!endpoint) return call(print);
  auto parsed = redis::RedisEndpoint::Parse(*endpoint);
  if (!parsed) return ReportUsage("--redis " + parsed.error().message, kCreateUsage);
  // The same credentials serve takes: --redis-user and the first line of --redis-password-file.
  ServeConfig credentials;
  credentials.redis_user = args.GetOr("redis-user", "");
  credentials.redis_password_file = args.GetOr("redis-password-file", "");
  redis::RedisOptions options;
  if (auto loaded = LoadRedisCredentials(credentials, options); !loaded) {
    return ReportUsage(loaded.error().message, kCreateUsage);
  }
  StoreKeys store(std::move(*parsed), std::move(options));
  core::Result<Response> response = direct(store);
  if (!response) {
    std::cerr << "error: " << response.error().ToString() << '\n';
    return response.error().code == core::ErrorCode::kStoreUnavailable ? kExitUsage : kExitRefused;
  }
  if (args.Has("json")) {
    std::cout << ToJson(*response) << '\n';
  } else {
    print(*response);
  }
  return kExitOk;
}

int Create(const Args& args) {
  auto request = CreateRequest(args);
  if (!request) return ReportUsage(request.error().message, kCreateUsage);
  return OnStoreOrService<v1::CreateKeyResponse>(
      args, [&](StoreKeys& store) { return store.Create(*request); },
      [&](auto print) {
        return CallAndPrint(args, &v1::KeysService::Stub::CreateKey, *request, print);
      },
      PrintCreated);
}

int List(const Args& args) {
  return OnStoreOrService<v1::ListKeysResponse>(
      args, [](StoreKeys& store) { return store.List(); },
      [&](auto print) {
        return CallAndPrint(args, &v1::KeysService::Stub::ListKeys, v1::ListKeysRequest{}, print);
      },
      PrintKeys);
}

int Revoke(const Args& args) {
  if (args.positionals().size() != 1) return ReportUsage("expected one key id", kRevokeUsage);
  v1::RevokeKeyRequest request;
  request.set_id(args.positionals()[0]);
  return OnStoreOrService<v1::ApiKeyInfo>(
      args, [&](StoreKeys& store) { return store.Revoke(request.id()); },
      [&](auto print) {
        return CallAndPrint(args, &v1::KeysService::Stub::RevokeKey, request, print);
      },
      PrintRevoked);
}

int Audit(const Args& args) {
  v1::ListAuditRequest request;
  request.set_since(args.GetOr("since", ""));
  request.set_key_id(args.GetOr("key", ""));
  request.set_action(args.GetOr("action", ""));
  auto limit = args.GetInt("limit", 0, 0, 1000);
  if (!limit) return ReportUsage(limit.error().message, kAuditUsage);
  request.set_limit(static_cast<int32_t>(*limit));
  return CallAndPrint(
      args, &v1::AuditService::Stub::ListAudit, request, [](const v1::ListAuditResponse& response) {
        Table table({"AT", "KEY", "NAME", "ACTION", "METHOD", "OUTCOME"});
        for (const auto& e : response.entries()) {
          table.Add(
              {e.at(), e.key_id(), OrDash(e.key_name()), e.action(), e.method(), e.outcome()});
        }
        table.Print(std::cout);
      });
}

// --redis and the credentials it may need.
std::vector<OptionSpec> RedisOptions() {
  return {
      {"redis", "HOST:PORT", "work on the store directly instead of the service (no key needed)"},
      {"redis-user", "NAME", "with --redis: the Redis ACL user"},
      {"redis-password-file", "FILE", "with --redis: the file whose first line is its password"}};
}

// `options` followed by RedisOptions().
std::vector<OptionSpec> WithRedisOptions(std::vector<OptionSpec> options) {
  for (auto& option : RedisOptions()) options.push_back(std::move(option));
  return options;
}

}  // namespace

void AddKeyCommands(CommandLine& cli) {
  cli.Add({.path = {"keys"},
           .group = "access",
           .about = "API keys: keys create | list | revoke",
           .usage = kCreateUsage,
           .run = [](const Args&) {
             return ReportUsage("expected: keys create, keys list or keys revoke", kCreateUsage);
           }});
  cli.Add(ClientCommand(
      {.path = {"keys", "create"},
       .about = "make an API key and print it, once",
       .usage = kCreateUsage,
       .options = WithRedisOptions({{"role", "R", "portal, operator, admin, vendor or pos", true},
                                    {"channel", "C", "a portal key's channel"},
                                    {"property", "P", "a pos key's property"},
                                    {"expires-in", "D", "e.g. 90d, 12h (default: never)"},
                                    {"name", "N", "who holds it"}}),
       .run = Create}));
  cli.Add(ClientCommand({.path = {"keys", "list"},
                         .about = "every key: id, role, channel, dates (never the secret)",
                         .usage = kListUsage,
                         .options = RedisOptions(),
                         .run = List}));
  cli.Add(ClientCommand({.path = {"keys", "revoke"},
                         .about = "revoke a key by its id",
                         .usage = kRevokeUsage,
                         .options = RedisOptions(),
                         .positionals = {{"ID", "", "the key's id"}},
                         .run = Revoke}));
  cli.Add(ClientCommand({.path = {"audit"},
                         .group = "access",
                         .about = "what staff keys did: who, what, when, before and after",
                         .usage = kAuditUsage,
                         .options = {{"since", "RFC3339", "from this time (default: 30 days ago)"},
                                     {"key", "ID", "only this key's actions"},
                                     {"action", "A", "only this action, e.g. set_gateway"},
                                     {"limit", "N", "the newest N (default 100, at most 1000)"}},
                         .run = Audit}));
}

}  // namespace chansync::app
