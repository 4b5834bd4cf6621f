#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "chansync/pms/testing/fake_pms.h"

namespace chansync::pms::testing {
namespace {

using core::ErrorCode;
using ::testing::HasSubstr;

core::Stay StayOf(const char* arrival, const char* departure) {
  return *core::Stay::Make(*core::CivilDate::Parse(arrival), *core::CivilDate::Parse(departure));
}

class FakePmsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ReservationBook::PropertyData data;
    data.id = "riviera";
    data.name = "Camping Riviera";
    data.products = {{"chalet", "Chalet", 2}, {"pitch", "Pitch", 30}};
    data.options = {{"linen", "Bed linen"}, {"pet", "Pet"}};
    ASSERT_TRUE(pms_.book().AddProperty(std::move(data)).has_value());
  }

  CreateReservationRequest Booking(std::string key, const char* product, core::Stay stay) {
    CreateReservationRequest request;
    request.idempotency_key = key;
    request.channel = "booking";
    request.channel_reservation_id = "B-" + key;
    request.product = product;
    request.options = {{"linen", 1}};
    request.stay = stay;
    request.guest_name = "Guest";
    request.price = *core::Money::Make(1000, "EUR");
    return request;
  }

  FakePms pms_;
};

TEST_F(FakePmsTest, CreatesTakeUnitsOnEveryNightAndRefuseWhenFull) {
  auto first =
      pms_.CreateReservation("riviera", Booking("a", "chalet", StayOf("2026-07-01", "2026-07-05")));
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_TRUE(std::regex_match(first->pms_reservation_id, std::regex("[0-9]{6}RIV")));
  ASSERT_TRUE(pms_.CreateReservation("riviera",
                                     Booking("b", "chalet", StayOf("2026-07-04", "2026-07-06"))));

  auto grid = pms_.Availability("riviera", *core::CivilDate::Parse("2026-07-03"),
                                *core::CivilDate::Parse("2026-07-07"));
  ASSERT_TRUE(grid.has_value());
  EXPECT_EQ((*grid)[0], (ProductAvailability{"chalet", {1, 0, 1, 2}}));

  // Only the night of 07-04 is full, which is enough to refuse.
  auto refused =
      pms_.CreateReservation("riviera", Booking("c", "chalet", StayOf("2026-07-02", "2026-07-05")));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kNoAvailability);
  EXPECT_EQ(*pms_.Check("riviera", "chalet", StayOf("2026-07-02", "2026-07-05")),
            (CheckResult{false, 0}));

  auto forced = Booking("c", "chalet", StayOf("2026-07-02", "2026-07-05"));
  forced.allow_overbooking = true;
  auto overbooked = pms_.CreateReservation("riviera", forced);
  ASSERT_TRUE(overbooked.has_value());
  EXPECT_TRUE(overbooked->overbooked);
  // Overbooked nights show no free unit rather than a negative count.
  EXPECT_EQ(pms_.Check("riviera", "chalet", StayOf("2026-07-04", "2026-07-05"))->units_left, 0);
  EXPECT_EQ(pms_.book().stats().overbookings, 1);
}

TEST_F(FakePmsTest, IdempotencyKeysReplayAndRefuseDifferentBodies) {
  const auto request = Booking("same", "pitch", StayOf("2026-07-01", "2026-07-02"));
  auto first = pms_.CreateReservation("riviera", request);
  auto again = pms_.CreateReservation("riviera", request);
  ASSERT_TRUE(first.has_value() && again.has_value());
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(pms_.ListReservations("riviera")->size(), 1u);
  EXPECT_EQ(pms_.book().stats().create_replays, 1);

  auto other = request;
  other.stay = StayOf("2026-07-01", "2026-07-03");
  auto reused = pms_.CreateReservation("riviera", other);
  ASSERT_FALSE(reused.has_value());
  EXPECT_EQ(reused.error().code, ErrorCode::kPmsRejected);
  EXPECT_THAT(reused.error().message, HasSubstr("IDEMPOTENCY_KEY_REUSED"));

  auto keyless = request;
  keyless.idempotency_key.clear();
  EXPECT_EQ(pms_.CreateReservation("riviera", keyless).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(FakePmsTest, InvalidRequestsAreRejectedLikeTheHttpClientSeesThem) {
  auto unknown_option = Booking("x", "pitch", StayOf("2026-07-01", "2026-07-02"));
  unknown_option.options = {{"sauna", 1}};
  auto rejected = pms_.CreateReservation("riviera", unknown_option);
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().code, ErrorCode::kPmsRejected);
  EXPECT_THAT(rejected.error().message, HasSubstr("HTTP 422 INVALID: unknown option \"sauna\""));

  EXPECT_EQ(pms_.ListProducts("nowhere").error().code, ErrorCode::kPmsRejected);
  EXPECT_EQ(pms_.GetReservation("riviera", "123456RIV").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(pms_.CancelReservation("riviera", "123456RIV").error().code, ErrorCode::kPmsRejected);
}

TEST_F(FakePmsTest, ModifyRechecksWithTheReservationsOwnUnitsFree) {
  auto created =
      pms_.CreateReservation("riviera", Booking("a", "chalet", StayOf("2026-07-01", "2026-07-03")));
  ASSERT_TRUE(pms_.CreateReservation("riviera",
                                     Booking("b", "chalet", StayOf("2026-07-01", "2026-07-03"))));
  ModifyReservationRequest modify;
  modify.idempotency_key = "a-2";
  modify.pms_reservation_id = created->pms_reservation_id;
  modify.product = "chalet";
  modify.stay = StayOf("2026-07-02", "2026-07-04");  // overlaps its own old nights only
  modify.guest_name = "Guest";
  modify.price = *core::Money::Make(1500, "EUR");
  auto modified = pms_.ModifyReservation("riviera", modify);
  ASSERT_TRUE(modified.has_value()) << modified.error().ToString();
  EXPECT_FALSE(modified->overbooked);
  EXPECT_EQ(pms_.Check("riviera", "chalet", StayOf("2026-07-01", "2026-07-02"))->units_left, 1);
  EXPECT_EQ(pms_.Check("riviera", "chalet", StayOf("2026-07-03", "2026-07-04"))->units_left, 1);

  ASSERT_TRUE(pms_.CancelReservation("riviera", created->pms_reservation_id).has_value());
  ASSERT_TRUE(pms_.CancelReservation("riviera", created->pms_reservation_id).has_value());
  EXPECT_EQ(pms_.Check("riviera", "chalet", StayOf("2026-07-03", "2026-07-04"))->units_left, 2);
  modify.idempotency_key = "a-3";
  auto after_cancel = pms_.ModifyReservation("riviera", modify);
  ASSERT_FALSE(after_cancel.has_value());
  EXPECT_THAT(after_cancel.error().message, HasSubstr("CONFLICT"));
}

TEST_F(FakePmsTest, UnitChangesInThePmsShowInAvailability) {
  ASSERT_TRUE(pms_.book().SetProductUnits("riviera", "chalet", 5).has_value());
  ASSERT_TRUE(pms_.book().SetProductUnits("riviera", "yurt", 1, "Yurt").has_value());
  EXPECT_EQ(pms_.Check("riviera", "chalet", StayOf("2026-07-01", "2026-07-02"))->units_left, 5);
  EXPECT_EQ(pms_.ListProducts("riviera")->size(), 3u);
  EXPECT_EQ(pms_.book().SetProductUnits("riviera", "igloo", 1).error().code, ErrorCode::kNotFound);
}

TEST_F(FakePmsTest, FindsTheReservationsOfAChannelReservationOldestFirst) {
  auto first = Booking("r1", "pitch", StayOf("2026-07-01", "2026-07-03"));
  first.channel_reservation_id = "B-42";
  auto second = first;
  second.idempotency_key = "r2";
  second.stay = StayOf("2026-07-05", "2026-07-06");
  auto other = Booking("o1", "pitch", StayOf("2026-07-01", "2026-07-03"));
  const std::string first_id = pms_.CreateReservation("riviera", first)->pms_reservation_id;
  const std::string second_id = pms_.CreateReservation("riviera", second)->pms_reservation_id;
  ASSERT_TRUE(pms_.CreateReservation("riviera", other).has_value());
  ASSERT_TRUE(pms_.CancelReservation("riviera", first_id).has_value());
  ModifyReservationRequest change{"r3",        second_id,   "pitch",      {},
                                  second.stay, "New Guest", second.price, false};
  ASSERT_TRUE(pms_.ModifyReservation("riviera", change).has_value());

  auto found = pms_.FindReservations("riviera", "booking", "B-42");
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].id, first_id);
  EXPECT_EQ((*found)[0].status, PmsReservationStatus::kCancelled);
  EXPECT_EQ((*found)[0].last_idempotency_key, "r1");
  EXPECT_EQ((*found)[1].id, second_id);
  EXPECT_EQ((*found)[1].last_idempotency_key, "r3");  // the modify that changed it last

  EXPECT_TRUE(pms_.FindReservations("riviera", "expedia", "B-42")->empty());
  EXPECT_EQ(pms_.FindReservations("nowhere", "booking", "B-42").error().code,
            ErrorCode::kPmsRejected);

  auto many = pms_.FindMany({{"riviera", "booking", "B-42"}, {"riviera", "booking", "B-none"}}, 4);
  ASSERT_EQ(many.size(), 2u);
  EXPECT_EQ(many[0]->size(), 2u);
  EXPECT_TRUE(many[1]->empty());
  EXPECT_EQ(pms_.calls().find, 5);
  EXPECT_EQ(pms_.calls().find_batches, 1);
}

TEST_F(FakePmsTest, SwitchableFailures) {
  pms_.SetDown(true);
  EXPECT_EQ(pms_.Health().error().code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(
      pms_.CreateReservation("riviera", Booking("a", "pitch", StayOf("2026-07-01", "2026-07-02")))
          .error()
          .code,
      ErrorCode::kPmsUnavailable);
  pms_.SetDown(false);
  EXPECT_TRUE(pms_.ListReservations("riviera")->empty());

  pms_.FailNext(2, {ErrorCode::kPmsRejected, "nope"});
  EXPECT_EQ(pms_.Health().error().code, ErrorCode::kPmsRejected);
  EXPECT_EQ(pms_.Health().error().message, "nope");
  EXPECT_TRUE(pms_.Health().has_value());
  EXPECT_EQ(pms_.calls().health, 4);
  EXPECT_EQ(pms_.calls().create, 1);
}

TEST_F(FakePmsTest, ConcurrentCreatesTakeExactlyTheFreeUnits) {
  ASSERT_TRUE(pms_.book().SetProductUnits("riviera", "pitch", 5).has_value());
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 4; ++i) {
        auto result =
            pms_.CreateReservation("riviera", Booking(std::to_string(t) + "-" + std::to_string(i),
                                                      "pitch", StayOf("2026-07-01", "2026-07-08")));
        if (result) {
          ++created;
        } else if (result.error().code == ErrorCode::kNoAvailability) {
          ++refused;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 5);
  EXPECT_EQ(refused.load(), 27);
  EXPECT_EQ(pms_.book().stats().overbookings, 0);
}

TEST(ReservationBookTest, LoadingRejectsBadCatalogsAndCountsExistingReservations) {
  ReservationBook book;
  ReservationBook::PropertyData bad;
  bad.id = "bad id";
  EXPECT_EQ(book.AddProperty(bad).error().code, ErrorCode::kInvalidArgument);

  ReservationBook::PropertyData data;
  data.id = "lac";
  data.products = {{"tent", "Tent", 1}};
  data.reservations = {{"000001LAC",
                        "direct",
                        "x",
                        "tent",
                        {},
                        StayOf("2026-07-01", "2026-07-03"),
                        "A",
                        *core::Money::Make(1, "EUR"),
                        false,
                        PmsReservationStatus::kConfirmed}};
  ASSERT_TRUE(book.AddProperty(data).has_value());
  EXPECT_EQ(book.AddProperty(data).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(book.Check("lac", "tent", StayOf("2026-07-02", "2026-07-03"))->units_left, 0);
  EXPECT_EQ(book.Availability("lac", *core::CivilDate::Parse("2026-07-03"),
                              *core::CivilDate::Parse("2026-07-01"))
                .error()
                .code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chansync::pms::testing
