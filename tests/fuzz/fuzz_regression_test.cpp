// Inputs that broke a decoder, each kept as a test of the behaviour it must have; the inputs of
// fixed crashes also stay in the target's corpus.
#include <gtest/gtest.h>

#include <string>

#include "availability_check_json.h"
#include "chansync/channel/planning_wire.h"
#include "chansync/core/reservation_json.h"
#include "chansync/pms/json_wire.h"

namespace chansync::fuzz {
namespace {

using core::ErrorCode;

// A sold_at outside what a Timestamp holds (before 1678, after 2261) was saturated to the range's
// edge and accepted, so the reservation said another time than the portal sent. ParseTimestamp
// keeps saturating (its own tests read the edges); the reservation's decoder refuses it.
TEST(FuzzRegressionTest, SoldAtOutsideTheTimestampRangeIsRefused) {
  for (const char* sold_at :
       {"0520-09-01T10:15:00Z", "9999-12-31T23:59:59Z", "1677-09-21T00:12:43+01:00"}) {
    SCOPED_TRACE(sold_at);
    const std::string body =
        std::string("{\"channel_reservation_id\":\"SH-1\",\"property\":\"riviera\",") +
        "\"sold_at\":\"" + sold_at +
        "\",\"arrival\":\"2027-09-01\",\"departure\":\"2027-09-02\",\"guest_name\":\"J\","
        "\"product\":\"SH-MH4\",\"price\":{\"amount_minor\":1,\"currency\":\"EUR\"}}";
    auto decoded = core::ReservationFromJson(body, "secureholiday");
    ASSERT_FALSE(decoded.has_value());
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidReservation);
    EXPECT_NE(decoded.error().message.find("sold_at"), std::string::npos)
        << decoded.error().message;
  }
}

// 150,000 unclosed arrays, 150 KB: deep enough to exhaust a thread's stack in a recursive parse.
std::string NestedDeeperThanTheStack() { return std::string(150'000, '['); }

TEST(FuzzRegressionTest, ReservationNestedDeeperThanTheStackIsRefused) {
  auto decoded = core::ReservationFromJson(NestedDeeperThanTheStack(), "secureholiday");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidReservation);
}

TEST(FuzzRegressionTest, AvailabilityCheckNestedDeeperThanTheStackIsRefused) {
  auto decoded =
      channel::AvailabilityCheckRequestFromJson(NestedDeeperThanTheStack(), "secureholiday");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
}

TEST(FuzzRegressionTest, PlanningPushNestedDeeperThanTheStackIsRefused) {
  auto decoded = channel::wire::DecodePlanningPush(NestedDeeperThanTheStack());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
}

TEST(FuzzRegressionTest, PmsReservationNestedDeeperThanTheStackIsRefused) {
  auto decoded = pms::wire::DecodeReservation(NestedDeeperThanTheStack());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
}

// A guest name that is not UTF-8 (a lone continuation byte) must not be accepted: stored raw, it
// later breaks every listing of the property's month.
TEST(FuzzRegressionTest, ReservationWithInvalidUtf8IsRefused) {
  const std::string body =
      "{\"channel_reservation_id\":\"SH-1\",\"property\":\"riviera\",\"arrival\":\"2027-09-01\","
      "\"departure\":\"2027-09-02\",\"guest_name\":\"Jeanne \x80 Martin\",\"product\":\"SH-MH4\","
      "\"price\":{\"amount_minor\":1,\"currency\":\"EUR\"}}";
  auto decoded = core::ReservationFromJson(body, "secureholiday");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidReservation);
  EXPECT_NE(decoded.error().message.find("guest_name"), std::string::npos)
      << decoded.error().message;
}

}  // namespace
}  // namespace chansync::fuzz
