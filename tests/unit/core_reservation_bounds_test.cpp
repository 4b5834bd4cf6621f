// Every field of a pushed reservation has a bound, and each refusal names its field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "chansync/core/reservation.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/text.h"

namespace chansync::core {
namespace {

using ::testing::HasSubstr;

const Timestamp kNow = *ParseTimestamp("2026-08-15T09:30:00Z");

CivilDate Date(const char* text) { return *CivilDate::Parse(text); }

Reservation Valid() {
  Reservation r;
  r.channel = "secureholiday";
  r.channel_reservation_id = "SH-1001";
  r.property = "riviera";
  r.stay = {Date("2026-09-01"), Date("2026-09-08")};
  r.guest_name = "Jeanne Martin";
  r.product = "SH-MH4";
  r.options = {{"SH-LINGE", 2}};
  r.price = *Money::Make(84900, "EUR");
  return r;
}

struct Case {
  const char* what;
  std::function<void(Reservation&)> change;
  const char* field;  // named in the refusal
};

TEST(ReservationBoundsTest, ValidReservationAtItsEdgesPasses) {
  Reservation r = Valid();
  r.stay = {Date("2026-08-14"), Date("2026-08-14").AddDays(kMaxNights)};
  r.revision = kMaxRevision;
  r.guest_name = std::string(kMaxGuestNameBytes - 2, 'a') + "é";
  r.options.clear();
  for (size_t i = 0; i < kMaxOptionLines; ++i) {
    r.options.push_back({"OPT-" + std::to_string(i), kMaxOptionQuantity});
  }
  r.check_id = std::string(64, 'c');
  r.price.minor_units = kMaxPriceMinorUnits;
  EXPECT_TRUE(ValidateReceivedReservation(r, kNow));
  r.stay = {Date("2026-08-15").AddDays(kMaxDaysAhead),
            Date("2026-08-15").AddDays(kMaxDaysAhead + 1)};
  EXPECT_TRUE(ValidateReceivedReservation(r, kNow));
}

TEST(ReservationBoundsTest, EachOutOfBoundFieldIsRefusedByName) {
  const std::vector<Case> cases = {
      {"arrival before yesterday", [](Reservation& r) { r.stay.arrival = Date("2026-08-13"); },
       "arrival"},
      {"arrival in 9999",
       [](Reservation& r) {
         r.stay = {Date("9999-01-01"), Date("9999-01-08")};
       },
       "arrival"},
      {"arrival in 1900",
       [](Reservation& r) {
         r.stay = {Date("1900-01-01"), Date("1900-01-08")};
       },
       "arrival"},
      {"arrival just past five years",
       [](Reservation& r) {
         const CivilDate arrival = Date("2026-08-15").AddDays(kMaxDaysAhead + 1);
         r.stay = {arrival, arrival.AddDays(1)};
       },
       "arrival"},
      {"stay over 366 nights",
       [](Reservation& r) { r.stay.departure = r.stay.arrival.AddDays(kMaxNights + 1); }, "stay"},
      {"departure of a modification before yesterday",
       [](Reservation& r) {
         r.status = ReservationStatus::kModified;
         r.stay = {Date("2026-08-01"), Date("2026-08-13")};
       },
       "departure"},
      {"sold in the future", [](Reservation& r) { r.sold_at = kNow + std::chrono::days(2); },
       "sold_at"},
      {"quantity 0", [](Reservation& r) { r.options[0].quantity = 0; }, "options.quantity"},
      {"quantity 1000", [](Reservation& r) { r.options[0].quantity = 1000; }, "options.quantity"},
      {"quantity INT_MAX", [](Reservation& r) { r.options[0].quantity = 2147483647; },
       "options.quantity"},
      {"101 options",
       [](Reservation& r) {
         r.options.clear();
         for (int i = 0; i <= 100; ++i) r.options.push_back({"O" + std::to_string(i), 1});
       },
       "options"},
      {"option twice", [](Reservation& r) { r.options.push_back(r.options[0]); }, "option"},
      {"revision 0", [](Reservation& r) { r.revision = 0; }, "revision"},
      {"revision 2^31", [](Reservation& r) { r.revision = kMaxRevision + 1; }, "revision"},
      {"revision INT64_MAX", [](Reservation& r) { r.revision = INT64_MAX; }, "revision"},
      {"check id of 500 KB", [](Reservation& r) { r.check_id = std::string(500 * 1024, 'x'); },
       "check_id"},
      {"check id with a slash", [](Reservation& r) { r.check_id = "a/b"; }, "check_id"},
      {"long reservation id",
       [](Reservation& r) { r.channel_reservation_id = std::string(65, 'x'); },
       "channel_reservation_id"},
      {"property with a space", [](Reservation& r) { r.property = "the riviera"; }, "property"},
      {"guest name NUL", [](Reservation& r) { r.guest_name = std::string("Jea\0nne", 7); },
       "guest_name"},
      {"guest name CR LF", [](Reservation& r) { r.guest_name = "Jeanne\r\nX-Header: 1"; },
       "guest_name"},
      {"guest name C1 control", [](Reservation& r) { r.guest_name = "Jeanne\xc2\x85"; },
       "guest_name"},
      {"guest name invalid UTF-8", [](Reservation& r) { r.guest_name = "Jos\xe9"; }, "guest_name"},
      {"guest name overlong UTF-8", [](Reservation& r) { r.guest_name = "\xc0\xaf"; },
       "guest_name"},
      {"guest name surrogate", [](Reservation& r) { r.guest_name = "\xed\xa0\x80"; }, "guest_name"},
      {"guest name too long",
       [](Reservation& r) { r.guest_name = std::string(kMaxGuestNameBytes + 1, 'a'); },
       "guest_name"},
      {"negative price", [](Reservation& r) { r.price.minor_units = -1; }, "price.minor_units"},
      {"huge price", [](Reservation& r) { r.price.minor_units = kMaxPriceMinorUnits + 1; },
       "price.minor_units"},
  };
  for (const Case& c : cases) {
    Reservation r = Valid();
    c.change(r);
    auto refused = ValidateReceivedReservation(r, kNow);
    ASSERT_FALSE(refused) << c.what;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidReservation) << c.what;
    EXPECT_THAT(refused.error().message, HasSubstr(c.field)) << c.what;
    EXPECT_LT(refused.error().message.size(), 300u) << c.what << ": the message quotes no bulk";
  }
}

TEST(ReservationBoundsTest, AStayAlreadyBegunMayStillBeModifiedOrCancelled) {
  for (auto status : {ReservationStatus::kModified, ReservationStatus::kCancelled}) {
    Reservation r = Valid();
    r.status = status;
    r.stay = {Date("2026-08-01"), Date("2026-08-20")};
    EXPECT_TRUE(ValidateReceivedReservation(r, kNow));
  }
  Reservation fresh = Valid();
  fresh.stay = {Date("2026-08-01"), Date("2026-08-20")};
  EXPECT_FALSE(ValidateReceivedReservation(fresh, kNow));
}

TEST(ReservationBoundsTest, StoredReservationsStayValidWhateverTheDate) {
  Reservation r = Valid();
  r.stay = {Date("2020-01-01"), Date("2020-01-08")};
  EXPECT_TRUE(ValidateReservation(r));
}

TEST(ValidateTextTest, AcceptsPrintableUtf8AndRefusesTheRest) {
  EXPECT_TRUE(ValidateText("name", "Zoë Ôtel 東京 🏕", 200));
  EXPECT_THAT(ValidateText("name", "", 200).error().message, HasSubstr("name is required"));
  EXPECT_THAT(ValidateText("name", "abc", 2).error().message, HasSubstr("longer than 2 bytes"));
  EXPECT_THAT(ValidateText("name", "a\tb", 200).error().message,
              HasSubstr("control character at byte 1"));
  EXPECT_THAT(ValidateText("name", "a\x7f", 200).error().message, HasSubstr("control"));
  EXPECT_THAT(ValidateText("name", "ab\xf4\x90\x80\x80", 200).error().message,
              HasSubstr("not valid UTF-8 at byte 2"));
  EXPECT_THAT(ValidateText("name", "ab\xe2\x82", 200).error().message,
              HasSubstr("not valid UTF-8 at byte 2"));
}

}  // namespace
}  // namespace chansync::core
