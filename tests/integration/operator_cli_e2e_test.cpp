// End to end: records written to Redis as the worker writes them, then a real `chansync serve`
// driven by the operator CLI: the month list, one record, forced integrations onto the queue.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <memory>

#include "chansync/channel/work_item.h"
#include "chansync/core/clock.h"
#include "chansync/core/reservation_json.h"
#include "chansync/integration/redis_integration_log.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;
using integration::IntegrationRecord;
using integration::IntegrationStatus;
using test::CommandResult;

IntegrationRecord Record(std::string resv, const char* sold_at, std::string guest,
                         IntegrationStatus status, std::optional<core::Error> error = {}) {
  IntegrationRecord record;
  auto& r = record.reservation;
  r.channel = "secureholiday";
  r.channel_reservation_id = std::move(resv);
  r.property = "riviera";
  r.sold_at = *core::ParseTimestamp(sold_at);
  r.stay = {*core::CivilDate::Parse("2026-09-10"), *core::CivilDate::Parse("2026-09-17")};
  r.guest_name = std::move(guest);
  r.product = "SH-MH4";
  r.price = {84900, "EUR"};
  record.status = status;
  record.error = std::move(error);
  record.attempts = 1;
  record.received_at = r.sold_at;
  record.updated_at = r.sold_at + 3s;
  if (status == IntegrationStatus::kIntegrated) {
    record.availability_check = integration::AvailabilityCheck::kTrue;
    record.pms_reservation_id = "443591RIV";
    record.integrated_revision = 1;
    record.integrated_at = record.updated_at;
  }
  return record;
}

class OperatorCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(),
        // No workers: these tests read what force puts on the queue before anyone integrates it.
        std::vector<std::string>{"--declarations", test::SourcePath("deploy/local/riviera.json"),
                                 "--workers", "0"});
    pool_ = redis_->NewPool(2);
    integration::RedisIntegrationLog log(*pool_);
    ASSERT_TRUE(log.Put(
        {Record("SH-1001", "2026-09-01T10:15:00Z", "Jeanne Martin", IntegrationStatus::kIntegrated),
         Record("SH-1002", "2026-09-02T09:00:00Z", "Paul Durand", IntegrationStatus::kFailed,
                core::Error{core::ErrorCode::kProductNotLinked,
                            "channel product SH-MH4 is not linked to any PMS product"}),
         Record("SH-1003", "2026-08-31T22:30:00Z", "Awa Diallo", IntegrationStatus::kFailed,
                core::Error{core::ErrorCode::kNoAvailability, "no mh-4p free on 2026-09-12"}),
         Record("SH-1004", "2026-09-03T12:00:00Z", "Lea Petit", IntegrationStatus::kPending)},
        "Europe/Paris"));
  }

  CommandResult Cli(std::vector<std::string> args) { return server_->Cli(std::move(args)); }

  // What is on the reservation queue, as a worker would claim it.
  std::vector<channel::WorkItem> Queued() {
    auto work_queue = queue::RedisWorkQueue::Open(*pool_, clock_);
    EXPECT_TRUE(work_queue.has_value());
    auto claimed = (*work_queue)->Claim("e2e-test", 100, 0ms);
    EXPECT_TRUE(claimed.has_value()) << claimed.error().ToString();
    std::vector<channel::WorkItem> items;
    for (const auto& message : claimed.value_or(std::vector<queue::Message>{})) {
      auto item = channel::WorkItemFromJson(message.payload);
      EXPECT_TRUE(item.has_value()) << message.payload;
      if (item) items.push_back(*item);
    }
    return items;
  }

  core::SystemClock clock_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
};

TEST_F(OperatorCliTest, ListsTheMonthWithCountAndFilters) {
  auto all = Cli({"integrations", "--property", "riviera", "--month", "2026-09", "--by", "sale"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("4 reservations"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("SALE DATE (local)"), std::string::npos) << all.out;
  // 22:30Z on Aug 31 is Sep 1 00:30 in Paris: listed in September, shown in local time.
  EXPECT_NE(all.out.find("2026-09-01 00:30"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("443591RIV"), std::string::npos);
  EXPECT_NE(all.out.find("TRUE"), std::string::npos);

  auto failed = Cli(
      {"integrations", "--property", "riviera", "--month", "2026-09", "--by", "sale", "--failed"});
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  EXPECT_NE(failed.out.find("2 reservations"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("PRODUCT_NOT_LINKED"), std::string::npos);
  EXPECT_NE(failed.out.find("NO_AVAILABILITY"), std::string::npos);
  EXPECT_EQ(failed.out.find("SH-1001"), std::string::npos);
  EXPECT_NE(failed.out.find("ERROR"), std::string::npos);

  auto succeeded = Cli({"integrations", "--property", "riviera", "--month", "2026-09", "--by",
                        "stay", "--succeeded", "--json"});
  ASSERT_EQ(succeeded.exit_code, 0) << succeeded.err;
  rapidjson::Document doc;
  doc.Parse(succeeded.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << succeeded.out;
  EXPECT_STREQ(doc["count"].GetString(), "1");  // int64 is a string in proto JSON
  EXPECT_STREQ(doc["integrations"][0]["pms_reservation_id"].GetString(), "443591RIV");
  EXPECT_STREQ(doc["integrations"][0]["status"].GetString(), "INTEGRATION_STATUS_INTEGRATED");

  auto august = Cli({"integrations", "--property", "riviera", "--month", "2026-08"});
  ASSERT_EQ(august.exit_code, 0) << august.err;
  EXPECT_NE(august.out.find("0 reservations"), std::string::npos) << august.out;
}

TEST_F(OperatorCliTest, BadUsageExitsTwo) {
  EXPECT_EQ(Cli({"integrations", "--property", "riviera"}).exit_code, 2);
  EXPECT_EQ(Cli({"integrations", "--property", "riviera", "--month", "2026-09", "--by", "week"})
                .exit_code,
            2);
  EXPECT_EQ(Cli({"integrations", "--property", "riviera", "--month", "2026-09", "--failed",
                 "--succeeded"})
                .exit_code,
            2);
  auto bad_month = Cli({"integrations", "--property", "riviera", "--month", "Sept"});
  EXPECT_EQ(bad_month.exit_code, 1);
  EXPECT_NE(bad_month.err.find("INVALID_ARGUMENT"), std::string::npos) << bad_month.err;
  EXPECT_EQ(Cli({"force"}).exit_code, 2);
  EXPECT_EQ(Cli({"integration", "list"}).exit_code, 2);
}

TEST_F(OperatorCliTest, ShowGivesEveryFieldAndTheForceHint) {
  auto show = Cli({"integration", "show", "riviera/secureholiday/SH-1002"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Paul Durand"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("failed"), std::string::npos);
  EXPECT_NE(show.out.find("PRODUCT_NOT_LINKED: channel product SH-MH4 is not linked"),
            std::string::npos);
  EXPECT_NE(show.out.find("chansync force riviera/secureholiday/SH-1002"), std::string::npos);

  auto integrated = Cli({"integration", "show", "riviera/secureholiday/SH-1001"});
  ASSERT_EQ(integrated.exit_code, 0) << integrated.err;
  EXPECT_NE(integrated.out.find("443591RIV"), std::string::npos);
  EXPECT_EQ(integrated.out.find("chansync force"), std::string::npos);

  auto missing = Cli({"integration", "show", "riviera/secureholiday/SH-404"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("NOT_FOUND"), std::string::npos) << missing.err;
  auto malformed = Cli({"integration", "show", "SH-1002"});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_NE(malformed.err.find("INVALID_ARGUMENT"), std::string::npos) << malformed.err;
}

TEST_F(OperatorCliTest, ForceRequeuesFailedAndRefusesIntegrated) {
  auto force = Cli({"force", "riviera/secureholiday/SH-1002"});
  ASSERT_EQ(force.exit_code, 0) << force.err;
  EXPECT_NE(force.out.find("re-queued"), std::string::npos) << force.out;
  EXPECT_NE(force.out.find("status: pending"), std::string::npos) << force.out;

  auto items = Queued();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].forced);
  EXPECT_FALSE(items[0].allow_overbooking);
  EXPECT_EQ(items[0].reservation.channel_reservation_id, "SH-1002");
  EXPECT_EQ(items[0].reservation.guest_name, "Paul Durand");

  // Now in flight: a second force is refused until the worker records an outcome.
  auto again = Cli({"force", "riviera/secureholiday/SH-1002"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("CONFLICT"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("still being integrated"), std::string::npos) << again.err;

  auto integrated = Cli({"force", "riviera/secureholiday/SH-1001"});
  EXPECT_EQ(integrated.exit_code, 1);
  EXPECT_NE(
      integrated.err.find("ALREADY_INTEGRATED: already integrated as 443591RIV; nothing to force"),
      std::string::npos)
      << integrated.err;
  EXPECT_TRUE(Queued().empty());
}

TEST_F(OperatorCliTest, NoAvailabilityNeedsAllowOverbooking) {
  auto show = Cli({"integration", "show", "riviera/secureholiday/SH-1003"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("--allow-overbooking"), std::string::npos) << show.out;

  auto overbook = Cli({"force", "riviera/secureholiday/SH-1003", "--allow-overbooking"});
  ASSERT_EQ(overbook.exit_code, 0) << overbook.err;
  EXPECT_NE(overbook.out.find("overbooking allowed"), std::string::npos) << overbook.out;
  auto items = Queued();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].forced);
  EXPECT_TRUE(items[0].allow_overbooking);

  auto after = Cli({"integration", "show", "riviera/secureholiday/SH-1003", "--json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  rapidjson::Document doc;
  doc.Parse(after.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << after.out;
  EXPECT_STREQ(doc["status"].GetString(), "INTEGRATION_STATUS_PENDING");
  EXPECT_STREQ(doc["error_code"].GetString(), "NO_AVAILABILITY");  // kept until the next outcome
  EXPECT_EQ(doc["attempts"].GetInt(), 0);
  EXPECT_FALSE(std::string(doc["tracking_id"].GetString()).empty());
}

TEST_F(OperatorCliTest, ForceWithoutOverbookingSaysHowToOverbook) {
  auto force = Cli({"force", "riviera/secureholiday/SH-1003"});
  ASSERT_EQ(force.exit_code, 0) << force.err;
  EXPECT_NE(force.out.find("use --allow-overbooking"), std::string::npos) << force.out;
  auto items = Queued();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].forced);
  EXPECT_FALSE(items[0].allow_overbooking);
}

}  // namespace
}  // namespace chansync
