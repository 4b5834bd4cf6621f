#include <gtest/gtest.h>

#include "chansync/core/catalog.h"
#include "chansync/core/error.h"
#include "chansync/core/money.h"
#include "chansync/core/property.h"
#include "chansync/core/reservation.h"

namespace chansync::core {
namespace {

Reservation ValidReservation() {
  Reservation r;
  r.channel = "secureholiday";
  r.channel_reservation_id = "SH-1001";
  r.property = "riviera";
  r.stay = *Stay::Make(*CivilDate::Parse("2026-09-01"), *CivilDate::Parse("2026-09-08"));
  r.guest_name = "Jeanne Martin";
  r.product = "mh-4p";
  r.options = {{"linen", 2}, {"pet", 1}};
  r.price = *Money::Make(84900, "EUR");
  return r;
}

TEST(ErrorTest, CodeNamesAreStableAndParseBack) {
  EXPECT_EQ(CodeName(ErrorCode::kProductNotLinked), "PRODUCT_NOT_LINKED");
  EXPECT_EQ(CodeName(ErrorCode::kPmsUnavailable), "PMS_UNAVAILABLE");
  for (int i = 0; i <= static_cast<int>(ErrorCode::kInternal); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    ErrorCode parsed{};
    ASSERT_TRUE(ParseCodeName(CodeName(code), &parsed)) << i;
    EXPECT_EQ(parsed, code);
  }
  EXPECT_EQ(RetryClassOf(ErrorCode::kPmsUnavailable), RetryClass::kRetryWithBackoff);
  EXPECT_EQ(RetryClassOf(ErrorCode::kPmsRejected), RetryClass::kPermanent);
  EXPECT_EQ((Error{ErrorCode::kNoAvailability, "sold out"}).ToString(),
            "NO_AVAILABILITY: sold out");
}

TEST(MoneyTest, RequiresAnIsoCurrency) {
  EXPECT_TRUE(Money::Make(1050, "EUR").has_value());
  EXPECT_FALSE(Money::Make(1050, "eur").has_value());
  EXPECT_FALSE(Money::Make(1050, "EURO").has_value());
}

TEST(IdsTest, RestrictsCharactersAndLength) {
  EXPECT_TRUE(ValidateId("property.id", "camping-des-pins_2.a").has_value());
  EXPECT_FALSE(ValidateId("property.id", "").has_value());
  EXPECT_FALSE(ValidateId("property.id", "a:b").has_value());
  EXPECT_FALSE(ValidateId("property.id", "a b").has_value());
  EXPECT_FALSE(ValidateId("property.id", std::string(65, 'a')).has_value());
  EXPECT_NE(ValidateId("property.id", "a{b}").error().message.find("property.id"),
            std::string::npos);
}

TEST(PropertyTest, TimezoneMustBeKnown) {
  Property p{.id = "riviera", .name = "Camping Riviera", .timezone = "Europe/Paris"};
  EXPECT_TRUE(ValidateProperty(p).has_value());
  p.timezone = "Pacific/Kiritimati";
  EXPECT_TRUE(ValidateProperty(p).has_value());
  p.timezone = "Europe/Atlantis";
  auto s = ValidateProperty(p);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("timezone"), std::string::npos);
  EXPECT_EQ(ParseGatewayMode("0").value(), GatewayMode::kClassic);
  EXPECT_EQ(ParseGatewayMode("pms").value(), GatewayMode::kPms);
  EXPECT_FALSE(ParseGatewayMode("2").has_value());
}

TEST(CatalogTest, RefusesDuplicateIds) {
  PmsCatalog catalog{.products = {{"mh4", "Mobile home 4p", 10}, {"mh4", "again", 1}}};
  auto s = ValidatePmsCatalog(catalog);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("declared twice"), std::string::npos);
  std::vector<ChannelProduct> products{{"p1", "P1", {{"o1", "O1"}, {"o1", "O1 again"}}}};
  EXPECT_FALSE(ValidateChannelProducts(products).has_value());
}

TEST(ReservationTest, ValidReservationPasses) {
  EXPECT_TRUE(ValidateReservation(ValidReservation()).has_value());
}

TEST(ReservationTest, EachBadFieldIsNamed) {
  struct Case {
    const char* field;
    void (*mutate)(Reservation&);
  };
  const Case cases[] = {
      {"channel_reservation_id", [](Reservation& r) { r.channel_reservation_id.clear(); }},
      {"guest_name", [](Reservation& r) { r.guest_name.clear(); }},
      {"currency", [](Reservation& r) { r.price.currency = "E"; }},
      {"minor_units", [](Reservation& r) { r.price.minor_units = -1; }},
      {"revision", [](Reservation& r) { r.revision = 0; }},
      {"quantity", [](Reservation& r) { r.options[0].quantity = 0; }},
      {"appears twice", [](Reservation& r) { r.options[1].option = "linen"; }},
      {"departure", [](Reservation& r) { r.stay.departure = r.stay.arrival; }},
  };
  for (const auto& c : cases) {
    Reservation r = ValidReservation();
    c.mutate(r);
    auto s = ValidateReservation(r);
    ASSERT_FALSE(s.has_value()) << c.field;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidReservation);
    EXPECT_NE(s.error().message.find(c.field), std::string::npos) << s.error().message;
  }
}

}  // namespace
}  // namespace chansync::core
