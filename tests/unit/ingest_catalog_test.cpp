// Ingest refuses what names nothing declared, and reads the declarations about once a second.
#include <gtest/gtest.h>

#include <chrono>

#include "chansync/channel/cached_ingest_catalog.h"
#include "chansync/channel/ingestor.h"
#include "chansync/channel/testing/in_memory_ingest_catalog.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

namespace chansync::channel {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

core::Reservation Reservation(std::string property, std::string channel, std::string product) {
  auto r = core::ReservationFromJson(R"({
    "channel": "secureholiday", "channel_reservation_id": "SH-1", "property": "riviera",
    "arrival": "2026-09-01", "departure": "2026-09-08", "guest_name": "Jeanne Martin",
    "product": "SH-MH4", "price": {"amount_minor": 84900, "currency": "EUR"}})");
  EXPECT_TRUE(r.has_value());
  r->property = std::move(property);
  r->channel = std::move(channel);
  r->product = std::move(product);
  return *r;
}

class IngestCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_.Declare("riviera", "secureholiday", {"SH-MH4", "SH-PITCH"});
    source_.AddChannel("booking");
  }

  size_t Queued() {
    auto claimed = queue_.Claim("test", 100, 0ms);
    EXPECT_TRUE(claimed.has_value());
    return claimed ? claimed->size() : 0;
  }

  core::testing::FakeClock clock_{*core::ParseTimestamp("2026-08-15T09:30:00Z")};
  queue::testing::InMemoryWorkQueue queue_{clock_};
  testing::InMemoryIngestCatalog source_;
  CachedIngestCatalog catalog_{source_, clock_};
  Ingestor ingestor_{queue_, clock_, &catalog_};
};

TEST_F(IngestCatalogTest, WhatNamesNothingDeclaredIsNotFoundAndNothingIsQueued) {
  struct Case {
    core::Reservation reservation;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Reservation("nowhere", "secureholiday", "SH-MH4"), "property \"nowhere\" not found"},
      {Reservation("riviera", "nobody", "SH-MH4"), "channel \"nobody\" not found"},
      {Reservation("riviera", "booking", "SH-MH4"), "channel booking sells nothing at property"},
      {Reservation("riviera", "secureholiday", "SH-GONE"), "product SH-GONE is not one channel"},
  };
  for (const auto& c : cases) {
    auto pushed = ingestor_.Push(c.reservation);
    ASSERT_FALSE(pushed.has_value()) << c.message;
    EXPECT_EQ(pushed.error().code, ErrorCode::kNotFound) << c.message;
    EXPECT_NE(pushed.error().message.find(c.message), std::string::npos) << pushed.error().message;
  }
  auto batch = ingestor_.PushBatch(
      {cases[0].reservation, Reservation("riviera", "secureholiday", "SH-PITCH")});
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(batch[1].has_value());
  EXPECT_EQ(Queued(), 1u);
}

TEST_F(IngestCatalogTest, AsyncPushesAreCheckedToo) {
  std::optional<core::Result<Acceptance>> answer;
  ingestor_.PushAsync(Reservation("nowhere", "secureholiday", "SH-MH4"),
                      [&](core::Result<Acceptance> a) { answer = std::move(a); });
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Queued(), 0u);
}

TEST_F(IngestCatalogTest, AnswersAreRememberedForASecond) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(catalog_.ChannelProducts("riviera", "secureholiday").has_value());
    ASSERT_FALSE(catalog_.ChannelProducts("nowhere", "secureholiday").has_value());
  }
  EXPECT_EQ(source_.reads(), 2);

  // A declaration made meanwhile counts once the remembered answer is a second old.
  source_.Declare("nowhere", "secureholiday", {"SH-MH4"});
  clock_.Advance(999ms);
  EXPECT_FALSE(catalog_.ChannelProducts("nowhere", "secureholiday").has_value());
  clock_.Advance(1ms);
  EXPECT_TRUE(catalog_.ChannelProducts("nowhere", "secureholiday").has_value());
  EXPECT_EQ(source_.reads(), 3);
}

TEST_F(IngestCatalogTest, AStoreThatCannotAnswerIsAskedAgainAndNothingIsAccepted) {
  source_.FailWith(core::Error{ErrorCode::kStoreUnavailable, "redis down"});
  auto pushed = ingestor_.Push(Reservation("riviera", "secureholiday", "SH-MH4"));
  ASSERT_FALSE(pushed.has_value());
  EXPECT_EQ(pushed.error().code, ErrorCode::kStoreUnavailable);
  source_.FailWith(std::nullopt);
  EXPECT_TRUE(ingestor_.Push(Reservation("riviera", "secureholiday", "SH-MH4")).has_value());
  EXPECT_EQ(source_.reads(), 2);
  EXPECT_EQ(Queued(), 1u);
}

}  // namespace
}  // namespace chansync::channel
