// PMS tokens against real processes (redis-server, pmssim requiring a token, `chansync serve`):
// sealed in Redis, never answered nor logged, migrated from a plain store, and dropped when the
// PMS endpoint changes. Also: a property created over the API starts inactive.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>

#include "chansync/redis/redis.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/process.h"
#include "chansync/test/redis_server.h"
#include "chansync/v1/admin.grpc.pb.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;

// Card-like on purpose: the proof greps for it everywhere it must not be.
constexpr char kToken[] = "tok-4111111111111111";

constexpr char kPmsData[] = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12}],
  "options": []}]})";

std::string Declarations(const std::string& pms_endpoint) {
  return R"({"channels": [{"id": "sh", "name": "SecureHoliday"}],
  "properties": [{"id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris",
    "pms": {"endpoint": ")" +
         pms_endpoint + R"(", "gateway_id": "RIV-1", "credentials": ")" + kToken + R"("},
    "pms_catalog": {"products": [{"id": "mh-4p", "units": 12}]},
    "channel_products": {"sh": [{"id": "SH-MH4"}]},
    "links": [{"channel": "sh", "channel_product": "SH-MH4", "pms_product": "mh-4p"}]}]})";
}

// An HTTP listener the test owns, standing for a PMS an attacker points the property at: it
// records the Authorization header of every request it gets.
class RecordingListener {
 public:
  RecordingListener() {
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex_);
      ++requests_;
      authorizations_ += request.get_header_value("Authorization");
      response.status = 503;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~RecordingListener() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::string authorizations() {
    std::lock_guard lock(mutex_);
    return authorizations_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  int requests_ = 0;
  std::string authorizations_;
};

class SecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    pms_ = std::make_unique<test::PmsSimProcess>(kPmsData,
                                                 std::vector<std::string>{"--credentials", kToken});
    declarations_ = dir_.path() + "/declarations.json";
    std::ofstream(declarations_) << Declarations(pms_->base_url());
    pool_ = redis_->NewPool(2);
  }

  void StartServer(std::vector<std::string> extra = {}) {
    server_.reset();
    std::vector<std::string> args{"--declarations", declarations_};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<test::ChansyncServer>(redis_->endpoint(), args);
    admin_ = v1::AdminService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // Every property record as Redis holds it.
  std::string RawProperties() {
    auto reply = pool_->Command({"HGETALL", "cs:properties"});
    EXPECT_TRUE(reply) << reply.error().ToString();
    std::string all;
    if (!reply) return all;
    auto pairs = reply->Pairs();
    EXPECT_TRUE(pairs);
    for (const auto& [field, value] : *pairs)
      all += std::string(field) + "=" + std::string(value) + "\n";
    return all;
  }

  grpc::Status Sync(v1::SyncPmsCatalogResponse* response) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", server_->bearer());
    v1::SyncPmsCatalogRequest request;
    request.set_property_id("riviera");
    return admin_->SyncPmsCatalog(&context, request, response);
  }

  v1::Property Get() {
    grpc::ClientContext context;
    context.AddMetadata("authorization", server_->bearer());
    v1::GetPropertyRequest request;
    request.set_property_id("riviera");
    v1::Property property;
    const auto status = admin_->GetProperty(&context, request, &property);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return property;
  }

  test::TempDir dir_;
  std::string declarations_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::PmsSimProcess> pms_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(SecretsTest, ATokenIsSealedInRedisUsedForThePmsAndNeverAnsweredNorLogged) {
  StartServer();
  v1::SyncPmsCatalogResponse synced;
  const auto status = Sync(&synced);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << server_->log();
  EXPECT_EQ(synced.products(), 1);

  const std::string raw = RawProperties();
  EXPECT_EQ(raw.find(kToken), std::string::npos) << raw;
  EXPECT_EQ(raw.find("4111111111111111"), std::string::npos) << raw;
  EXPECT_NE(raw.find("sealed_credentials"), std::string::npos) << raw;

  EXPECT_EQ(Get().pms().credentials(), "");
  const auto listed = server_->Cli({"properties", "--json"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.find(kToken), std::string::npos) << listed.out;
  EXPECT_EQ(server_->log().find(kToken), std::string::npos) << server_->log();
}

TEST_F(SecretsTest, ChangingTheEndpointWithoutANewTokenSendsNoTokenThere) {
  StartServer();
  RecordingListener attacker;
  v1::UpdatePropertyRequest update;
  *update.mutable_property() = Get();
  update.mutable_property()->mutable_pms()->set_endpoint(attacker.url());
  grpc::ClientContext context;
  context.AddMetadata("authorization", server_->bearer());
  v1::Property updated;
  const auto status = admin_->UpdateProperty(&context, update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();

  v1::SyncPmsCatalogResponse synced;
  EXPECT_FALSE(Sync(&synced).ok());  // the listener answers 503
  ASSERT_GE(attacker.requests(), 1);
  EXPECT_EQ(attacker.authorizations(), "");
  EXPECT_EQ(attacker.authorizations().find(kToken), std::string::npos);

  // Pointed back at the real PMS, it needs its token given again.
  *update.mutable_property() = Get();
  update.mutable_property()->mutable_pms()->set_endpoint(pms_->base_url());
  update.mutable_property()->mutable_pms()->set_credentials(kToken);
  grpc::ClientContext again;
  again.AddMetadata("authorization", server_->bearer());
  ASSERT_TRUE(admin_->UpdateProperty(&again, update, &updated).ok());
  EXPECT_TRUE(Sync(&synced).ok()) << server_->log();
}

TEST_F(SecretsTest, APlainStoreIsSealedAtStartAndRefusedWithoutItsKey) {
  StartServer({"--pms-token-storage", "insecure-plain"});
  EXPECT_NE(RawProperties().find(kToken), std::string::npos);
  EXPECT_NE(server_->log().find("insecure-plain"), std::string::npos);
  server_.reset();

  StartServer();  // with the run's key
  EXPECT_EQ(RawProperties().find(kToken), std::string::npos) << RawProperties();
  EXPECT_NE(server_->log().find("1 sealed now"), std::string::npos) << server_->log();
  v1::SyncPmsCatalogResponse synced;
  EXPECT_TRUE(Sync(&synced).ok()) << server_->log();
  server_.reset();

  // Without the key the sealed token cannot be used: the start is refused, naming why.
  const auto refused =
      test::RunCommand({test::BuiltBinary("app/chansync"), "serve", "--redis", redis_->endpoint(),
                        "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("SECRETS_NOT_CONFIGURED"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find(kToken), std::string::npos) << refused.err;
}

TEST_F(SecretsTest, WithoutAKeyATokenCannotBeStored) {
  const auto refused = test::RunCommand(
      {test::BuiltBinary("app/chansync"), "serve", "--redis", redis_->endpoint(), "--listen",
       "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--declarations", declarations_});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("SECRETS_NOT_CONFIGURED"), std::string::npos) << refused.err;
  EXPECT_EQ(RawProperties().find(kToken), std::string::npos) << RawProperties();
}

TEST_F(SecretsTest, APropertyCreatedOverTheApiStartsInactiveUntilLinked) {
  StartServer();
  v1::CreatePropertyRequest create;
  create.mutable_property()->set_id("oceane");
  create.mutable_property()->set_name("Camping Oceane");
  v1::Property created;
  grpc::ClientContext context;
  context.AddMetadata("authorization", server_->bearer());
  ASSERT_TRUE(admin_->CreateProperty(&context, create, &created).ok());
  EXPECT_EQ(created.mode(), v1::GATEWAY_MODE_CLASSIC);

  const auto refused = server_->Cli({"mode", "--property", "oceane", "pms"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("PROPERTY_NOT_LINKED"), std::string::npos) << refused.err;
  // The declared property, linked, was switched on.
  const auto riviera = server_->Cli({"mode", "--property", "riviera", "--json"});
  EXPECT_NE(riviera.out.find("GATEWAY_MODE_PMS"), std::string::npos) << riviera.out;
}

}  // namespace
}  // namespace chansync
