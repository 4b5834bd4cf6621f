// A portal reports a failed payment, end to end on real processes (redis-server, pmssim,
// `chansync serve`): the PMS reservation is kept and flagged, operators see and filter it, and
// only a cancellation cancels.
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <fstream>
#include <memory>

#include "chansync/integration/redis_integration_log.h"
#include "chansync/redis/redis.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using integration::IntegrationStatus;
using namespace std::chrono_literals;

constexpr char kPmsData[] = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12}],
  "options": []}]})";

std::string Declarations(const std::string& pms_endpoint) {
  return R"({"channels": [{"id": "sh", "name": "SecureHoliday"}],
  "properties": [{"id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris",
    "mode": "pms", "pms": {"endpoint": ")" +
         pms_endpoint + R"("},
    "pms_catalog": {"products": [{"id": "mh-4p", "units": 12}]},
    "channel_products": {"sh": [{"id": "SH-MH4"}]},
    "links": [{"channel": "sh", "channel_product": "SH-MH4", "pms_product": "mh-4p"}]}]})";
}

// Sold in June 2025 (Europe/Paris), so the operator lists name a fixed month.
std::string Reservation(const std::string& id, int revision, const std::string& status,
                        bool payment_failed) {
  return R"({"channel_reservation_id": ")" + id +
         R"(", "property": "riviera", "sold_at": "2025-06-15T10:00:00Z", "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(5) +
         R"(", "guest_name": "Guest )" + id +
         R"(", "product": "SH-MH4", "price": {"amount_minor": 84900, "currency": "EUR"},
    "revision": )" +
         std::to_string(revision) + R"(, "status": ")" + status + R"(", "payment_failed": )" +
         (payment_failed ? "true" : "false") + "}";
}

class PaymentFailedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    pms_ = std::make_unique<test::PmsSimProcess>(kPmsData);
    const std::string declarations = dir_.path() + "/declarations.json";
    std::ofstream(declarations) << Declarations(pms_->base_url());
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(), std::vector<std::string>{"--declarations", declarations});
    pool_ = redis_->NewPool(2);
    log_ = std::make_unique<integration::RedisIntegrationLog>(*pool_);
  }

  int Push(const std::string& body) {
    httplib::Client client("127.0.0.1", server_->http_port());
    client.set_bearer_token_auth(server_->key());
    auto answer = client.Post("/v1/channels/sh/reservations", body, "application/json");
    return answer ? answer->status : -1;
  }

  // Waits until the record of `id` holds `revision` in the PMS, and returns it.
  integration::IntegrationRecord Integrated(const std::string& id, int64_t revision) {
    integration::IntegrationRecord found;
    const bool done = test::WaitUntil(
        [&] {
          auto record = log_->Get({"riviera", "sh", id});
          if (!record || !*record) return false;
          found = **record;
          return found.status == IntegrationStatus::kIntegrated &&
                 found.integrated_revision == revision;
        },
        20s);
    EXPECT_TRUE(done) << id << " r" << revision << " not integrated; log:\n" << server_->log();
    return found;
  }

  // The PMS reservation of `pms_id`, as pmssim answers it.
  rapidjson::Document PmsReservation(const std::string& pms_id) {
    rapidjson::Document doc;
    doc.Parse(pms_->Call("/v1/properties/riviera/reservations/" + pms_id).c_str());
    return doc;
  }

  test::TempDir dir_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::PmsSimProcess> pms_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<integration::RedisIntegrationLog> log_;
};

TEST_F(PaymentFailedTest, AFailedPaymentIsFlaggedNotCancelledAndOnlyACancellationCancels) {
  ASSERT_EQ(Push(Reservation("P1", 1, "new", false)), 202);
  ASSERT_EQ(Push(Reservation("P2", 1, "new", false)), 202);
  const auto first = Integrated("P1", 1);
  Integrated("P2", 1);
  EXPECT_FALSE(first.reservation.payment_failed);

  ASSERT_EQ(Push(Reservation("P1", 2, "modified", true)), 202);
  const auto flagged = Integrated("P1", 2);
  EXPECT_TRUE(flagged.reservation.payment_failed);
  EXPECT_EQ(flagged.pms_reservation_id, first.pms_reservation_id);
  auto in_pms = PmsReservation(first.pms_reservation_id);
  ASSERT_TRUE(in_pms.IsObject());
  EXPECT_STREQ(in_pms["status"].GetString(), "confirmed");
  ASSERT_TRUE(in_pms.HasMember("payment_failed"));
  EXPECT_TRUE(in_pms["payment_failed"].GetBool());

  const auto all = server_->Cli({"integrations", "--property", "riviera", "--month", "2025-06"});
  EXPECT_NE(all.out.find("2 reservations"), std::string::npos) << all.out << all.err;
  const auto only = server_->Cli(
      {"integrations", "--property", "riviera", "--month", "2025-06", "--payment-failed"});
  EXPECT_EQ(only.exit_code, 0) << only.err;
  EXPECT_NE(only.out.find("1 reservation\n"), std::string::npos) << only.out;
  EXPECT_NE(only.out.find("P1"), std::string::npos) << only.out;
  EXPECT_EQ(only.out.find("P2"), std::string::npos) << only.out;
  const auto show = server_->Cli({"integration", "show", "riviera/sh/P1"});
  EXPECT_NE(show.out.find("payment failed"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("yes"), std::string::npos) << show.out;

  ASSERT_EQ(Push(Reservation("P1", 3, "cancelled", true)), 202);
  Integrated("P1", 3);
  EXPECT_STREQ(PmsReservation(first.pms_reservation_id)["status"].GetString(), "cancelled");
}

TEST_F(PaymentFailedTest, APaymentFlagThatIsNotABooleanIsRefusedNamingIt) {
  std::string body = Reservation("P3", 1, "new", false);
  body.replace(body.find("\"payment_failed\": false"), 23, "\"payment_failed\": \"yes\"");
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  auto answer = client.Post("/v1/channels/sh/reservations", body, "application/json");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  EXPECT_NE(answer->body.find("payment_failed"), std::string::npos) << answer->body;
}

}  // namespace
}  // namespace chansync
