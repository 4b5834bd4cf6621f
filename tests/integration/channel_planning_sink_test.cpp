#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "chansync/channel/http_planning_sink.h"
#include "chansync/test/portalsim.h"

namespace chansync::channel {
namespace {

using core::CivilDate;
using core::ErrorCode;
using core::PlanningPush;
using test::PortalSimProcess;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

CivilDate Day(const char* text) { return *CivilDate::Parse(text); }

core::Channel ChannelAt(const std::string& id, std::string endpoint) {
  return core::Channel{id, "Channel " + id, std::move(endpoint)};
}

struct Night {
  std::string date;
  int free;
  int64_t updates;
  int64_t received_at_us;
};

std::vector<Night> Nights(const PortalSimProcess& portal, const std::string& channel,
                          const std::string& product, const std::string& range = {}) {
  const std::string body = portal.Call("/admin/planning?channel=" + channel +
                                       "&property=riviera&product=" + product + range);
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  EXPECT_TRUE(doc.IsObject() && doc.HasMember("nights")) << body;
  std::vector<Night> nights;
  if (!doc.IsObject() || !doc.HasMember("nights")) return nights;
  for (const auto& night : doc["nights"].GetArray()) {
    nights.push_back(Night{night["date"].GetString(), night["free"].GetInt(),
                           night["updates"].GetInt64(), night["received_at_us"].GetInt64()});
  }
  return nights;
}

int64_t Stat(const PortalSimProcess& portal, const char* name) {
  const std::string body = portal.Call("/admin/stats");
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  EXPECT_TRUE(doc.IsObject() && doc.HasMember(name)) << body;
  return doc.IsObject() && doc.HasMember(name) ? doc[name].GetInt64() : -1;
}

PlanningPush SmallPush(const std::string& channel, int base) {
  return {"riviera",
          channel,
          {{"chalet", {{Day("2026-07-01"), {base + 3, base + 3, base + 2}}}},
           {"pitch", {{Day("2026-07-02"), {base + 30}}, {Day("2026-07-05"), {base + 29}}}}}};
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class ChannelPlanningSinkTest : public ::testing::Test {
 protected:
  core::Channel Booking() const { return ChannelAt("booking", portal_.PlanningUrl("booking")); }

  PortalSimProcess portal_;
  HttpPlanningSink sink_;
};

TEST_F(ChannelPlanningSinkTest, PushLandsAndIsReadable) {
  const int64_t before = NowMicros();
  ASSERT_TRUE(sink_.Push(Booking(), SmallPush("booking", 0)).has_value());
  const int64_t after = NowMicros();

  auto chalet = Nights(portal_, "booking", "chalet");
  ASSERT_EQ(chalet.size(), 3u);
  EXPECT_EQ(chalet[0].date, "2026-07-01");
  EXPECT_EQ(chalet[2].date, "2026-07-03");
  EXPECT_EQ((std::vector{chalet[0].free, chalet[1].free, chalet[2].free}), (std::vector{3, 3, 2}));
  for (const auto& night : chalet) {
    EXPECT_EQ(night.updates, 1);
    EXPECT_GE(night.received_at_us, before);
    EXPECT_LE(night.received_at_us, after);
  }
  auto pitch = Nights(portal_, "booking", "pitch");
  ASSERT_EQ(pitch.size(), 2u);
  EXPECT_EQ(pitch[1].date, "2026-07-05");
  EXPECT_EQ(pitch[1].free, 29);
  EXPECT_EQ(Stat(portal_, "requests"), 1);
  EXPECT_EQ(Stat(portal_, "cells"), 5);

  // The last write wins per night and the portal counts the updates.
  PlanningPush second{"riviera", "booking", {{"chalet", {{Day("2026-07-02"), {0}}}}}};
  ASSERT_TRUE(sink_.Push(Booking(), second).has_value());
  chalet = Nights(portal_, "booking", "chalet", "&from=2026-07-02&to=2026-07-03");
  ASSERT_EQ(chalet.size(), 1u);
  EXPECT_EQ(chalet[0].free, 0);
  EXPECT_EQ(chalet[0].updates, 2);
  EXPECT_TRUE(Nights(portal_, "other", "chalet").empty());
}

TEST_F(ChannelPlanningSinkTest, YearOfFiftyProductsIsSplitAndFullyApplied) {
  constexpr int kProducts = 50;
  constexpr int kNights = 365;
  PlanningPush push{"riviera", "booking", {}};
  for (int p = 0; p < kProducts; ++p) {
    std::vector<int> free(kNights);
    for (int n = 0; n < kNights; ++n) free[n] = (p * 7 + n) % 40;
    push.products.push_back({"product-" + std::to_string(p), {{Day("2026-04-01"), free}}});
  }
  PortalSimProcess strict_portal({"--max-cells", "5000"});
  const core::Channel channel = ChannelAt("booking", strict_portal.PlanningUrl("booking"));
  const auto status = sink_.Push(channel, push);
  ASSERT_TRUE(status.has_value()) << status.error().ToString();

  EXPECT_EQ(Stat(strict_portal, "requests"), 4);  // 18250 cells, 5000 per request
  EXPECT_EQ(Stat(strict_portal, "cells"), kProducts * kNights);
  EXPECT_EQ(Stat(strict_portal, "rejected"), 0);
  for (int p : {0, 13, 27, 49}) {
    const auto nights = Nights(strict_portal, "booking", "product-" + std::to_string(p));
    ASSERT_EQ(nights.size(), static_cast<size_t>(kNights)) << p;
    for (int n = 0; n < kNights; ++n) {
      ASSERT_EQ(nights[n].date, Day("2026-04-01").AddDays(n).ToString());
      ASSERT_EQ(nights[n].free, (p * 7 + n) % 40) << p << " night " << n;
      ASSERT_EQ(nights[n].updates, 1);
    }
  }
}

TEST_F(ChannelPlanningSinkTest, RequestsOverThePortalBoundAreRejected) {
  PortalSimProcess strict_portal({"--max-cells", "2"});
  const auto status = sink_.Push(ChannelAt("booking", strict_portal.PlanningUrl("booking")),
                                 SmallPush("booking", 0));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kChannelRejected);
  EXPECT_THAT(status.error().message, HasSubstr("413 TOO_LARGE"));

  HttpPlanningSink small_requests(HttpPlanningSinkOptions{.max_cells_per_request = 2});
  ASSERT_TRUE(
      small_requests
          .Push(ChannelAt("booking", strict_portal.PlanningUrl("booking")), SmallPush("booking", 0))
          .has_value());
  EXPECT_EQ(Stat(strict_portal, "requests"), 3);
}

TEST_F(ChannelPlanningSinkTest, ServerFailureIsUnavailableAndNothingApplied) {
  portal_.Call("/admin/faults", R"({"fail_status": 503})");
  const auto status = sink_.Push(Booking(), SmallPush("booking", 0));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kChannelUnavailable);
  EXPECT_THAT(status.error().message, HasSubstr("503 UNAVAILABLE"));
  EXPECT_THAT(status.error().message, HasSubstr("\"booking\""));
  EXPECT_TRUE(Nights(portal_, "booking", "chalet").empty());

  portal_.Call("/admin/faults", R"({"fail_status": 0})");
  ASSERT_TRUE(sink_.Push(Booking(), SmallPush("booking", 0)).has_value());
  EXPECT_EQ(Nights(portal_, "booking", "chalet").size(), 3u);
}

TEST_F(ChannelPlanningSinkTest, RefusalIsRejectedWithThePortalsMessage) {
  // The endpoint of "booking" receiving a push that says it is for "expedia".
  const auto status = sink_.Push(Booking(), SmallPush("expedia", 0));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kChannelRejected);
  EXPECT_THAT(status.error().message, HasSubstr("422 INVALID"));
  EXPECT_THAT(status.error().message,
              HasSubstr("body channel \"expedia\" does not match path channel \"booking\""));
  EXPECT_EQ(Stat(portal_, "rejected"), 1);
  EXPECT_EQ(Stat(portal_, "requests"), 0);

  portal_.Call("/admin/faults", R"({"fail_status": 429})");
  const auto throttled = sink_.Push(Booking(), SmallPush("booking", 0));
  ASSERT_FALSE(throttled.has_value());
  EXPECT_EQ(throttled.error().code, ErrorCode::kChannelRejected);
}

TEST_F(ChannelPlanningSinkTest, DeadlineCutsASlowPortal) {
  portal_.Call("/admin/faults", R"({"latency_ms": 1500})");
  const auto start = Clock::now();
  const auto status =
      sink_.Push(Booking(), SmallPush("booking", 0), start + std::chrono::milliseconds(300));
  const auto elapsed = Clock::now() - start;
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kChannelUnavailable);
  EXPECT_THAT(status.error().message, HasSubstr("deadline"));
  EXPECT_LT(elapsed, std::chrono::milliseconds(700));

  const auto already_late = sink_.Push(Booking(), SmallPush("booking", 0), Clock::now());
  ASSERT_FALSE(already_late.has_value());
  EXPECT_EQ(already_late.error().code, ErrorCode::kChannelUnavailable);
}

TEST_F(ChannelPlanningSinkTest, StoppedPortalIsUnavailableAndARestartIsPickedUp) {
  ASSERT_TRUE(sink_.Push(Booking(), SmallPush("booking", 0)).has_value());  // pools a connection
  portal_.Stop();
  const auto status = sink_.Push(Booking(), SmallPush("booking", 1));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kChannelUnavailable);

  portal_.Restart();
  ASSERT_TRUE(sink_.Push(Booking(), SmallPush("booking", 2)).has_value());
  // The restarted portal keeps nothing: a pooled connection to the old process was not reused.
  ASSERT_TRUE(sink_.Push(Booking(), SmallPush("booking", 3)).has_value());
  const auto chalet = Nights(portal_, "booking", "chalet");
  ASSERT_EQ(chalet.size(), 3u);
  EXPECT_EQ(chalet[0].free, 6);
  EXPECT_EQ(chalet[0].updates, 2);
}

TEST_F(ChannelPlanningSinkTest, ConcurrentPushesAreAllApplied) {
  constexpr int kThreads = 8;
  constexpr int kPushesPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPushesPerThread; ++i) {
        PlanningPush push{
            "riviera",
            "booking",
            {{"product-" + std::to_string(t), {{Day("2026-08-01").AddDays(i), {i}}}}}};
        if (!sink_.Push(Booking(), push).has_value()) failures.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Stat(portal_, "requests"), kThreads * kPushesPerThread);
  for (int t = 0; t < kThreads; ++t) {
    const auto nights = Nights(portal_, "booking", "product-" + std::to_string(t));
    ASSERT_EQ(nights.size(), static_cast<size_t>(kPushesPerThread)) << t;
    for (int i = 0; i < kPushesPerThread; ++i) EXPECT_EQ(nights[i].free, i);
  }
}

TEST_F(ChannelPlanningSinkTest, BadEndpointsAndEmptyPushes) {
  const auto none = sink_.Push(ChannelAt("booking", ""), SmallPush("booking", 0));
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(none.error().message, HasSubstr("\"booking\""));

  const auto ftp =
      sink_.Push(ChannelAt("booking", "ftp://127.0.0.1:1/planning"), SmallPush("booking", 0));
  ASSERT_FALSE(ftp.has_value());
  EXPECT_EQ(ftp.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(ftp.error().message, HasSubstr("channel \"booking\""));

  EXPECT_TRUE(sink_.Push(Booking(), {"riviera", "booking", {}}).has_value());
  EXPECT_TRUE(sink_.Push(Booking(), {"riviera", "booking", {{"chalet", {}}}}).has_value());
  // Nothing to send never touches the network, even with an unreachable endpoint.
  EXPECT_TRUE(sink_.Push(ChannelAt("x", "http://127.0.0.1:1/p"), {"riviera", "x", {}}).has_value());
  EXPECT_EQ(Stat(portal_, "requests"), 0);
}

TEST_F(ChannelPlanningSinkTest, PortalAdminApi) {
  EXPECT_EQ(portal_.Call("/v1/health"), R"({"status":"ok"})");
  ASSERT_TRUE(sink_.Push(Booking(), SmallPush("booking", 0)).has_value());
  EXPECT_THAT(portal_.Call("/admin/planning?channel=booking&property=riviera"),
              HasSubstr("product is required"));
  EXPECT_THAT(portal_.Call("/admin/planning?channel=booking&property=riviera&product=chalet"
                           "&from=2026-07-03&to=2026-07-01"),
              HasSubstr("INVALID"));
  EXPECT_THAT(portal_.Call("/admin/faults", R"({"fail_status": 200})"), HasSubstr("INVALID"));
  portal_.Call("/admin/reset", "{}");
  EXPECT_TRUE(Nights(portal_, "booking", "chalet").empty());
  EXPECT_EQ(Stat(portal_, "requests"), 0);
  EXPECT_THAT(portal_.Call("/v1/channels/booking/planning", "{\"property\":"),
              HasSubstr("INVALID"));
  EXPECT_EQ(Stat(portal_, "rejected"), 1);
}

}  // namespace
}  // namespace chansync::channel
