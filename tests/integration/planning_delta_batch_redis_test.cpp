// RefreshNightsMany on real parts: properties, links and planning in a real redis-server,
// availability from a real pmssim over HTTP. A batch answers each request as RefreshNights does
// alone, while its reads do not grow by three commands per property.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "chansync/channel/testing/in_memory_planning_sink.h"
#include "chansync/core/clock.h"
#include "chansync/core/local_time.h"
#include "chansync/linking/redis_link_store.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/planning/planning_deltas.h"
#include "chansync/planning/planning_refresher.h"
#include "chansync/planning/redis_planning_store.h"
#include "chansync/planning/redis_refresh_status_store.h"
#include "chansync/pms/pms_directory.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"

namespace chansync::planning {
namespace {

using core::ErrorCode;

constexpr const char* kTimezone = "Europe/Paris";
// Properties in PMS mode, known to pmssim, each with two products linked to channel "sh".
const std::vector<std::string> kPmsProperties = {"p1", "p2", "p3", "p4", "p5", "p6"};

std::string PmsData(core::CivilDate today) {
  std::string properties;
  for (const auto& id : kPmsProperties) {
    if (!properties.empty()) properties += ",";
    properties += R"({"id": ")" + id + R"(", "name": "Camping )" + id + R"(", "products": [
      {"id": "mh", "name": "Mobile home", "units": 6},
      {"id": "ch", "name": "Chalet", "units": 3}], "options": [], "reservations": [{
      "id": "R-)" +
                  id + R"(", "status": "confirmed", "channel": "direct",
      "channel_reservation_id": "phone-)" +
                  id + R"(", "product": "mh", "options": [], "stay": {"arrival": ")" +
                  today.AddDays(3).ToString() + R"(", "departure": ")" +
                  today.AddDays(5).ToString() + R"("}, "guest_name": "Marie Dupont",
      "price": {"amount": 50000, "currency": "EUR"}}]})";
  }
  return R"({"properties": [)" + properties + "]}";
}

// Calls of each Redis command since the last CONFIG RESETSTAT, from INFO commandstats.
std::map<std::string, long> CommandCalls(redis::RedisPool& pool) {
  std::map<std::string, long> calls;
  auto info = pool.Command({"INFO", "commandstats"});
  EXPECT_TRUE(info) << info.error().ToString();
  if (!info) return calls;
  std::istringstream lines(info->str);
  std::string line;
  while (std::getline(lines, line)) {
    // cmdstat_hget:calls=3,usec=12,...
    const auto colon = line.find(':');
    if (!line.starts_with("cmdstat_") || colon == std::string::npos) continue;
    const auto value = line.find("calls=", colon);
    if (value == std::string::npos) continue;
    calls[line.substr(8, colon - 8)] = std::stol(line.substr(value + 6));
  }
  return calls;
}

long Calls(const std::map<std::string, long>& calls, const std::string& command) {
  auto it = calls.find(command);
  return it == calls.end() ? 0 : it->second;
}

class DeltaBatchRedisTest : public ::testing::Test {
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
    Seed();
  }

  // Every property (the PMS ones, one in classic mode, one with level 1 off), the channels and
  // the links, on an empty Redis.
  void Seed() {
    for (const auto& id : kPmsProperties) AddProperty(id, [](core::Property&) {});
    AddProperty("classic", [](core::Property& p) { p.mode = core::GatewayMode::kClassic; });
    AddProperty("quiet", [](core::Property& p) { p.levels.nightly_planning = false; });
    ASSERT_TRUE(properties_->CreateChannel({"sh", "SecureHoliday", "http://127.0.0.1:9/plan"}));
    ASSERT_TRUE(properties_->CreateChannel({"manual", "Managed by hand", ""}));
  }

  void AddProperty(const std::string& id, const std::function<void(core::Property&)>& adjust) {
    core::Property property{.id = id, .name = "Camping " + id, .timezone = kTimezone};
    property.pms.endpoint = pmssim_->base_url();
    adjust(property);
    ASSERT_TRUE(properties_->CreateProperty(property));
    ASSERT_TRUE(links_->Apply(
        id, 0,
        {.put_products = {
             {"sh", "SH-MH", "mh"}, {"sh", "SH-CH", "ch"}, {"manual", "M-CH", "ch"}}}));
  }

  std::unique_ptr<PlanningRefresher> NewRefresher(channel::PlanningSink& sink) {
    return std::make_unique<PlanningRefresher>(*properties_, *links_, directory_, sink, *planning_,
                                               *statuses_, clock_,
                                               PlanningRefresherOptions{.instance = "it-1"});
  }

  // A batch with every case: several properties to push, one unknown, classic mode, level 1 off,
  // a product linked to no channel that takes planning, nights beyond the horizon.
  std::vector<NightsRequest> MixedRequests() const {
    std::vector<NightsRequest> requests;
    for (const auto& id : kPmsProperties) {
      requests.push_back({id, {"mh"}, today_.AddDays(2), today_.AddDays(6)});
    }
    requests.push_back({"nowhere", {"mh"}, today_, today_.AddDays(2)});
    requests.push_back({"classic", {"mh"}, today_, today_.AddDays(2)});
    requests.push_back({"quiet", {"mh"}, today_, today_.AddDays(2)});
    requests.push_back({"p1", {"unlinked"}, today_, today_.AddDays(2)});
    requests.push_back({"p2", {"ch"}, today_.AddDays(400), today_.AddDays(402)});
    requests.push_back({"p3", {"mh", "ch"}, today_.AddDays(4), today_.AddDays(8)});
    return requests;
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
};

// Durations are real time here; everything else must match.
RefreshSummary WithoutDuration(RefreshSummary summary) {
  summary.duration = {};
  return summary;
}

TEST_F(DeltaBatchRedisTest, ABatchAnswersAsEachRequestAlone) {
  channel::testing::InMemoryPlanningSink alone_sink;
  auto alone_refresher = NewRefresher(alone_sink);
  std::vector<core::Result<RefreshSummary>> alone;
  for (const auto& request : MixedRequests()) {
    alone.push_back(alone_refresher->RefreshNights(request.property, request.pms_products,
                                                   request.from, request.to));
  }

  redis_->FlushAll();
  Seed();
  channel::testing::InMemoryPlanningSink batch_sink;
  const auto batched = NewRefresher(batch_sink)->RefreshNightsMany(MixedRequests());

  ASSERT_EQ(batched.size(), alone.size());
  for (size_t i = 0; i < alone.size(); ++i) {
    ASSERT_EQ(batched[i].has_value(), alone[i].has_value()) << "request " << i;
    if (alone[i]) {
      EXPECT_EQ(WithoutDuration(*batched[i]), WithoutDuration(*alone[i])) << "request " << i;
    } else {
      EXPECT_EQ(batched[i].error().code, alone[i].error().code) << "request " << i;
    }
  }
  EXPECT_EQ(batch_sink.pushes(), alone_sink.pushes());

  const size_t n = kPmsProperties.size();
  for (size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(batched[i]) << batched[i].error().ToString();
    EXPECT_EQ(WithoutDuration(*batched[i]),
              (RefreshSummary{.products = 1, .days = 4, .cells_changed = 4, .channels_pushed = 1}))
        << kPmsProperties[i];
    EXPECT_EQ(batch_sink.FreeUnits("sh", kPmsProperties[i], "SH-MH", today_.AddDays(3)), 5);
    EXPECT_EQ(batch_sink.FreeUnits("sh", kPmsProperties[i], "SH-MH", today_.AddDays(5)), 6);
  }
  ASSERT_FALSE(batched[n]);
  EXPECT_EQ(batched[n].error().code, ErrorCode::kNotFound);
  EXPECT_EQ(WithoutDuration(*batched[n + 1]), RefreshSummary{}) << "classic mode";
  EXPECT_EQ(WithoutDuration(*batched[n + 2]), RefreshSummary{}) << "level 1 off";
  EXPECT_EQ(WithoutDuration(*batched[n + 3]), RefreshSummary{.days = 2}) << "nothing linked";
  EXPECT_EQ(WithoutDuration(*batched[n + 4]), RefreshSummary{}) << "beyond the horizon";
  ASSERT_TRUE(batched[n + 5]) << batched[n + 5].error().ToString();
  EXPECT_EQ(
      WithoutDuration(*batched[n + 5]),
      (RefreshSummary{.products = 2, .days = 4, .cells_changed = 2 + 4, .channels_pushed = 1}))
      << "p3 again: two of its mobile-home nights were pushed by its first request";
  auto status = statuses_->Get("p1");
  ASSERT_TRUE(status);
  EXPECT_FALSE(*status) << "deltas that succeed record no status";
}

TEST_F(DeltaBatchRedisTest, TheBatchReadsDoNotGrowThreeCommandsPerProperty) {
  channel::testing::InMemoryPlanningSink sink;
  auto refresher = NewRefresher(sink);
  std::vector<NightsRequest> requests;
  for (const auto& id : kPmsProperties) {
    requests.push_back({id, {"mh"}, today_.AddDays(2), today_.AddDays(6)});
  }
  const long n = static_cast<long>(requests.size());

  ASSERT_TRUE(pool_->Command({"CONFIG", "RESETSTAT"}));
  for (const auto& request : requests) {
    ASSERT_TRUE(
        refresher->RefreshNights(request.property, request.pms_products, request.from, request.to));
  }
  const auto alone = CommandCalls(*pool_);
  // Per property: its record, its links, the channel registry.
  EXPECT_EQ(Calls(alone, "hmget") + Calls(alone, "hget"), n);
  EXPECT_EQ(Calls(alone, "hgetall"), 2 * n);

  // The same nights again, in one batch: nothing left to push, and every read shared.
  ASSERT_TRUE(pool_->Command({"CONFIG", "RESETSTAT"}));
  const auto results = refresher->RefreshNightsMany(requests);
  const auto batched = CommandCalls(*pool_);
  ASSERT_EQ(results.size(), requests.size());
  for (const auto& result : results) {
    ASSERT_TRUE(result) << result.error().ToString();
    EXPECT_EQ(result->cells_changed, 0);
  }
  EXPECT_EQ(Calls(batched, "hmget"), 1) << "every property record in one HMGET";
  EXPECT_EQ(Calls(batched, "hget"), 0);
  // Each property's links hash in one pipeline, and the channel registry once.
  EXPECT_EQ(Calls(batched, "hgetall"), n + 1);
  const long reads = Calls(batched, "hmget") + Calls(batched, "hget") + Calls(batched, "hgetall");
  EXPECT_LT(reads, 3 * n);
}

TEST_F(DeltaBatchRedisTest, UnreadableLinksFailOnlyTheirProperty) {
  ASSERT_TRUE(
      pool_->Command({"HSET", redis::KeySpace().Property("p2").Links(), "p|only-two", "X"}));
  channel::testing::InMemoryPlanningSink sink;
  const auto results = NewRefresher(sink)->RefreshNightsMany({
      {"p1", {"mh"}, today_.AddDays(2), today_.AddDays(6)},
      {"p2", {"mh"}, today_.AddDays(2), today_.AddDays(6)},
      {"p3", {"mh"}, today_.AddDays(2), today_.AddDays(6)},
  });
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0]) << results[0].error().ToString();
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, ErrorCode::kInternal) << results[1].error().ToString();
  EXPECT_TRUE(results[2]) << results[2].error().ToString();
  auto status = statuses_->Get("p2");
  ASSERT_TRUE(status && *status);
  EXPECT_EQ((*status)->kind, RefreshKind::kDelta);
  EXPECT_EQ((*status)->error->code, ErrorCode::kInternal);
  EXPECT_EQ(sink.pushes().size(), 2u);
}

TEST_F(DeltaBatchRedisTest, AStoppedRedisFailsEveryRequestWithStoreUnavailable) {
  channel::testing::InMemoryPlanningSink sink;
  auto refresher = NewRefresher(sink);
  redis_->Kill();
  const auto results = refresher->RefreshNightsMany(MixedRequests());
  ASSERT_EQ(results.size(), MixedRequests().size());
  for (const auto& result : results) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kStoreUnavailable) << result.error().ToString();
  }
  EXPECT_TRUE(sink.pushes().empty());
}

TEST_F(DeltaBatchRedisTest, TheDeltaPusherSendsPendingPropertiesInOneBatch) {
  channel::testing::InMemoryPlanningSink sink;
  auto refresher = NewRefresher(sink);
  PlanningDeltas deltas(*refresher, clock_);
  for (const auto& id : kPmsProperties) {
    deltas.PmsReservationChanged(id, "mh", {today_.AddDays(3), today_.AddDays(5)});
  }
  deltas.PmsReservationChanged("classic", "mh", {today_.AddDays(3), today_.AddDays(5)});

  ASSERT_TRUE(pool_->Command({"CONFIG", "RESETSTAT"}));
  EXPECT_EQ(deltas.Flush(), (DeltaFlushReport{.refreshed = 7}));
  const auto calls = CommandCalls(*pool_);
  EXPECT_EQ(Calls(calls, "hmget"), 1);
  EXPECT_EQ(Calls(calls, "hgetall"), static_cast<long>(kPmsProperties.size()) + 1);
  EXPECT_EQ(sink.pushes().size(), kPmsProperties.size());
  for (const auto& id : kPmsProperties) {
    EXPECT_EQ(sink.FreeUnits("sh", id, "SH-MH", today_.AddDays(4)), 5) << id;
  }
}

}  // namespace
}  // namespace chansync::planning
