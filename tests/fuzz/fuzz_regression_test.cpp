// Inputs that broke a decoder, each kept as a test of the behaviour it must have; the inputs of
// fixed crashes also stay in the target's corpus. The DISABLED_ tests are known crashes whose fix
// belongs to the JSON parsing itself (an iterative parser with a depth limit, UTF-8
// validation): they crash or fail today and are enabled with that fix, their inputs then joining
// the corpus.
#include <gtest/gtest.h>

#include <string>

#include "availability_check_json.h"
#include "chansync/channel/planning_wire.h"
#include "chansync/core/reservation_json.h"
#include "chansync/pms/json_wire.h"

namespace chansync::fuzz {
namespace {

using core::ErrorCode;

// 150,000 unclosed arrays, 150 KB: deep enough to exhaust a thread's stack in a recursive parse.
std::string NestedDeeperThanTheStack() { return std::string(150'000, '['); }

TEST(FuzzRegressionTest, DISABLED_ReservationNestedDeeperThanTheStackIsRefused) {
  auto decoded = core::ReservationFromJson(NestedDeeperThanTheStack(), "secureholiday");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidReservation);
}

TEST(FuzzRegressionTest, DISABLED_AvailabilityCheckNestedDeeperThanTheStackIsRefused) {
  auto decoded =
      channel::AvailabilityCheckRequestFromJson(NestedDeeperThanTheStack(), "secureholiday");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
}

TEST(FuzzRegressionTest, DISABLED_PlanningPushNestedDeeperThanTheStackIsRefused) {
  auto decoded = channel::wire::DecodePlanningPush(NestedDeeperThanTheStack());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
}

TEST(FuzzRegressionTest, DISABLED_PmsReservationNestedDeeperThanTheStackIsRefused) {
  auto decoded = pms::wire::DecodeReservation(NestedDeeperThanTheStack());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
}

// A guest name that is not UTF-8 (a lone continuation byte) must not be accepted: stored raw, it
// later breaks every listing of the property's month.
TEST(FuzzRegressionTest, DISABLED_ReservationWithInvalidUtf8IsRefused) {
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
