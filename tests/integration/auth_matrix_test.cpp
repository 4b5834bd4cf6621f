// Every role against every gRPC method and HTTP ingest route of a real `chansync serve`, bad keys,
// a portal outside its channel and properties, the audit of staff actions, and no key secret in
// the service's log or in Redis after the run.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "chansync/api/grpc/method_actions.h"
#include "chansync/auth/action.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/redis_server.h"
#include "chansync/v1/admin.grpc.pb.h"
#include "chansync/v1/audit.grpc.pb.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "chansync/v1/postings.grpc.pb.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;

v1::Reservation Reservation(const std::string& id, const std::string& channel,
                            const std::string& property) {
  v1::Reservation r;
  r.set_channel(channel);
  r.set_channel_reservation_id(id);
  r.set_property(property);
  r.set_arrival(test::DayOfMonthAhead(1));
  r.set_departure(test::DayOfMonthAhead(8));
  r.set_guest_name("Jeanne Martin");
  r.set_product("SH-MH4");
  r.mutable_price()->set_amount_minor(84900);
  r.mutable_price()->set_currency("EUR");
  return r;
}

std::string JsonReservation(const std::string& property) {
  return R"({"channel_reservation_id": "H-1", "property": ")" + property + R"(", "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "guest_name": "Jeanne Martin", "product": "SH-MH4",
         "price": {"amount_minor": 84900, "currency": "EUR"}})";
}

// A PostingService or SpaService request naming `property`: every one of their requests but
// SubmitPosting has the property as field 1, as GetPostingRequest does.
std::string PostingRequestFor(const std::string& method, const std::string& property) {
  std::string bytes;
  if (method.ends_with("/SubmitPosting")) {
    v1::SubmitPostingRequest request;
    request.mutable_posting()->set_property_id(property);
    request.SerializeToString(&bytes);
  } else {
    // The other methods read these bytes as their own request, whose field 1 is the property
    // too; only GetPosting's field 2 is a posting id.
    v1::GetPostingRequest request;
    request.set_property_id(property);
    if (method.ends_with("/GetPosting")) request.set_posting_id("bar-1:T1:1");
    request.SerializeToString(&bytes);
  }
  return bytes;
}

// A request a portal of secureholiday (or a pos key of riviera) may send for each method it is
// allowed; every other method gets an empty request, which is enough to tell a refusal from an
// admission.
std::string RequestFor(const std::string& method) {
  std::string bytes;
  if (method.starts_with("chansync.v1.PostingService/") ||
      method.starts_with("chansync.v1.SpaService/") ||
      method.starts_with("chansync.v1.PmsLinkService/")) {
    // Each of their requests names the property in field 1 (GetPmsLinkStatusRequest too).
    bytes = PostingRequestFor(method, "riviera");
  } else if (method.ends_with("/PushReservation")) {
    v1::PushReservationRequest request;
    *request.mutable_reservation() = Reservation("M-1", "secureholiday", "riviera");
    request.SerializeToString(&bytes);
  } else if (method.ends_with("/CheckAvailability")) {
    v1::CheckAvailabilityRequest request;
    request.set_channel_id("secureholiday");
    request.set_property_id("riviera");
    request.set_channel_product_id("SH-MH4");
    request.set_arrival(test::DayOfMonthAhead(1));
    request.set_departure(test::DayOfMonthAhead(8));
    request.SerializeToString(&bytes);
  } else if (method.ends_with("/ForceRefresh")) {
    v1::ForceRefreshRequest request;
    request.set_property_id("riviera");
    request.SerializeToString(&bytes);
  }
  return bytes;
}

// Every text a reply holds, at any depth.
void Flatten(const redis::RedisReply& reply, std::string& out) {
  out += reply.str;
  out += '\n';
  for (const auto& element : reply.elements) Flatten(element, out);
}

class AuthMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(),
        std::vector<std::string>{"--workers", "0", "--check-deadline-ms", "200", "--declarations",
                                 test::SourcePath("deploy/local/riviera.json")});
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    keys_[auth::Role::kPortal] = MakeKey({"--role", "portal", "--channel", "secureholiday"});
    keys_[auth::Role::kOperator] = MakeKey({"--role", "operator", "--name", "olga"});
    keys_[auth::Role::kAdmin] = MakeKey({"--role", "admin", "--name", "adam"});
    keys_[auth::Role::kVendor] = server_->key();
    keys_[auth::Role::kPos] = MakeKey({"--role", "pos", "--property", "riviera"});
  }

  // A key made with store access, as an operator of the deployment would.
  std::string MakeKey(std::vector<std::string> args) {
    std::vector<std::string> argv{test::BuiltBinary("app/chansync"), "keys", "create", "--redis",
                                  redis_->endpoint()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto result = test::RunCommand(argv);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const std::string out = result.out.substr(0, result.out.find_last_not_of('\n') + 1);
    const std::string key = out.substr(out.rfind('\n') + 1);
    EXPECT_TRUE(key.starts_with("csk_")) << result.out;
    all_secrets_.push_back(key);
    return key;
  }

  grpc::Status Call(const std::string& method, const std::string& key,
                    const std::string& request_bytes) {
    grpc::GenericStub stub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    if (!key.empty()) context.AddMetadata("authorization", "Bearer " + key);
    grpc::Slice slice(request_bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/" + method, grpc::StubOptions(), &request, &response,
                   [&](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
  }

  grpc::Status Stream(const std::string& key, const v1::Reservation& reservation,
                      v1::PushReservationsResponse* response) {
    auto stub = v1::IngestService::NewStub(channel_);
    grpc::ClientContext context;
    if (!key.empty()) context.AddMetadata("authorization", "Bearer " + key);
    auto writer = stub->PushReservations(&context, response);
    v1::PushReservationRequest request;
    *request.mutable_reservation() = reservation;
    writer->Write(request);
    writer->WritesDone();
    return writer->Finish();
  }

  httplib::Result Http(const std::string& path, const std::string& body, const std::string& key) {
    httplib::Client client("127.0.0.1", server_->http_port());
    client.set_read_timeout(10, 0);
    if (!key.empty()) client.set_bearer_token_auth(key);
    return client.Post(path, body, "application/json");
  }

  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::map<auth::Role, std::string> keys_;
  std::vector<std::string> all_secrets_;
};

TEST_F(AuthMatrixTest, EveryRoleAgainstEveryMethodAndRoute) {
  for (const auto& [role, key] : keys_) {
    for (const api::MethodAction& row : api::MethodActions()) {
      const std::string method(row.method);
      bool allowed = auth::RoleMay(role, row.action);
      if (method.ends_with("/SetGateway")) allowed = allowed && role != auth::Role::kPortal;
      grpc::Status status;
      if (method.ends_with("/PushReservations")) {
        v1::PushReservationsResponse response;
        status = Stream(key, Reservation("M-S", "secureholiday", "riviera"), &response);
      } else {
        status = Call(method, key, RequestFor(method));
      }
      const std::string who = std::string(auth::RoleName(role)) + " " + method + ": " +
                              std::to_string(status.error_code()) + " " + status.error_message();
      EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << who;
      if (allowed) {
        EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << who;
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << who;
        EXPECT_TRUE(status.error_message().starts_with("PERMISSION_DENIED: ")) << who;
      }
    }
    const bool may_ingest = role != auth::Role::kOperator && role != auth::Role::kPos;
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"/v1/channels/secureholiday/reservations", JsonReservation("riviera")},
        {"/v1/channels/secureholiday/reservations:batch", "[" + JsonReservation("riviera") + "]"},
        {"/v1/channels/secureholiday/availability-checks",
         R"({"property": "riviera", "product": "SH-MH4", "arrival": ")" + test::DayOfMonthAhead(1) +
             R"(", "departure": ")" + test::DayOfMonthAhead(8) + R"("})"}};
    for (const auto& [path, body] : routes) {
      auto res = Http(path, body, key);
      ASSERT_TRUE(res) << path;
      const std::string who = std::string(auth::RoleName(role)) + " " + path + ": " + res->body;
      if (may_ingest) {
        EXPECT_LT(res->status, 400) << who;
      } else {
        EXPECT_EQ(res->status, 403) << who;
        EXPECT_NE(res->body.find("PERMISSION_DENIED"), std::string::npos) << who;
      }
    }
  }
}

TEST_F(AuthMatrixTest, APosKeyActsForItsOwnPropertyOnly) {
  const std::string method = "chansync.v1.PostingService/GetPosting";
  const grpc::Status own = Call(method, keys_[auth::Role::kPos], RequestFor(method));
  // Admitted: the posting is looked for, and there is none.
  EXPECT_EQ(own.error_code(), grpc::StatusCode::NOT_FOUND) << own.error_message();
  const grpc::Status other =
      Call(method, keys_[auth::Role::kPos], PostingRequestFor(method, "other"));
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED) << other.error_message();
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(keys_[auth::Role::kPos]);
  auto own_http = client.Get("/v1/properties/riviera/postings/bar-1:T1:1");
  ASSERT_TRUE(own_http);
  EXPECT_EQ(own_http->status, 404) << own_http->body;
  EXPECT_NE(own_http->body.find("NOT_FOUND"), std::string::npos) << own_http->body;
  auto other_http = client.Get("/v1/properties/other/postings/bar-1:T1:1");
  ASSERT_TRUE(other_http);
  EXPECT_EQ(other_http->status, 403) << other_http->body;
  EXPECT_NE(other_http->body.find("PERMISSION_DENIED"), std::string::npos);
}

TEST_F(AuthMatrixTest, MissingWrongExpiredAndRevokedKeysAreUnauthenticated) {
  const std::string expiring = MakeKey({"--role", "admin", "--expires-in", "1s"});
  const std::string revoked = MakeKey({"--role", "admin"});
  const std::string revoked_id = revoked.substr(4, 16);
  ASSERT_EQ(server_->Cli({"keys", "revoke", revoked_id}).exit_code, 0);
  std::string wrong = keys_[auth::Role::kAdmin];
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  std::this_thread::sleep_for(1100ms);  // past the expiry and the service's key cache

  const std::string method = "chansync.v1.AdminService/ListProperties";
  for (const std::string& key : {std::string(), wrong, expiring, revoked, std::string("csk_x")}) {
    auto status = Call(method, key, "");
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << key;
    auto res = Http("/v1/channels/secureholiday/reservations", JsonReservation("riviera"), key);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << key << ": " << res->body;
    EXPECT_NE(res->body.find("UNAUTHENTICATED"), std::string::npos) << res->body;
  }
  EXPECT_TRUE(Call(method, keys_[auth::Role::kAdmin], "").ok());
  auto listed = server_->Cli({"keys", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(revoked_id), std::string::npos) << listed.out;
}

TEST_F(AuthMatrixTest, APortalKeyActsOnlyForItsChannelAndPairedProperties) {
  // A property that exists but no channel sells, and one that does not exist: the same answer.
  v1::CreatePropertyRequest create;
  create.mutable_property()->set_id("lonely");
  create.mutable_property()->set_name("Lonely");
  create.mutable_property()->set_timezone("Europe/Paris");
  std::string bytes;
  create.SerializeToString(&bytes);
  ASSERT_TRUE(Call("chansync.v1.AdminService/CreateProperty", server_->key(), bytes).ok());

  const std::string portal = keys_[auth::Role::kPortal];
  std::map<std::string, std::string> messages;
  for (const auto& [channel, property] :
       std::vector<std::pair<std::string, std::string>>{{"campingfrance", "riviera"},
                                                        {"secureholiday", "lonely"},
                                                        {"secureholiday", "nowhere"}}) {
    v1::PushReservationRequest request;
    *request.mutable_reservation() = Reservation("X-1", channel, property);
    request.SerializeToString(&bytes);
    auto status = Call("chansync.v1.IngestService/PushReservation", portal, bytes);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << channel << property;
    messages[property] = status.error_message();
    v1::PushReservationsResponse streamed;
    ASSERT_TRUE(Stream(portal, request.reservation(), &streamed).ok());
    ASSERT_EQ(streamed.results_size(), 1);
    EXPECT_EQ(streamed.results(0).error().code(), "PERMISSION_DENIED");
    auto res = Http("/v1/channels/" + channel + "/reservations", JsonReservation(property), portal);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << channel << " " << property << ": " << res->body;
  }
  EXPECT_EQ(messages["lonely"], messages["nowhere"]);
  EXPECT_EQ(messages["nowhere"].find("nowhere"), std::string::npos);
}

TEST_F(AuthMatrixTest, StaffActionsAreAuditedWithBeforeAndAfter) {
  auto admin_id = keys_[auth::Role::kAdmin].substr(4, 16);
  auto changed = server_->Cli(
      {"--key-file", "/dev/null", "mode", "--property", "riviera", "--integration", "off"});
  EXPECT_EQ(changed.exit_code, 1) << changed.err;
  EXPECT_NE(changed.err.find("UNAUTHENTICATED"), std::string::npos) << changed.err;
  auto env_less =
      test::RunCommand({test::BuiltBinary("app/chansync"), "--key-file", server_->key_file(),
                        "keys", "list", "--server", server_->address()});
  ASSERT_EQ(env_less.exit_code, 0) << env_less.err;

  v1::SetGatewayRequest request;
  request.set_property_id("riviera");
  request.set_auto_integration(false);
  std::string bytes;
  request.SerializeToString(&bytes);
  ASSERT_TRUE(Call("chansync.v1.AdminService/SetGateway", keys_[auth::Role::kAdmin], bytes).ok());
  // Reads are not audited.
  ASSERT_TRUE(Call("chansync.v1.AdminService/ListProperties", keys_[auth::Role::kAdmin], "").ok());

  auto stub = v1::AuditService::NewStub(channel_);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + keys_[auth::Role::kAdmin]);
  v1::ListAuditRequest query;
  query.set_key_id(admin_id);
  v1::ListAuditResponse audit;
  ASSERT_TRUE(stub->ListAudit(&context, query, &audit).ok());
  ASSERT_EQ(audit.entries_size(), 1);
  const v1::AuditEntry& entry = audit.entries(0);
  EXPECT_EQ(entry.key_name(), "adam");
  EXPECT_EQ(entry.role(), "admin");
  EXPECT_EQ(entry.action(), "set_gateway");
  EXPECT_EQ(entry.method(), "chansync.v1.AdminService/SetGateway");
  EXPECT_EQ(entry.outcome(), "OK");
  EXPECT_NE(entry.arguments().find("riviera"), std::string::npos) << entry.arguments();
  EXPECT_NE(entry.before().find("\"auto_integration\":true"), std::string::npos) << entry.before();
  EXPECT_EQ(entry.after().find("\"auto_integration\":true"), std::string::npos) << entry.after();

  auto cli = server_->Cli({"audit", "--action", "set_gateway"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find(admin_id), std::string::npos) << cli.out;
}

TEST_F(AuthMatrixTest, NoKeySecretInTheLogOrInRedis) {
  // Use every key once, so each has been through the service.
  for (const auto& [role, key] : keys_)
    (void)Call("chansync.v1.AdminService/ListProperties", key, "");
  all_secrets_.push_back(server_->key());
  auto pool = redis_->NewPool(1);
  std::string stored;
  auto keys = pool->Command({"KEYS", "*"});
  ASSERT_TRUE(keys.has_value());
  for (const auto& name : keys->elements) {
    const std::string key = name.str;
    auto type = pool->Command({"TYPE", key});
    const std::string kind(*type->String());
    redis::RedisCommand read = kind == "hash"     ? redis::RedisCommand{"HGETALL", key}
                               : kind == "stream" ? redis::RedisCommand{"XRANGE", key, "-", "+"}
                               : kind == "string" ? redis::RedisCommand{"GET", key}
                                                  : redis::RedisCommand{"DUMP", key};
    auto reply = pool->Command(read);
    ASSERT_TRUE(reply.has_value());
    stored += key + "\n";
    Flatten(*reply, stored);
  }
  ASSERT_NE(stored.find("auth:keys"), std::string::npos) << "the key records were read";
  const std::string log = server_->log();
  for (const auto& key : all_secrets_) {
    const std::string secret = key.substr(key.rfind('_') + 1);
    EXPECT_EQ(stored.find(secret), std::string::npos) << "a secret is stored in Redis";
    EXPECT_EQ(log.find(secret), std::string::npos) << "a secret is in the log";
  }
}

}  // namespace
}  // namespace chansync
