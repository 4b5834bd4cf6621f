#include "chansync/planning/planning_refresher.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "chansync/channel/testing/in_memory_planning_sink.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/linking/testing/in_memory_link_store.h"
#include "chansync/linking/testing/in_memory_property_store.h"
#include "chansync/planning/testing/in_memory_planning_store.h"
#include "chansync/planning/testing/in_memory_refresh_status_store.h"
#include "chansync/pms/testing/fake_pms.h"
#include "chansync/pms/testing/in_memory_pms_directory.h"

namespace chansync::planning {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

std::chrono::system_clock::time_point At(const char* day, std::chrono::minutes time_of_day) {
  return std::chrono::system_clock::time_point(std::chrono::days(Day(day).DaysSinceEpoch()) +
                                               time_of_day);
}

// The in-memory sink, except that the channels named in `failing` fail without applying.
class PerChannelFailingSink final : public channel::PlanningSink {
 public:
  core::Status Push(const core::Channel& channel, const core::PlanningPush& push,
                    std::optional<std::chrono::steady_clock::time_point> deadline) override {
    {
      std::lock_guard lock(mutex_);
      if (failing_.contains(channel.id)) {
        return core::Fail(ErrorCode::kChannelUnavailable, channel.id + " answered 503");
      }
    }
    return sink.Push(channel, push, deadline);
  }
  void SetFailing(const core::ChannelId& channel, bool failing) {
    std::lock_guard lock(mutex_);
    if (failing) {
      failing_.insert(channel);
    } else {
      failing_.erase(channel);
    }
  }

  channel::testing::InMemoryPlanningSink sink;

 private:
  std::mutex mutex_;
  std::set<core::ChannelId> failing_;
};

class PlanningRefresherTest : public ::testing::Test {
 protected:
  static constexpr const char* kToday = "2026-06-01";

  void SetUp() override {
    core::Property property{.id = "riviera", .name = "Camping Riviera", .timezone = "Europe/Paris"};
    property.multi_link = true;
    property.pms.endpoint = "http://127.0.0.1:1";
    ASSERT_TRUE(properties_.CreateProperty(property));
    ASSERT_TRUE(properties_.CreateChannel({"sh", "SecureHoliday", "http://127.0.0.1:1/sh"}));
    ASSERT_TRUE(properties_.CreateChannel({"cf", "Camping France", "http://127.0.0.1:1/cf"}));
    ASSERT_TRUE(properties_.CreateChannel({"manual", "Managed by hand", ""}));
    ASSERT_TRUE(
        pms_.book().AddProperty({.id = "riviera",
                                 .name = "Camping Riviera",
                                 .products = {{"mh-4p", "MH 4", 12}, {"chalet", "Chalet", 4}},
                                 .options = {}}));
  }

  void Link(const core::ChannelId& channel, const core::ChannelProductId& product,
            const core::PmsProductId& pms_product) {
    auto snapshot = links_.Load("riviera");
    ASSERT_TRUE(snapshot);
    ASSERT_TRUE(links_.Apply("riviera", snapshot->version,
                             {.put_products = {{channel, product, pms_product}}}));
  }

  void Book(const core::PmsProductId& product, const char* arrival, const char* departure) {
    const std::string id = "walk-in-" + std::to_string(++bookings_);
    auto created = pms_.book().Create("riviera", {.idempotency_key = id,
                                                  .channel = "direct",
                                                  .channel_reservation_id = id,
                                                  .product = product,
                                                  .stay = {Day(arrival), Day(departure)},
                                                  .guest_name = "Walk-in",
                                                  .price = {1000, "EUR"}});
    ASSERT_TRUE(created) << created.error().ToString();
  }

  void ChangeProperty(std::function<void(core::Property&)> change) {
    auto property = properties_.GetProperty("riviera");
    ASSERT_TRUE(property);
    change(*property);
    ASSERT_TRUE(properties_.UpdateProperty(*property));
  }

  PlanningRefresher Refresher(PlanningRefresherOptions options = {.instance = "test-1"}) {
    return PlanningRefresher(properties_, links_, directory_, sink_, planning_, statuses_, clock_,
                             options);
  }

  std::optional<int> Shown(const core::ChannelId& channel, const core::ChannelProductId& product,
                           core::CivilDate night) {
    return sink_.sink.FreeUnits(channel, "riviera", product, night);
  }

  std::optional<RefreshStatus> Status() {
    auto status = statuses_.Get("riviera");
    EXPECT_TRUE(status);
    return status ? *status : std::nullopt;
  }

  core::testing::FakeClock clock_{At(kToday, 10h)};
  linking::testing::InMemoryPropertyStore properties_;
  linking::testing::InMemoryLinkStore links_;
  pms::testing::FakePms pms_;
  pms::testing::InMemoryPmsDirectory directory_{pms_};
  PerChannelFailingSink sink_;
  testing::InMemoryPlanningStore planning_;
  testing::InMemoryRefreshStatusStore statuses_;
  int bookings_ = 0;
};

TEST_F(PlanningRefresherTest, FirstRefreshPushesEveryNightOfEveryLinkedProduct) {
  Link("sh", "SH-MH4", "mh-4p");
  Link("sh", "SH-CHALET", "chalet");
  Book("chalet", "2026-06-10", "2026-06-12");
  auto refresher = Refresher();

  auto summary = refresher.RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->products, 2);
  EXPECT_EQ(summary->days, 365);
  EXPECT_EQ(summary->cells_changed, 730);
  EXPECT_EQ(summary->channels_pushed, 1);

  ASSERT_EQ(sink_.sink.pushes().size(), 1u);
  const core::PlanningPush push = sink_.sink.pushes()[0];
  EXPECT_EQ(push.property, "riviera");
  EXPECT_EQ(push.channel, "sh");
  ASSERT_EQ(push.products.size(), 2u);
  for (const auto& product : push.products) {
    ASSERT_EQ(product.runs.size(), 1u);
    EXPECT_EQ(product.runs[0].from, Day(kToday));
    EXPECT_EQ(product.runs[0].free_units.size(), 365u);
  }
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday)), 12);
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday).AddDays(364)), 12);
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday).AddDays(365)), std::nullopt);
  EXPECT_EQ(Shown("sh", "SH-CHALET", Day("2026-06-09")), 4);
  EXPECT_EQ(Shown("sh", "SH-CHALET", Day("2026-06-10")), 3);
  EXPECT_EQ(Shown("sh", "SH-CHALET", Day("2026-06-11")), 3);
  EXPECT_EQ(Shown("sh", "SH-CHALET", Day("2026-06-12")), 4);
  EXPECT_EQ(Shown("sh", "SH-CHALET", Day(kToday).AddDays(-1)), std::nullopt);
  EXPECT_EQ(planning_.cells(), 730u);

  auto status = Status();
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->succeeded);
  EXPECT_FALSE(status->error);
  EXPECT_EQ(status->kind, RefreshKind::kForced);
  EXPECT_EQ(status->instance, "test-1");
  EXPECT_EQ(status->started_at, At(kToday, 10h));
  EXPECT_EQ(status->finished_at, At(kToday, 10h));
  EXPECT_EQ(status->summary.cells_changed, 730);
  EXPECT_EQ(status->summary.products, 2);
}

TEST_F(PlanningRefresherTest, SecondRefreshWithNothingChangedPushesNothing) {
  Link("sh", "SH-MH4", "mh-4p");
  auto refresher = Refresher();
  ASSERT_TRUE(refresher.RefreshProperty("riviera", RefreshKind::kForced));

  auto again = refresher.RefreshProperty("riviera", RefreshKind::kNightly);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->products, 1);
  EXPECT_EQ(again->cells_changed, 0);
  EXPECT_EQ(again->channels_pushed, 0);
  EXPECT_EQ(sink_.sink.pushes().size(), 1u);
  ASSERT_TRUE(Status());
  EXPECT_EQ(Status()->kind, RefreshKind::kNightly);
  EXPECT_TRUE(Status()->succeeded);
}

TEST_F(PlanningRefresherTest, APmsChangePushesOnlyTheNightsItChanged) {
  Link("sh", "SH-MH4", "mh-4p");
  Link("sh", "SH-CHALET", "chalet");
  auto refresher = Refresher();
  ASSERT_TRUE(refresher.RefreshProperty("riviera", RefreshKind::kForced));

  Book("mh-4p", "2026-07-14", "2026-07-15");
  auto summary = refresher.RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->cells_changed, 1);
  EXPECT_EQ(summary->channels_pushed, 1);
  ASSERT_EQ(sink_.sink.pushes().size(), 2u);
  EXPECT_EQ(sink_.sink.pushes()[1].products,
            (std::vector<core::ProductPlanning>{{"SH-MH4", {{Day("2026-07-14"), {11}}}}}));
  EXPECT_EQ(Shown("sh", "SH-MH4", Day("2026-07-14")), 11);
}

TEST_F(PlanningRefresherTest, MultiLinkedChannelProductsShareTheSameUnits) {
  Link("sh", "SH-CHALET", "chalet");
  Link("sh", "SH-CHALET-PROMO", "chalet");
  Link("cf", "CF-CHALET", "chalet");
  Book("chalet", "2026-08-01", "2026-08-02");
  auto summary = Refresher().RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->products, 3);
  EXPECT_EQ(summary->channels_pushed, 2);
  EXPECT_EQ(summary->cells_changed, 3 * 365);
  for (auto [channel, product] : std::vector<std::pair<const char*, const char*>>{
           {"sh", "SH-CHALET"}, {"sh", "SH-CHALET-PROMO"}, {"cf", "CF-CHALET"}}) {
    EXPECT_EQ(Shown(channel, product, Day("2026-08-01")), 3) << channel << "/" << product;
    EXPECT_EQ(Shown(channel, product, Day("2026-08-02")), 4) << channel << "/" << product;
  }
}

TEST_F(PlanningRefresherTest, ChannelsWithoutAPlanningEndpointAreSkipped) {
  Link("sh", "SH-MH4", "mh-4p");
  Link("manual", "M-MH4", "mh-4p");
  auto summary = Refresher().RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->products, 1);
  EXPECT_EQ(summary->channels_pushed, 1);
  for (const auto& push : sink_.sink.pushes()) EXPECT_EQ(push.channel, "sh");
  EXPECT_EQ(planning_.cells(), 365u);
}

TEST_F(PlanningRefresherTest, ClassicModeIsRefusedAndRecordsNothing) {
  Link("sh", "SH-MH4", "mh-4p");
  ChangeProperty([](core::Property& p) { p.mode = core::GatewayMode::kClassic; });
  auto summary = Refresher().RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kGatewayClassicMode);
  EXPECT_TRUE(sink_.sink.pushes().empty());
  EXPECT_EQ(pms_.calls().availability, 0);
  EXPECT_FALSE(Status());
}

TEST_F(PlanningRefresherTest, AnUnknownPropertyIsNotFoundAndRecordsNothing) {
  auto summary = Refresher().RefreshProperty("nowhere", RefreshKind::kForced);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(statuses_.record_calls(), 0);
}

TEST_F(PlanningRefresherTest, PmsDownRecordsAFailureAndPushesNothing) {
  Link("sh", "SH-MH4", "mh-4p");
  auto refresher = Refresher();
  ASSERT_TRUE(refresher.RefreshProperty("riviera", RefreshKind::kForced));
  const int records_before = planning_.record_calls();

  Book("mh-4p", "2026-07-14", "2026-07-15");
  pms_.SetDown(true);
  clock_.Advance(1h);
  auto summary = refresher.RefreshProperty("riviera", RefreshKind::kNightly);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(sink_.sink.pushes().size(), 1u);
  EXPECT_EQ(planning_.record_calls(), records_before);
  EXPECT_EQ(planning_.cells(), 365u);

  auto status = Status();
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->succeeded);
  ASSERT_TRUE(status->error);
  EXPECT_EQ(status->error->code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(status->kind, RefreshKind::kNightly);
  EXPECT_EQ(status->started_at, At(kToday, 11h));
  EXPECT_EQ(status->summary.cells_changed, 0);
}

TEST_F(PlanningRefresherTest, AFailingChannelDoesNotStopTheOthersAndIsPushedAgainNextTime) {
  Link("sh", "SH-CHALET", "chalet");
  Link("cf", "CF-CHALET", "chalet");
  auto refresher = Refresher();
  sink_.SetFailing("cf", true);

  auto failed = refresher.RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kChannelUnavailable);
  EXPECT_NE(failed.error().message.find("cf"), std::string::npos) << failed.error().message;
  EXPECT_EQ(Shown("sh", "SH-CHALET", Day(kToday)), 4);
  EXPECT_EQ(Shown("cf", "CF-CHALET", Day(kToday)), std::nullopt);
  EXPECT_EQ(planning_.cells(), 365u);
  auto status = Status();
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->succeeded);
  EXPECT_EQ(status->error->code, ErrorCode::kChannelUnavailable);
  EXPECT_EQ(status->summary.channels_pushed, 1);
  EXPECT_EQ(status->summary.cells_changed, 365);

  sink_.SetFailing("cf", false);
  auto retried = refresher.RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(retried) << retried.error().ToString();
  EXPECT_EQ(retried->cells_changed, 365);
  EXPECT_EQ(retried->channels_pushed, 1);
  EXPECT_EQ(sink_.sink.pushes().back().channel, "cf");
  EXPECT_EQ(Shown("cf", "CF-CHALET", Day(kToday)), 4);
  EXPECT_TRUE(Status()->succeeded);
}

TEST_F(PlanningRefresherTest, AHorizonBeyond731NightsIsAskedInChunks) {
  Link("sh", "SH-MH4", "mh-4p");
  Book("mh-4p", "2028-11-20", "2028-11-21");  // day 903 of the horizon, in the second chunk
  auto summary = Refresher({.horizon_days = 1000, .instance = "test-1"})
                     .RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(pms_.calls().availability, 2);
  EXPECT_EQ(summary->days, 1000);
  EXPECT_EQ(summary->cells_changed, 1000);
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday).AddDays(730)), 12);
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday).AddDays(731)), 12);
  EXPECT_EQ(Shown("sh", "SH-MH4", Day("2028-11-20")), 11);
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday).AddDays(999)), 12);
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday).AddDays(1000)), std::nullopt);
}

TEST_F(PlanningRefresherTest, TodayFollowsThePropertysTimezone) {
  Link("sh", "SH-MH4", "mh-4p");
  ChangeProperty([](core::Property& p) { p.timezone = "Asia/Tokyo"; });
  clock_.Set(At(kToday, 23h + 30min));
  auto summary = Refresher().RefreshProperty("riviera", RefreshKind::kNightly);
  ASSERT_TRUE(summary) << summary.error().ToString();
  ASSERT_EQ(sink_.sink.pushes().size(), 1u);
  EXPECT_EQ(sink_.sink.pushes()[0].products[0].runs[0].from, Day("2026-06-02"));
  EXPECT_EQ(Shown("sh", "SH-MH4", Day(kToday)), std::nullopt);
}

TEST_F(PlanningRefresherTest, PastNightsAreForgottenAsDaysGoBy) {
  Link("sh", "SH-MH4", "mh-4p");
  auto refresher = Refresher();
  ASSERT_TRUE(refresher.RefreshProperty("riviera", RefreshKind::kNightly));
  clock_.Advance(24h);
  auto next_day = refresher.RefreshProperty("riviera", RefreshKind::kNightly);
  ASSERT_TRUE(next_day) << next_day.error().ToString();
  EXPECT_EQ(next_day->cells_changed, 1);  // only the night that entered the horizon
  EXPECT_EQ(planning_.cells(), 365u);
}

TEST_F(PlanningRefresherTest, RefreshNightsPushesOnlyTheGivenProductsAndNights) {
  Link("sh", "SH-MH4", "mh-4p");
  Link("sh", "SH-CHALET", "chalet");
  auto refresher = Refresher();
  ASSERT_TRUE(refresher.RefreshProperty("riviera", RefreshKind::kForced));
  const int statuses_before = statuses_.record_calls();

  Book("mh-4p", "2026-07-01", "2026-07-05");
  Book("chalet", "2026-07-01", "2026-07-05");
  auto summary =
      refresher.RefreshNights("riviera", {"mh-4p"}, Day("2026-07-02"), Day("2026-07-04"));
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->products, 1);
  EXPECT_EQ(summary->days, 2);
  EXPECT_EQ(summary->cells_changed, 2);
  EXPECT_EQ(sink_.sink.pushes().back().products,
            (std::vector<core::ProductPlanning>{{"SH-MH4", {{Day("2026-07-02"), {11, 11}}}}}));
  EXPECT_EQ(Shown("sh", "SH-MH4", Day("2026-07-01")), 12);
  EXPECT_EQ(Shown("sh", "SH-CHALET", Day("2026-07-02")), 4);
  EXPECT_EQ(statuses_.record_calls(), statuses_before) << "a delta that succeeds is not recorded";

  // The rest of the change reaches the channel with the next full refresh.
  auto full = refresher.RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->cells_changed, 2 + 4);
}

TEST_F(PlanningRefresherTest, RefreshNightsIsClippedToTheHorizon) {
  Link("sh", "SH-MH4", "mh-4p");
  auto refresher = Refresher({.horizon_days = 30, .instance = "test-1"});
  auto clipped =
      refresher.RefreshNights("riviera", {"mh-4p"}, Day("2026-05-20"), Day("2026-06-03"));
  ASSERT_TRUE(clipped) << clipped.error().ToString();
  EXPECT_EQ(clipped->days, 2);
  EXPECT_EQ(sink_.sink.pushes().back().products[0].runs,
            (std::vector<core::PlanningRun>{{Day(kToday), {12, 12}}}));

  auto beyond = refresher.RefreshNights("riviera", {"mh-4p"}, Day("2026-08-01"), Day("2026-08-05"));
  ASSERT_TRUE(beyond) << beyond.error().ToString();
  EXPECT_EQ(*beyond, RefreshSummary{});
  auto past = refresher.RefreshNights("riviera", {"mh-4p"}, Day("2026-05-01"), Day("2026-05-05"));
  ASSERT_TRUE(past);
  EXPECT_EQ(*past, RefreshSummary{});
  EXPECT_EQ(sink_.sink.pushes().size(), 1u);
  EXPECT_EQ(pms_.calls().availability, 1);
}

TEST_F(PlanningRefresherTest, RefreshNightsDoesNothingInClassicModeOrWithLevelOneOff) {
  Link("sh", "SH-MH4", "mh-4p");
  auto refresher = Refresher();
  ChangeProperty([](core::Property& p) { p.levels.nightly_planning = false; });
  auto level_off = refresher.RefreshNights("riviera", {"mh-4p"}, Day(kToday), Day("2026-06-10"));
  ASSERT_TRUE(level_off) << level_off.error().ToString();
  EXPECT_EQ(*level_off, RefreshSummary{});

  ChangeProperty([](core::Property& p) {
    p.levels.nightly_planning = true;
    p.mode = core::GatewayMode::kClassic;
  });
  auto classic = refresher.RefreshNights("riviera", {"mh-4p"}, Day(kToday), Day("2026-06-10"));
  ASSERT_TRUE(classic) << classic.error().ToString();
  EXPECT_EQ(*classic, RefreshSummary{});

  EXPECT_TRUE(sink_.sink.pushes().empty());
  EXPECT_EQ(pms_.calls().availability, 0);
  EXPECT_EQ(statuses_.record_calls(), 0);
}

TEST_F(PlanningRefresherTest, AFailingRefreshNightsRecordsADeltaStatus) {
  Link("sh", "SH-MH4", "mh-4p");
  pms_.SetDown(true);
  auto summary = Refresher().RefreshNights("riviera", {"mh-4p"}, Day(kToday), Day("2026-06-10"));
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kPmsUnavailable);
  auto status = Status();
  ASSERT_TRUE(status);
  EXPECT_EQ(status->kind, RefreshKind::kDelta);
  EXPECT_FALSE(status->succeeded);
  EXPECT_EQ(status->error->code, ErrorCode::kPmsUnavailable);
}

TEST_F(PlanningRefresherTest, AStoreFailureFailsTheRefresh) {
  Link("sh", "SH-MH4", "mh-4p");
  planning_.SetUnavailable(true);
  auto summary = Refresher().RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kStoreUnavailable);
  EXPECT_TRUE(sink_.sink.pushes().empty());
  ASSERT_TRUE(Status());
  EXPECT_EQ(Status()->error->code, ErrorCode::kStoreUnavailable);
}

TEST_F(PlanningRefresherTest, InvalidOptionsAreRejected) {
  EXPECT_FALSE(ValidatePlanningRefresherOptions({.horizon_days = 0}));
  EXPECT_FALSE(ValidatePlanningRefresherOptions({.horizon_days = 1001}));
  EXPECT_FALSE(ValidatePlanningRefresherOptions({.pms_deadline = 0ms}));
  EXPECT_FALSE(ValidatePlanningRefresherOptions({.push_deadline = -1ms}));
  EXPECT_TRUE(ValidatePlanningRefresherOptions({.horizon_days = 1000}));

  Link("sh", "SH-MH4", "mh-4p");
  auto summary = Refresher({.horizon_days = 5000}).RefreshProperty("riviera", RefreshKind::kForced);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(summary.error().message.find("horizon_days"), std::string::npos);
  EXPECT_TRUE(sink_.sink.pushes().empty());
}

TEST_F(PlanningRefresherTest, ConcurrentRefreshesOfOnePropertyNeverPushTheSameCellsTwice) {
  Link("sh", "SH-MH4", "mh-4p");
  Link("cf", "CF-CHALET", "chalet");
  auto refresher = Refresher();
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto done = i % 2 == 0 ? refresher.RefreshProperty("riviera", RefreshKind::kForced)
                             : refresher.RefreshNights("riviera", {"mh-4p", "chalet"}, Day(kToday),
                                                       Day("2027-01-01"));
      EXPECT_TRUE(done) << done.error().ToString();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sink_.sink.cells_pushed(), 2 * 365);
}

}  // namespace
}  // namespace chansync::planning
