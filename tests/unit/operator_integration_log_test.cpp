#include <gtest/gtest.h>

#include <chrono>

#include "chansync/core/reservation_json.h"
#include "chansync/integration/testing/in_memory_integration_log.h"

namespace chansync::integration {
namespace {

using core::ErrorCode;
using testing::InMemoryIntegrationLog;

core::Timestamp At(const char* rfc3339) { return *core::ParseTimestamp(rfc3339); }
core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }
core::YearMonth Month(const char* text) { return *core::YearMonth::Parse(text); }

IntegrationRecord Record(std::string resv, const char* sold_at, const char* arrival,
                         const char* departure, IntegrationStatus status) {
  IntegrationRecord record;
  record.reservation.channel = "secureholiday";
  record.reservation.channel_reservation_id = std::move(resv);
  record.reservation.property = "riviera";
  record.reservation.sold_at = At(sold_at);
  record.reservation.stay = {Day(arrival), Day(departure)};
  record.reservation.guest_name = "Jeanne Martin";
  record.reservation.product = "SH-MH4";
  record.status = status;
  record.updated_at = At(sold_at);
  return record;
}

std::vector<std::string> Ids(const core::Result<std::vector<IntegrationRecord>>& records) {
  std::vector<std::string> ids;
  for (const auto& r : *records) ids.push_back(r.reservation.channel_reservation_id);
  return ids;
}

TEST(OperatorIntegrationIdTest, RoundTripsAndRejectsMalformedIds) {
  IntegrationRecord record = Record("SH-1001", "2026-09-01T10:00:00Z", "2026-09-01", "2026-09-08",
                                    IntegrationStatus::kFailed);
  EXPECT_EQ(record.id(), "riviera/secureholiday/SH-1001");
  auto key = ParseIntegrationId(record.id());
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->property, "riviera");
  EXPECT_EQ(key->channel, "secureholiday");
  EXPECT_EQ(key->channel_reservation_id, "SH-1001");
  for (const char* bad : {"", "riviera", "riviera/secureholiday", "riviera//SH-1", "a/b/c/d",
                          "riv era/sh/1", "riviera/sh/1:2"}) {
    auto parsed = ParseIntegrationId(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(OperatorIntegrationStatusTest, NamesRoundTrip) {
  for (auto status : {IntegrationStatus::kPending, IntegrationStatus::kIntegrated,
                      IntegrationStatus::kFailed, IntegrationStatus::kNotIntegrated}) {
    EXPECT_EQ(ParseIntegrationStatus(IntegrationStatusName(status)).value(), status);
  }
  EXPECT_EQ(IntegrationStatusName(IntegrationStatus::kNotIntegrated), "not_integrated");
  EXPECT_FALSE(ParseIntegrationStatus("done").has_value());
}

TEST(OperatorMonthsTest, SaleMonthFollowsThePropertyTimezone) {
  const auto sold = At("2026-08-31T22:30:00Z");
  EXPECT_EQ(SaleMonthOf(sold, "Europe/Paris").value(), Month("2026-09"));
  EXPECT_EQ(SaleMonthOf(sold, "UTC").value(), Month("2026-08"));
  EXPECT_EQ(SaleMonthOf(At("2026-09-01T05:00:00Z"), "America/Los_Angeles").value(),
            Month("2026-08"));
  auto bad = SaleMonthOf(sold, "Mars/Olympus");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST(OperatorMonthsTest, StayMonthsAreTheMonthsWithANight) {
  EXPECT_EQ(StayMonthsOf({Day("2026-09-28"), Day("2026-10-01")}),
            (std::vector<core::YearMonth>{Month("2026-09")}));
  EXPECT_EQ(StayMonthsOf({Day("2026-09-28"), Day("2026-10-02")}),
            (std::vector<core::YearMonth>{Month("2026-09"), Month("2026-10")}));
  EXPECT_EQ(StayMonthsOf({Day("2026-12-30"), Day("2027-02-02")}),
            (std::vector<core::YearMonth>{Month("2026-12"), Month("2027-01"), Month("2027-02")}));
}

TEST(OperatorOutcomeTest, FailedMeansForceable) {
  auto record =
      Record("A", "2026-09-01T10:00:00Z", "2026-09-01", "2026-09-02", IntegrationStatus::kPending);
  EXPECT_FALSE(MatchesOutcome(record, OutcomeFilter::kFailed));
  record.error = core::Error{ErrorCode::kAwaitingOperator, "option SH-LINGE has no link"};
  EXPECT_TRUE(MatchesOutcome(record, OutcomeFilter::kFailed));
  record.status = IntegrationStatus::kNotIntegrated;
  EXPECT_TRUE(MatchesOutcome(record, OutcomeFilter::kFailed));
  record.status = IntegrationStatus::kIntegrated;
  EXPECT_TRUE(MatchesOutcome(record, OutcomeFilter::kSucceeded));
  EXPECT_FALSE(MatchesOutcome(record, OutcomeFilter::kFailed));
}

TEST(OperatorInMemoryLogTest, ListsByMonthNewestFirstWithFilters) {
  InMemoryIntegrationLog log;
  ASSERT_TRUE(log.Put(
      {Record("A", "2026-09-01T10:00:00Z", "2026-09-28", "2026-10-02",
              IntegrationStatus::kIntegrated),
       Record("B", "2026-09-05T10:00:00Z", "2026-10-10", "2026-10-12", IntegrationStatus::kFailed),
       Record("C", "2026-08-31T22:30:00Z", "2026-09-10", "2026-09-11",
              IntegrationStatus::kPending)},
      "Europe/Paris"));
  IntegrationQuery query{"riviera", Month("2026-09"), MonthIndex::kBySaleDate, OutcomeFilter::kAll};
  EXPECT_EQ(Ids(log.List(query)), (std::vector<std::string>{"B", "A", "C"}));
  query.filter = OutcomeFilter::kFailed;
  EXPECT_EQ(Ids(log.List(query)), (std::vector<std::string>{"B"}));
  query.filter = OutcomeFilter::kSucceeded;
  EXPECT_EQ(Ids(log.List(query)), (std::vector<std::string>{"A"}));
  query = {"riviera", Month("2026-10"), MonthIndex::kByStayDate, OutcomeFilter::kAll};
  EXPECT_EQ(Ids(log.List(query)), (std::vector<std::string>{"B", "A"}));

  // A revision moving the stay leaves October.
  auto moved = Record("A", "2026-09-01T10:00:00Z", "2026-09-20", "2026-09-22",
                      IntegrationStatus::kIntegrated);
  moved.reservation.revision = 2;
  ASSERT_TRUE(log.Put({moved}, "Europe/Paris"));
  EXPECT_EQ(Ids(log.List(query)), (std::vector<std::string>{"B"}));
}

TEST(OperatorInMemoryLogTest, ReplaceIsACompareAndSet) {
  InMemoryIntegrationLog log;
  auto record =
      Record("A", "2026-09-01T10:00:00Z", "2026-09-01", "2026-09-02", IntegrationStatus::kFailed);
  ASSERT_TRUE(log.Put({record}, "Europe/Paris"));
  auto changed = record;
  changed.status = IntegrationStatus::kPending;
  changed.updated_at = At("2026-09-02T00:00:00Z");
  auto stale = log.Replace(changed, At("2026-08-01T00:00:00Z"));
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(log.Replace(changed, record.updated_at));
  EXPECT_EQ(log.Get(*ParseIntegrationId(record.id())).value()->status, IntegrationStatus::kPending);
  auto missing =
      Record("Z", "2026-09-01T10:00:00Z", "2026-09-01", "2026-09-02", IntegrationStatus::kFailed);
  EXPECT_EQ(log.Replace(missing, missing.updated_at).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace chansync::integration
