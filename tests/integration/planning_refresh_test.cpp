// PlanningRefresher end to end on real parts: links and properties in a real redis-server, the
// planning and refresh status kept there, availability from a real pmssim over HTTP. The planning
// sink is the in-memory one (the channel side is tested on its own).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <memory>

#include "chansync/channel/testing/in_memory_planning_sink.h"
#include "chansync/core/clock.h"
#include "chansync/core/local_time.h"
#include "chansync/linking/redis_link_store.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/planning/planning_refresher.h"
#include "chansync/planning/redis_planning_store.h"
#include "chansync/planning/redis_refresh_status_store.h"
#include "chansync/pms/pms.h"
#include "chansync/pms/pms_directory.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"

namespace chansync::planning {
namespace {

using core::ErrorCode;

constexpr int kProducts = 50;
constexpr int kNights = 365;
constexpr const char* kTimezone = "Europe/Paris";

std::string PmsProduct(int i) { return "p" + std::to_string(100 + i); }
std::string ChannelProduct(int i) { return "SH-" + std::to_string(100 + i); }
int Units(int i) { return 2 + i % 9; }

// 50 products, and one reservation on p103 a week from today so that the planning is not flat.
std::string PmsData(core::CivilDate today) {
  std::string products;
  for (int i = 0; i < kProducts; ++i) {
    if (i > 0) products += ",";
    products += R"({"id": ")" + PmsProduct(i) + R"(", "name": "Product )" + std::to_string(i) +
                R"(", "units": )" + std::to_string(Units(i)) + "}";
  }
  return R"({"properties": [{"id": "riviera", "name": "Camping Riviera", "products": [)" +
         products + R"(], "options": [], "reservations": [{
    "id": "100001RIV", "status": "confirmed", "channel": "direct",
    "channel_reservation_id": "phone-1", "product": "p103", "options": [],
    "stay": {"arrival": ")" +
         today.AddDays(7).ToString() + R"(", "departure": ")" + today.AddDays(10).ToString() +
         R"("}, "guest_name": "Marie Dupont", "price": {"amount": 98000, "currency": "EUR"}}]}]})";
}

class PlanningRefreshIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    today_ = *core::LocalDateAt(clock_.Now(), kTimezone);
    redis_ = std::make_unique<test::RedisServer>();
    pmssim_ = std::make_unique<test::PmsSimProcess>(PmsData(today_));
    pool_ = redis_->NewPool(4);
    properties_ = std::make_unique<linking::RedisPropertyStore>(*pool_);
    links_ = std::make_unique<linking::RedisLinkStore>(*pool_);
    planning_ = std::make_unique<RedisPlanningStore>(*pool_);
    statuses_ = std::make_unique<RedisRefreshStatusStore>(*pool_);

    core::Property property{.id = "riviera", .name = "Camping Riviera", .timezone = kTimezone};
    property.pms.endpoint = pmssim_->base_url();
    ASSERT_TRUE(properties_->CreateProperty(property));
    ASSERT_TRUE(properties_->CreateChannel({"sh", "SecureHoliday", "http://127.0.0.1:9/plan"}));
    linking::LinkChange change;
    for (int i = 0; i < kProducts; ++i) {
      change.put_products.push_back({"sh", ChannelProduct(i), PmsProduct(i)});
    }
    ASSERT_TRUE(links_->Apply("riviera", 0, change));
    refresher_ = std::make_unique<PlanningRefresher>(*properties_, *links_, directory_, sink_,
                                                     *planning_, *statuses_, clock_,
                                                     PlanningRefresherOptions{.instance = "it-1"});
  }

  // pmssim's own answer, read from its JSON, per product.
  std::map<std::string, std::vector<int>> PmsSimAvailability() {
    const std::string body =
        pmssim_->Call("/v1/properties/riviera/availability?from=" + today_.ToString() +
                      "&to=" + today_.AddDays(kNights).ToString());
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    std::map<std::string, std::vector<int>> out;
    EXPECT_TRUE(doc.IsObject() && doc.HasMember("products")) << body;
    if (!doc.IsObject() || !doc.HasMember("products")) return out;
    for (const auto& product : doc["products"].GetArray()) {
      auto& free = out[product["id"].GetString()];
      for (const auto& value : product["free"].GetArray()) free.push_back(value.GetInt());
    }
    return out;
  }

  // Every stored planning value, raw.
  std::map<std::string, std::string> StoredPlanning() {
    std::map<std::string, std::string> out;
    auto keys = pool_->Command({"KEYS", redis::KeySpace().Property("riviera").Plan("*", "*")});
    EXPECT_TRUE(keys);
    if (!keys) return out;
    for (const auto& key : keys->elements) {
      auto value = pool_->Command({"GET", key.str});
      EXPECT_TRUE(value);
      if (value) out[key.str] = value->str;
    }
    return out;
  }

  core::SystemClock clock_;
  core::CivilDate today_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::PmsSimProcess> pmssim_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<linking::RedisPropertyStore> properties_;
  std::unique_ptr<linking::RedisLinkStore> links_;
  std::unique_ptr<RedisPlanningStore> planning_;
  std::unique_ptr<RedisRefreshStatusStore> statuses_;
  pms::CurlPmsDirectory directory_;
  channel::testing::InMemoryPlanningSink sink_;
  std::unique_ptr<PlanningRefresher> refresher_;
};

TEST_F(PlanningRefreshIntegrationTest, ARefreshBringsPmsSimsNumbersToTheChannel) {
  auto summary = refresher_->RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->products, kProducts);
  EXPECT_EQ(summary->days, kNights);
  EXPECT_EQ(summary->cells_changed, kProducts * kNights);
  EXPECT_EQ(summary->channels_pushed, 1);

  auto expected = PmsSimAvailability();
  ASSERT_EQ(expected.size(), static_cast<size_t>(kProducts));
  EXPECT_EQ(expected["p103"][7], Units(3) - 1);
  for (int i = 0; i < kProducts; ++i) {
    const std::vector<int>& free = expected[PmsProduct(i)];
    ASSERT_EQ(free.size(), static_cast<size_t>(kNights));
    for (int night = 0; night < kNights; ++night) {
      ASSERT_EQ(sink_.FreeUnits("sh", "riviera", ChannelProduct(i), today_.AddDays(night)),
                free[static_cast<size_t>(night)])
          << ChannelProduct(i) << " night " << night;
    }
  }

  auto status = statuses_->Get("riviera");
  ASSERT_TRUE(status && *status);
  EXPECT_TRUE((*status)->succeeded);
  EXPECT_EQ((*status)->instance, "it-1");
  EXPECT_EQ((*status)->summary.cells_changed, kProducts * kNights);
  EXPECT_EQ(StoredPlanning().size(), static_cast<size_t>(kProducts));

  auto again = refresher_->RefreshProperty("riviera", RefreshKind::kNightly);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->cells_changed, 0);
  EXPECT_EQ(sink_.pushes().size(), 1u);
}

TEST_F(PlanningRefreshIntegrationTest, AReservationInThePmsPushesOnlyTheNightsItTook) {
  ASSERT_TRUE(refresher_->RefreshProperty("riviera", RefreshKind::kForced));
  auto pms = directory_.For(*properties_->GetProperty("riviera"));
  ASSERT_TRUE(pms);
  auto created =
      (*pms)->CreateReservation("riviera", {.idempotency_key = "walk-in-1",
                                            .channel = "direct",
                                            .channel_reservation_id = "walk-in-1",
                                            .product = PmsProduct(7),
                                            .stay = {today_.AddDays(20), today_.AddDays(23)},
                                            .guest_name = "Walk-in",
                                            .price = {30000, "EUR"}});
  ASSERT_TRUE(created) << created.error().ToString();

  auto summary = refresher_->RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->cells_changed, 3);
  ASSERT_EQ(sink_.pushes().size(), 2u);
  const int left = Units(7) - 1;
  EXPECT_EQ(sink_.pushes()[1].products,
            (std::vector<core::ProductPlanning>{
                {ChannelProduct(7), {{today_.AddDays(20), {left, left, left}}}}}));
  EXPECT_EQ(sink_.FreeUnits("sh", "riviera", ChannelProduct(7), today_.AddDays(21)), left);
  EXPECT_EQ(sink_.FreeUnits("sh", "riviera", ChannelProduct(7), today_.AddDays(23)), Units(7));
}

TEST_F(PlanningRefreshIntegrationTest, WithPmsSimStoppedTheRefreshFailsAndChangesNothing) {
  ASSERT_TRUE(refresher_->RefreshProperty("riviera", RefreshKind::kForced));
  const auto stored = StoredPlanning();
  const int64_t cells = sink_.cells_pushed();
  pmssim_->Stop();

  auto summary = refresher_->RefreshProperty("riviera", RefreshKind::kNightly);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kPmsUnavailable) << summary.error().ToString();
  auto status = statuses_->Get("riviera");
  ASSERT_TRUE(status && *status);
  EXPECT_FALSE((*status)->succeeded);
  EXPECT_EQ((*status)->kind, RefreshKind::kNightly);
  ASSERT_TRUE((*status)->error);
  EXPECT_EQ((*status)->error->code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(StoredPlanning(), stored);
  EXPECT_EQ(sink_.cells_pushed(), cells);
  EXPECT_EQ(sink_.pushes().size(), 1u);
}

}  // namespace
}  // namespace chansync::planning
