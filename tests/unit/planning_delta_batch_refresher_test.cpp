// PlanningRefresher::RefreshNightsMany on in-memory stores: each request answers as RefreshNights
// would alone, while the properties, links and channels are read once for the whole call.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "chansync/channel/testing/in_memory_planning_sink.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/linking/testing/in_memory_link_store.h"
#include "chansync/linking/testing/in_memory_property_store.h"
#include "chansync/planning/planning_refresher.h"
#include "chansync/planning/testing/in_memory_planning_store.h"
#include "chansync/planning/testing/in_memory_refresh_status_store.h"
#include "chansync/pms/testing/fake_pms.h"
#include "chansync/pms/testing/in_memory_pms_directory.h"

namespace chansync::planning {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

// The in-memory property store, counting the reads a refresh makes and able to fail them as an
// unreachable store would.
class CountingPropertyStore final : public linking::PropertyStore {
 public:
  core::Status CreateProperty(const core::Property& property) override {
    return store_.CreateProperty(property);
  }
  core::Status UpdateProperty(const core::Property& property) override {
    return store_.UpdateProperty(property);
  }
  core::Result<core::Property> GetProperty(const core::PropertyId& id) override {
    ++get_property;
    if (properties_down) return Down();
    return store_.GetProperty(id);
  }
  core::Result<std::vector<core::Result<core::Property>>> GetProperties(
      const std::vector<core::PropertyId>& ids) override {
    ++get_properties;
    if (properties_down) return Down();
    return store_.GetProperties(ids);
  }
  core::Result<std::vector<core::Property>> ListProperties() override {
    return store_.ListProperties();
  }
  core::Status CreateChannel(const core::Channel& channel) override {
    return store_.CreateChannel(channel);
  }
  core::Status UpdateChannel(const core::Channel& channel) override {
    return store_.UpdateChannel(channel);
  }
  core::Result<core::Channel> GetChannel(const core::ChannelId& id) override {
    return store_.GetChannel(id);
  }
  core::Result<std::vector<core::Channel>> ListChannels() override {
    ++list_channels;
    if (channels_down) return Down();
    return store_.ListChannels();
  }
  core::Status SetChannelProducts(const core::PropertyId& property, const core::ChannelId& channel,
                                  const std::vector<core::ChannelProduct>& products) override {
    return store_.SetChannelProducts(property, channel, products);
  }
  core::Result<std::vector<core::ChannelProduct>> GetChannelProducts(
      const core::PropertyId& property, const core::ChannelId& channel) override {
    return store_.GetChannelProducts(property, channel);
  }
  core::Result<std::vector<core::ChannelId>> ListPropertyChannels(
      const core::PropertyId& property) override {
    return store_.ListPropertyChannels(property);
  }
  core::Status SetPmsCatalog(const core::PropertyId& property,
                             const core::PmsCatalog& catalog) override {
    return store_.SetPmsCatalog(property, catalog);
  }
  core::Result<core::PmsCatalog> GetPmsCatalog(const core::PropertyId& property) override {
    return store_.GetPmsCatalog(property);
  }

  std::atomic<int> get_property = 0;
  std::atomic<int> get_properties = 0;
  std::atomic<int> list_channels = 0;
  std::atomic<bool> properties_down = false;
  std::atomic<bool> channels_down = false;

 private:
  static std::unexpected<core::Error> Down() {
    return std::unexpected(core::Error{ErrorCode::kStoreUnavailable, "store unreachable"});
  }

  linking::testing::InMemoryPropertyStore store_;
};

// One complete set of stores and a refresher over them, so that the same story can be played
// twice: once request by request, once in one batch.
struct World {
  static constexpr const char* kToday = "2026-06-01";

  World() {
    for (const char* id : {"riviera", "seaside", "lagoon", "classic"}) {
      core::Property property{.id = id, .name = id, .timezone = "Europe/Paris"};
      property.pms.endpoint = "http://127.0.0.1:1";
      if (std::string(id) == "lagoon") property.levels.nightly_planning = false;
      if (std::string(id) == "classic") property.mode = core::GatewayMode::kClassic;
      EXPECT_TRUE(properties.CreateProperty(property));
      EXPECT_TRUE(
          pms.book().AddProperty({.id = id,
                                  .name = id,
                                  .products = {{"mh-4p", "MH 4", 12}, {"chalet", "Chalet", 4}},
                                  .options = {}}));
      EXPECT_TRUE(links.Apply(id, 0,
                              {.put_products = {{"sh", "SH-MH4", "mh-4p"},
                                                {"cf", "CF-CHALET", "chalet"},
                                                {"manual", "M-CHALET", "chalet"}}}));
    }
    EXPECT_TRUE(properties.CreateChannel({"sh", "SecureHoliday", "http://127.0.0.1:1/sh"}));
    EXPECT_TRUE(properties.CreateChannel({"cf", "Camping France", "http://127.0.0.1:1/cf"}));
    EXPECT_TRUE(properties.CreateChannel({"manual", "Managed by hand", ""}));
  }

  core::testing::FakeClock clock{
      std::chrono::system_clock::time_point(std::chrono::days(Day(kToday).DaysSinceEpoch())) + 10h};
  CountingPropertyStore properties;
  linking::testing::InMemoryLinkStore links;
  pms::testing::FakePms pms;
  pms::testing::InMemoryPmsDirectory directory{pms};
  channel::testing::InMemoryPlanningSink sink;
  testing::InMemoryPlanningStore planning;
  testing::InMemoryRefreshStatusStore statuses;
  PlanningRefresher refresher{properties, links,    directory, sink,
                              planning,   statuses, clock,     {.instance = "test-1"}};
};

// A batch touching every case: pushes on two properties, a product linked only to a channel that
// takes no planning, level 1 off, classic mode, an unknown property, nights beyond the horizon,
// and one property named twice.
std::vector<NightsRequest> MixedRequests() {
  return {
      {"riviera", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"seaside", {"mh-4p", "chalet"}, Day("2026-06-10"), Day("2026-06-12")},
      {"nowhere", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"lagoon", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"classic", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"riviera", {"mh-4p"}, Day("2027-08-01"), Day("2027-08-05")},
      {"riviera", {"unlinked"}, Day("2026-07-01"), Day("2026-07-05")},
      {"riviera", {"mh-4p", "chalet"}, Day("2026-07-03"), Day("2026-07-08")},
  };
}

void ExpectSameResults(const std::vector<core::Result<RefreshSummary>>& batched,
                       const std::vector<core::Result<RefreshSummary>>& alone) {
  ASSERT_EQ(batched.size(), alone.size());
  for (size_t i = 0; i < alone.size(); ++i) {
    ASSERT_EQ(batched[i].has_value(), alone[i].has_value()) << "request " << i;
    if (alone[i]) {
      EXPECT_EQ(*batched[i], *alone[i]) << "request " << i;
    } else {
      EXPECT_EQ(batched[i].error().code, alone[i].error().code) << "request " << i;
      EXPECT_EQ(batched[i].error().message, alone[i].error().message) << "request " << i;
    }
  }
}

TEST(DeltaBatchRefresherTest, ABatchAnswersEachRequestAsItWouldAlone) {
  World alone_world;
  World batch_world;
  for (World* world : {&alone_world, &batch_world}) {
    auto booked =
        world->pms.book().Create("riviera", {.idempotency_key = "walk-in",
                                             .channel = "direct",
                                             .channel_reservation_id = "walk-in",
                                             .product = "mh-4p",
                                             .stay = {Day("2026-07-02"), Day("2026-07-04")},
                                             .guest_name = "Walk-in",
                                             .price = {1000, "EUR"}});
    ASSERT_TRUE(booked) << booked.error().ToString();
  }

  std::vector<core::Result<RefreshSummary>> alone;
  for (const auto& request : MixedRequests()) {
    alone.push_back(alone_world.refresher.RefreshNights(request.property, request.pms_products,
                                                        request.from, request.to));
  }
  const auto batched = batch_world.refresher.RefreshNightsMany(MixedRequests());
  ExpectSameResults(batched, alone);
  EXPECT_EQ(batch_world.sink.pushes(), alone_world.sink.pushes());

  // What the cases mean, so that two equally wrong answers cannot pass.
  ASSERT_EQ(batched.size(), 8u);
  ASSERT_TRUE(batched[0]);
  EXPECT_EQ(*batched[0],
            (RefreshSummary{.products = 1, .days = 4, .cells_changed = 4, .channels_pushed = 1}));
  ASSERT_TRUE(batched[1]);
  EXPECT_EQ(*batched[1],
            (RefreshSummary{.products = 2, .days = 2, .cells_changed = 4, .channels_pushed = 2}));
  EXPECT_EQ(batched[2].error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*batched[3], RefreshSummary{}) << "level 1 off";
  EXPECT_EQ(*batched[4], RefreshSummary{}) << "classic mode";
  EXPECT_EQ(*batched[5], RefreshSummary{}) << "beyond the horizon";
  EXPECT_EQ(*batched[6], RefreshSummary{.days = 4}) << "nothing linked to that product";
  ASSERT_TRUE(batched[7]);
  EXPECT_EQ(
      *batched[7],
      (RefreshSummary{.products = 2, .days = 5, .cells_changed = 3 + 5, .channels_pushed = 2}))
      << "the first request's nights are already pushed: only the new ones change";
  EXPECT_EQ(batch_world.sink.FreeUnits("sh", "riviera", "SH-MH4", Day("2026-07-03")), 11);
  EXPECT_EQ(batch_world.statuses.record_calls(), 0) << "deltas that succeed are not recorded";
}

TEST(DeltaBatchRefresherTest, TheReadsAreMadeOnceForTheWholeBatch) {
  World world;
  const auto results = world.refresher.RefreshNightsMany(MixedRequests());
  ASSERT_EQ(results.size(), 8u);
  EXPECT_EQ(world.properties.get_properties, 1);
  EXPECT_EQ(world.properties.get_property, 0);
  EXPECT_EQ(world.links.read_calls(), 1);
  EXPECT_EQ(world.properties.list_channels, 1);

  // One request costs the same reads.
  ASSERT_TRUE(
      world.refresher.RefreshNights("seaside", {"chalet"}, Day("2026-06-20"), Day("2026-06-21")));
  EXPECT_EQ(world.properties.get_properties, 2);
  EXPECT_EQ(world.links.read_calls(), 2);
  EXPECT_EQ(world.properties.list_channels, 2);
}

TEST(DeltaBatchRefresherTest, NothingToPushReadsNoLinksNorChannels) {
  World world;
  const auto results = world.refresher.RefreshNightsMany({
      {"lagoon", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"classic", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"nowhere", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"riviera", {"mh-4p"}, Day("2026-05-01"), Day("2026-05-05")},
  });
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[2].error().code, ErrorCode::kNotFound);
  EXPECT_EQ(world.properties.get_properties, 1);
  EXPECT_EQ(world.links.read_calls(), 0);
  EXPECT_EQ(world.properties.list_channels, 0);

  // Links in scope of no product asked: no channel read either.
  ASSERT_TRUE(
      world.refresher.RefreshNights("riviera", {"unlinked"}, Day("2026-07-01"), Day("2026-07-05")));
  EXPECT_EQ(world.links.read_calls(), 1);
  EXPECT_EQ(world.properties.list_channels, 0);
  EXPECT_TRUE(world.sink.pushes().empty());
  EXPECT_EQ(world.pms.calls().availability, 0);
}

TEST(DeltaBatchRefresherTest, AnUnreadableStoreFailsAndRecordsEveryRequest) {
  World world;
  world.properties.properties_down = true;
  const auto results = world.refresher.RefreshNightsMany(MixedRequests());
  ASSERT_EQ(results.size(), 8u);
  for (const auto& result : results) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kStoreUnavailable);
  }
  EXPECT_EQ(world.statuses.record_calls(), 8);
  for (const char* property : {"riviera", "seaside", "classic", "nowhere"}) {
    auto status = world.statuses.Get(property);
    ASSERT_TRUE(status && *status) << property;
    EXPECT_EQ((*status)->kind, RefreshKind::kDelta);
    EXPECT_FALSE((*status)->succeeded);
    EXPECT_EQ((*status)->error->code, ErrorCode::kStoreUnavailable);
  }
  EXPECT_TRUE(world.sink.pushes().empty());
}

TEST(DeltaBatchRefresherTest, AnUnreadableChannelRegistryFailsOnlyTheRequestsThatNeedIt) {
  World world;
  world.properties.channels_down = true;
  const auto results = world.refresher.RefreshNightsMany({
      {"riviera", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"classic", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"seaside", {"unlinked"}, Day("2026-07-01"), Day("2026-07-05")},
  });
  ASSERT_EQ(results.size(), 3u);
  ASSERT_FALSE(results[0]);
  EXPECT_EQ(results[0].error().code, ErrorCode::kStoreUnavailable);
  EXPECT_NE(results[0].error().message.find("channels"), std::string::npos)
      << results[0].error().message;
  EXPECT_EQ(results[1], RefreshSummary{});
  EXPECT_EQ(results[2], RefreshSummary{.days = 4});
  auto status = world.statuses.Get("riviera");
  ASSERT_TRUE(status && *status);
  EXPECT_EQ((*status)->error->code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ(world.statuses.record_calls(), 1);
}

TEST(DeltaBatchRefresherTest, APmsFailureFailsOnlyItsOwnRequest) {
  World world;
  world.pms.FailNext(1, {ErrorCode::kPmsUnavailable, "PMS answered 503"});
  const auto results = world.refresher.RefreshNightsMany({
      {"riviera", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
      {"seaside", {"mh-4p"}, Day("2026-07-01"), Day("2026-07-05")},
  });
  ASSERT_EQ(results.size(), 2u);
  ASSERT_FALSE(results[0]);
  EXPECT_EQ(results[0].error().code, ErrorCode::kPmsUnavailable);
  ASSERT_TRUE(results[1]) << results[1].error().ToString();
  EXPECT_EQ(results[1]->cells_changed, 4);
  auto riviera = world.statuses.Get("riviera");
  ASSERT_TRUE(riviera && *riviera);
  EXPECT_EQ((*riviera)->kind, RefreshKind::kDelta);
  EXPECT_FALSE((*riviera)->succeeded);
  auto seaside = world.statuses.Get("seaside");
  ASSERT_TRUE(seaside);
  EXPECT_FALSE(*seaside) << "a delta that succeeds records nothing";
}

TEST(DeltaBatchRefresherTest, AnEmptyBatchReadsNothing) {
  World world;
  EXPECT_TRUE(world.refresher.RefreshNightsMany({}).empty());
  EXPECT_EQ(world.properties.get_properties, 0);
  EXPECT_EQ(world.links.read_calls(), 0);
}

TEST(DeltaBatchRefresherTest, FullRefreshesStillRefuseClassicModeAndRecordTheirStatus) {
  World world;
  auto classic = world.refresher.RefreshProperty("classic", RefreshKind::kForced);
  ASSERT_FALSE(classic);
  EXPECT_EQ(classic.error().code, ErrorCode::kGatewayClassicMode);
  auto unknown = world.refresher.RefreshProperty("nowhere", RefreshKind::kForced);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(world.statuses.record_calls(), 0);

  auto lagoon = world.refresher.RefreshProperty("lagoon", RefreshKind::kForced);
  ASSERT_TRUE(lagoon) << lagoon.error().ToString() << ": level 1 off does not stop a forced run";
  EXPECT_EQ(lagoon->cells_changed, 2 * 365);
  auto status = world.statuses.Get("lagoon");
  ASSERT_TRUE(status && *status);
  EXPECT_TRUE((*status)->succeeded);
  EXPECT_EQ((*status)->kind, RefreshKind::kForced);
}

}  // namespace
}  // namespace chansync::planning
