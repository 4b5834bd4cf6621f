// Availability re-check during booking, end to end: a real `chansync serve` on a real
// redis-server, asking a real pmssim over HTTP.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <chrono>
#include <fstream>
#include <memory>

#include "chansync/integration/redis_integration_log.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"
#include "chansync/v1/ingest.grpc.pb.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPmsData = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12},
               {"id": "chalet", "name": "Chalet", "units": 1}],
  "options": [{"id": "linen", "name": "Bed linen"}, {"id": "pet", "name": "Pet"}],
  "reservations": []}]})";

std::string Declarations(const std::string& pms_endpoint) {
  return R"({
  "channels": [{"id": "secureholiday", "name": "SecureHoliday", "planning_endpoint": ""}],
  "properties": [{
    "id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris", "mode": "pms",
    "levels": {"nightly_planning": true, "availability_recheck": true, "auto_integration": true},
    "multi_link": false,
    "pms": {"endpoint": ")" +
         pms_endpoint + R"(", "gateway_id": "RIV-1", "credentials": ""},
    "pms_catalog": {
      "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12},
                   {"id": "chalet", "name": "Chalet", "units": 1}],
      "options": [{"id": "linen", "name": "Bed linen"}, {"id": "pet", "name": "Pet"}]},
    "channel_products": {"secureholiday": [
      {"id": "SH-MH4", "name": "Mobil-home 4", "options": [{"id": "SH-LINGE", "name": "Linge"},
                                                          {"id": "SH-ANIMAL", "name": "Animal"}]},
      {"id": "SH-CHALET", "name": "Chalet", "options": []}]},
    "links": [{"channel": "secureholiday", "channel_product": "SH-MH4", "pms_product": "mh-4p",
               "options": {"SH-LINGE": "linen"}}]
  }]})";
}

// The check and the reservation after it share a stay inside the window ingest accepts.
std::string CheckBody() {
  return R"({"property": "riviera", "product": "SH-MH4", "arrival": ")" + test::DayOfMonthAhead(1) +
         R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "options": [{"option": "SH-LINGE"}]})";
}

std::string JsonReservation(const std::string& id, const std::string& check_id) {
  return R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera",
    "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "guest_name": "Jeanne Martin",
    "product": "SH-MH4", "options": [{"option": "SH-LINGE"}],
    "price": {"amount_minor": 84900, "currency": "EUR"}, "check_id": ")" +
         check_id + R"("})";
}

class AvailabilityCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    pmssim_ = std::make_unique<test::PmsSimProcess>(kPmsData);
    const std::string declarations = files_.path() + "/declarations.json";
    std::ofstream(declarations) << Declarations(pmssim_->base_url());
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(),
        std::vector<std::string>{"--declarations", declarations, "--check-deadline-ms", "300"});
    ASSERT_FALSE(server_->http_address().empty()) << server_->log();
    pool_ = redis_->NewPool(2);
    http_ = std::make_unique<httplib::Client>("127.0.0.1", server_->http_port());
    http_->set_bearer_token_auth(server_->key());
    http_->set_read_timeout(5, 0);
    stub_ = v1::IngestService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  rapidjson::Document PostCheck(const std::string& body, int expected_status = 200) {
    auto res =
        http_->Post("/v1/channels/secureholiday/availability-checks", body, "application/json");
    rapidjson::Document doc;
    EXPECT_TRUE(res);
    if (!res) return doc;
    EXPECT_EQ(res->status, expected_status) << res->body;
    doc.Parse(res->body.c_str());
    EXPECT_FALSE(doc.HasParseError()) << res->body;
    return doc;
  }

  // The integration record once the worker has settled it.
  std::optional<integration::IntegrationRecord> WaitForRecord(const std::string& id) {
    integration::RedisIntegrationLog log(*pool_);
    std::optional<integration::IntegrationRecord> record;
    test::WaitUntil([&] {
      auto got = log.Get({"riviera", "secureholiday", id});
      if (got && *got && (*got)->status != integration::IntegrationStatus::kPending) record = **got;
      return record.has_value();
    });
    return record;
  }

  test::TempDir files_;
  std::unique_ptr<test::RedisServer> redis_;
  // `chansync serve` stores its checks in the default key space.
  static std::string CheckKey(const std::string& check_id) {
    return redis::KeySpace().Property("riviera").Check(check_id);
  }

  std::unique_ptr<test::PmsSimProcess> pmssim_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<httplib::Client> http_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

TEST_F(AvailabilityCheckTest, HttpCheckThenPushIsRecordedWithAvailabilityCheckTrue) {
  auto answer = PostCheck(CheckBody());
  ASSERT_TRUE(answer.IsObject());
  EXPECT_STREQ(answer["outcome"].GetString(), "AVAILABLE");
  EXPECT_EQ(answer["units_left"].GetInt(), 12);
  EXPECT_FALSE(answer.HasMember("error"));
  const std::string check_id = answer["check_id"].GetString();
  ASSERT_FALSE(check_id.empty());

  const std::string key = CheckKey(check_id);
  auto stored = pool_->Command({"GET", key});
  ASSERT_TRUE(stored && !stored->is_nil());
  EXPECT_NE(stored->str.find(R"("outcome":"AVAILABLE")"), std::string::npos) << stored->str;
  auto ttl = pool_->Command({"PTTL", key});
  ASSERT_TRUE(ttl);
  EXPECT_GT(ttl->integer, 23 * 3600 * 1000LL);
  EXPECT_LE(ttl->integer, 24 * 3600 * 1000LL);

  for (const auto& [id, with] : std::vector<std::pair<std::string, std::string>>{
           {"SH-1", check_id}, {"SH-2", "chk-forged"}}) {
    auto pushed = http_->Post("/v1/channels/secureholiday/reservations", JsonReservation(id, with),
                              "application/json");
    ASSERT_TRUE(pushed);
    ASSERT_EQ(pushed->status, 202) << pushed->body;
  }
  auto checked = WaitForRecord("SH-1");
  ASSERT_TRUE(checked) << server_->log();
  EXPECT_EQ(checked->status, integration::IntegrationStatus::kIntegrated);
  EXPECT_EQ(checked->availability_check, integration::AvailabilityCheck::kTrue);
  auto forged = WaitForRecord("SH-2");
  ASSERT_TRUE(forged) << server_->log();
  EXPECT_EQ(forged->status, integration::IntegrationStatus::kIntegrated);
  EXPECT_EQ(forged->availability_check, integration::AvailabilityCheck::kError);

  // The operator's CLI shows the same column.
  auto shown = server_->Cli({"integration", "show", "riviera/secureholiday/SH-1", "--json"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("\"TRUE\""), std::string::npos) << shown.out;
}

TEST_F(AvailabilityCheckTest, HttpErrorsAndRefusals) {
  auto unlinked = PostCheck(R"({"property": "riviera", "product": "SH-CHALET",
      "arrival": "2026-09-01", "departure": "2026-09-08"})");
  EXPECT_STREQ(unlinked["outcome"].GetString(), "ERROR");
  EXPECT_EQ(unlinked["units_left"].GetInt(), 0);
  EXPECT_STREQ(unlinked["error"]["code"].GetString(), "PRODUCT_NOT_LINKED");
  const std::string error_check_id = unlinked["check_id"].GetString();
  auto stored = pool_->Command({"EXISTS", CheckKey(error_check_id)});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->integer, 0) << "an ERROR must never be stored as a check";

  auto option = PostCheck(R"({"property": "riviera", "product": "SH-MH4",
      "arrival": "2026-09-01", "departure": "2026-09-08", "options": [{"option": "SH-ANIMAL"}]})");
  EXPECT_STREQ(option["error"]["code"].GetString(), "OPTION_NOT_LINKED");

  auto missing = PostCheck(R"({"product": "SH-MH4", "arrival": "2026-09-01",
      "departure": "2026-09-08"})",
                           400);
  EXPECT_STREQ(missing["error"]["code"].GetString(), "INVALID_ARGUMENT");
  EXPECT_NE(std::string(missing["error"]["message"].GetString()).find("property"),
            std::string::npos);
  auto backwards = PostCheck(R"({"property": "riviera", "product": "SH-MH4",
      "arrival": "2026-09-08", "departure": "2026-09-01"})",
                             400);
  EXPECT_NE(std::string(backwards["error"]["message"].GetString()).find("departure"),
            std::string::npos);
  PostCheck("[1, 2]", 400);
}

TEST_F(AvailabilityCheckTest, GrpcCheckAvailability) {
  v1::CheckAvailabilityRequest request;
  request.set_channel_id("secureholiday");
  request.set_property_id("riviera");
  request.set_channel_product_id("SH-MH4");
  request.set_arrival("2026-09-01");
  request.set_departure("2026-09-08");
  request.add_options()->set_option("SH-LINGE");
  {
    v1::CheckAvailabilityResponse response;
    grpc::ClientContext context;
    context.AddMetadata("authorization", server_->bearer());
    auto status = stub_->CheckAvailability(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.outcome(), v1::AVAILABILITY_OUTCOME_AVAILABLE);
    EXPECT_EQ(response.units_left(), 12);
    EXPECT_FALSE(response.check_id().empty());
    EXPECT_TRUE(response.error_code().empty());
    auto stored = pool_->Command({"EXISTS", CheckKey(response.check_id())});
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->integer, 1);
  }
  {
    auto unlinked = request;
    unlinked.set_channel_product_id("SH-CHALET");
    unlinked.clear_options();
    v1::CheckAvailabilityResponse response;
    grpc::ClientContext context;
    context.AddMetadata("authorization", server_->bearer());
    ASSERT_TRUE(stub_->CheckAvailability(&context, unlinked, &response).ok());
    EXPECT_EQ(response.outcome(), v1::AVAILABILITY_OUTCOME_ERROR);
    EXPECT_EQ(response.error_code(), "PRODUCT_NOT_LINKED");
    EXPECT_FALSE(response.error_message().empty());
  }
  {
    auto malformed = request;
    malformed.set_arrival("2026/09/01");
    v1::CheckAvailabilityResponse response;
    grpc::ClientContext context;
    context.AddMetadata("authorization", server_->bearer());
    auto status = stub_->CheckAvailability(&context, malformed, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message().rfind("INVALID_ARGUMENT: arrival", 0), 0u)
        << status.error_message();
  }
}

TEST_F(AvailabilityCheckTest, SlowPmsAnswersErrorWithinTheDeadlineNeverAGuess) {
  pmssim_->Call("/admin/faults", R"({"latency_ms": 1500})");
  const auto start = std::chrono::steady_clock::now();
  auto answer = PostCheck(CheckBody());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, 800ms);
  EXPECT_GE(elapsed, 250ms);
  EXPECT_STREQ(answer["outcome"].GetString(), "ERROR");
  EXPECT_EQ(answer["units_left"].GetInt(), 0);
  EXPECT_STREQ(answer["error"]["code"].GetString(), "DEADLINE_EXCEEDED")
      << answer["error"]["message"].GetString();
  auto stored = pool_->Command({"EXISTS", CheckKey(answer["check_id"].GetString())});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->integer, 0);

  // Once the PMS is quick again, the answer is real again.
  pmssim_->Call("/admin/faults", R"({"latency_ms": 0})");
  EXPECT_STREQ(PostCheck(CheckBody())["outcome"].GetString(), "AVAILABLE");
}

TEST_F(AvailabilityCheckTest, PmsDownIsAnError) {
  pmssim_->Stop();
  auto answer = PostCheck(CheckBody());
  EXPECT_STREQ(answer["outcome"].GetString(), "ERROR");
  EXPECT_STREQ(answer["error"]["code"].GetString(), "PMS_UNAVAILABLE");
}

}  // namespace
}  // namespace chansync
