#include "chansync/core/reservation_json.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "chansync/core/reservation_json_value.h"

namespace chansync::core {
namespace {

constexpr const char* kBody = R"({
  "channel": "secureholiday", "channel_reservation_id": "SH-1001", "property": "riviera",
  "sold_at": "2026-09-01T10:15:00Z", "arrival": "2026-09-01", "departure": "2026-09-08",
  "guest_name": "Jeanne Martin-Lefèvre", "product": "SH-MH4",
  "options": [{"option": "SH-LINGE", "quantity": 2}, {"option": "SH-ANIMAL"}],
  "price": {"amount_minor": 84900, "currency": "EUR"}, "revision": 2, "status": "modified"
})";

TEST(ReservationJsonTest, ParsesEveryField) {
  auto r = ReservationFromJson(kBody);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->channel, "secureholiday");
  EXPECT_EQ(r->stay.Nights(), 7);
  EXPECT_EQ(r->guest_name, "Jeanne Martin-Lefèvre");
  ASSERT_EQ(r->options.size(), 2u);
  EXPECT_EQ(r->options[0].quantity, 2);
  EXPECT_EQ(r->options[1].quantity, 1);
  EXPECT_EQ(r->price.minor_units, 84900);
  EXPECT_EQ(r->revision, 2);
  EXPECT_EQ(r->status, ReservationStatus::kModified);
  EXPECT_EQ(FormatTimestamp(r->sold_at), "2026-09-01T10:15:00.000Z");
}

TEST(ReservationJsonTest, RoundTrips) {
  auto r = ReservationFromJson(kBody);
  ASSERT_TRUE(r.has_value());
  auto again = ReservationFromJson(ReservationToJson(*r));
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(*again, *r);
}

TEST(ReservationJsonTest, ErrorsNameTheField) {
  struct Case {
    std::string body;
    std::string field;
  };
  const std::string base =
      R"("channel_reservation_id": "X1", "property": "riviera", "guest_name": "A",
      "product": "P", "price": {"amount_minor": 100, "currency": "EUR"})";
  const Case cases[] = {
      {"not json", "body"},
      {"[1,2]", "body"},
      {"{" + base + R"(, "arrival": "2026-09-01"})", "departure"},
      {"{" + base + R"(, "arrival": "2026-02-30", "departure": "2026-03-02"})", "arrival"},
      {"{" + base + R"(, "arrival": "2026-09-03", "departure": "2026-09-01"})", "departure"},
      {"{" + base +
           R"(, "arrival": "2026-09-01", "departure": "2026-09-02", "options": [{"quantity": 1}]})",
       "options[0].option"},
      {"{" + base +
           R"(, "arrival": "2026-09-01", "departure": "2026-09-02", "sold_at": "yesterday"})",
       "sold_at"},
      {"{" + base + R"(, "arrival": "2026-09-01", "departure": "2026-09-02", "status": "paid"})",
       "status"},
  };
  for (const auto& c : cases) {
    auto r = ReservationFromJson(c.body, "secureholiday");
    ASSERT_FALSE(r.has_value()) << c.body;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidReservation);
    EXPECT_NE(r.error().message.find(c.field), std::string::npos)
        << c.field << " not in: " << r.error().message;
  }
}

TEST(ReservationJsonTest, ChannelComesFromTheUrlAndMustMatch) {
  auto r = ReservationFromJson(kBody, "secureholiday");
  ASSERT_TRUE(r.has_value());
  auto other = ReservationFromJson(kBody, "campingfrance");
  ASSERT_FALSE(other.has_value());
  EXPECT_NE(other.error().message.find("channel"), std::string::npos);
}

TEST(ReservationJsonTest, AParsedMemberReadsLikeItsText) {
  rapidjson::Document item;
  const std::string text = std::string(R"({"forced": true, "reservation": )") + kBody + "}";
  item.Parse(text.c_str(), text.size());
  ASSERT_FALSE(item.HasParseError());
  auto from_value = ReservationFromJsonValue(item["reservation"], "secureholiday");
  ASSERT_TRUE(from_value.has_value()) << from_value.error().ToString();
  EXPECT_EQ(*from_value, *ReservationFromJson(kBody));
  auto other_channel = ReservationFromJsonValue(item["reservation"], "campingfrance");
  ASSERT_FALSE(other_channel.has_value());
  auto not_an_object = ReservationFromJsonValue(item["forced"]);
  ASSERT_FALSE(not_an_object.has_value());
  EXPECT_EQ(not_an_object.error().code, ErrorCode::kInvalidReservation);
  EXPECT_NE(not_an_object.error().message.find("must be a JSON object"), std::string::npos);
}

}  // namespace
}  // namespace chansync::core
