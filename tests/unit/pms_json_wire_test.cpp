#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chansync/pms/json_wire.h"

namespace chansync::pms::wire {
namespace {

using core::ErrorCode;
using ::testing::HasSubstr;

core::Stay StayOf(const char* arrival, const char* departure) {
  return *core::Stay::Make(*core::CivilDate::Parse(arrival), *core::CivilDate::Parse(departure));
}

CreateReservationRequest SampleCreate() {
  CreateReservationRequest request;
  request.idempotency_key = "key-1";
  request.channel = "booking";
  request.channel_reservation_id = "4711";
  request.product = "mh-4p";
  request.options = {{"linen", 2}, {"pet", 1}};
  request.stay = StayOf("2026-07-01", "2026-07-08");
  request.guest_name = "Zoë \"Z\" Müller";
  request.price = *core::Money::Make(123456, "EUR");
  request.allow_overbooking = true;
  return request;
}

TEST(PmsJsonWireTest, CreateRequestRoundTripsWithoutTheKey) {
  const auto request = SampleCreate();
  const std::string json = EncodeCreateRequest(request);
  EXPECT_THAT(json, HasSubstr(R"("price":{"amount":123456,"currency":"EUR"})"));
  EXPECT_THAT(json, HasSubstr(R"("stay":{"arrival":"2026-07-01","departure":"2026-07-08"})"));
  EXPECT_THAT(json, ::testing::Not(HasSubstr("key-1")));
  auto decoded = DecodeCreateRequest(json);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().ToString();
  auto expected = request;
  expected.idempotency_key.clear();
  EXPECT_EQ(*decoded, expected);
}

TEST(PmsJsonWireTest, CreateRequestDefaultsAndErrorsNameTheField) {
  auto minimal = DecodeCreateRequest(
      R"({"channel":"c","channel_reservation_id":"1","product":"p","guest_name":"g",
          "stay":{"arrival":"2026-01-01","departure":"2026-01-02"},
          "price":{"amount":0,"currency":"EUR"},"extra":"ignored"})");
  ASSERT_TRUE(minimal.has_value()) << minimal.error().ToString();
  EXPECT_TRUE(minimal->options.empty());
  EXPECT_FALSE(minimal->allow_overbooking);

  const std::pair<const char*, const char*> cases[] = {
      {"not json", "valid JSON"},
      {"[1]", "JSON object"},
      {R"({"channel":1})", "channel"},
      {R"({"channel":"c","channel_reservation_id":"1","product":"p","guest_name":"g",
           "stay":{"arrival":"2026-01-02","departure":"2026-01-02"},
           "price":{"amount":0,"currency":"EUR"}})",
       "stay"},
      {R"({"channel":"c","channel_reservation_id":"1","product":"p","guest_name":"g",
           "stay":{"arrival":"2026-02-30","departure":"2026-03-02"},
           "price":{"amount":0,"currency":"EUR"}})",
       "arrival"},
      {R"({"channel":"c","channel_reservation_id":"1","product":"p","guest_name":"g",
           "stay":{"arrival":"2026-01-01","departure":"2026-01-02"},
           "price":{"amount":1.5,"currency":"EUR"}})",
       "price.amount"},
      {R"({"channel":"c","channel_reservation_id":"1","product":"p","guest_name":"g",
           "stay":{"arrival":"2026-01-01","departure":"2026-01-02"},
           "price":{"amount":1,"currency":"euro"}})",
       "price.currency"},
      {R"({"channel":"c","channel_reservation_id":"1","product":"p","guest_name":"g",
           "options":[{"id":"x","quantity":"2"}],
           "stay":{"arrival":"2026-01-01","departure":"2026-01-02"},
           "price":{"amount":1,"currency":"EUR"}})",
       "quantity"},
  };
  for (const auto& [json, field] : cases) {
    auto decoded = DecodeCreateRequest(json);
    ASSERT_FALSE(decoded.has_value()) << json;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(decoded.error().message, HasSubstr(field)) << json;
  }
}

TEST(PmsJsonWireTest, ReservationsAndCatalogRoundTrip) {
  PmsReservation reservation{"443591RIV",    "booking",
                             "4711",         "chalet",
                             {{"linen", 1}}, StayOf("2026-07-01", "2026-07-03"),
                             "Ann",          *core::Money::Make(5, "CHF"),
                             true,           PmsReservationStatus::kCancelled};
  auto one = DecodeReservation(EncodeReservation(reservation));
  ASSERT_TRUE(one.has_value()) << one.error().ToString();
  EXPECT_EQ(*one, reservation);
  auto many = DecodeReservations(EncodeReservations({reservation, reservation}));
  ASSERT_TRUE(many.has_value());
  EXPECT_EQ(many->size(), 2u);

  std::vector<core::PmsProduct> products{{"a", "A", 3}, {"b", "B", 0}};
  EXPECT_EQ(*DecodeProducts(EncodeProducts(products)), products);
  std::vector<core::PmsOption> options{{"pet", "Pet"}};
  EXPECT_EQ(*DecodeOptions(EncodeOptions(options)), options);
  EXPECT_FALSE(DecodeProducts(R"({"products":[{"id":"a","name":"A"}]})").has_value());
}

TEST(PmsJsonWireTest, AvailabilityMustCoverEveryNight) {
  const auto from = *core::CivilDate::Parse("2026-07-01");
  const auto to = *core::CivilDate::Parse("2026-07-04");
  std::vector<ProductAvailability> grid{{"a", {1, 0, 2}}};
  auto decoded = DecodeAvailability(EncodeAvailability(from, to, grid), from, to);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, grid);

  auto short_grid = DecodeAvailability(R"({"products":[{"id":"a","free":[1,2]}]})", from, to);
  ASSERT_FALSE(short_grid.has_value());
  EXPECT_THAT(short_grid.error().message, HasSubstr("expected 3"));
  EXPECT_FALSE(DecodeAvailability(R"({"products":[{"id":"a","free":[1,-1,2]}]})", from, to));
}

TEST(PmsJsonWireTest, CheckAnswerIsValidated) {
  auto check = DecodeCheck(EncodeCheck("a", StayOf("2026-07-01", "2026-07-02"), {true, 4}));
  ASSERT_TRUE(check.has_value());
  EXPECT_EQ(*check, (CheckResult{true, 4}));
  EXPECT_FALSE(DecodeCheck(R"({"available":"yes","units_left":1})").has_value());
  EXPECT_FALSE(DecodeCheck(R"({"available":true,"units_left":-1})").has_value());
}

TEST(PmsJsonWireTest, FailuresAreClassifiedByStatusAndCode) {
  auto no_room = ClassifyFailure(409, EncodeError("NO_AVAILABILITY", "chalet is full"));
  EXPECT_EQ(no_room.code, ErrorCode::kNoAvailability);
  EXPECT_THAT(no_room.message, HasSubstr("chalet is full"));

  auto conflict = ClassifyFailure(409, EncodeError("CONFLICT", "reservation is cancelled"));
  EXPECT_EQ(conflict.code, ErrorCode::kPmsRejected);
  EXPECT_THAT(conflict.message, HasSubstr("HTTP 409 CONFLICT: reservation is cancelled"));

  EXPECT_EQ(ClassifyFailure(422, EncodeError("INVALID", "bad")).code, ErrorCode::kPmsRejected);
  EXPECT_EQ(ClassifyFailure(404, "").code, ErrorCode::kPmsRejected);
  EXPECT_EQ(ClassifyFailure(500, EncodeError("INTERNAL", "boom")).code, ErrorCode::kPmsUnavailable);

  auto proxy = ClassifyFailure(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(proxy.code, ErrorCode::kPmsUnavailable);
  EXPECT_THAT(proxy.message, HasSubstr("HTTP 502: <html>Bad Gateway</html>"));

  // A 409 whose body is not the contract's error is a rejection, not a lack of units.
  EXPECT_EQ(ClassifyFailure(409, "NO_AVAILABILITY").code, ErrorCode::kPmsRejected);
}

TEST(PmsJsonWireTest, BookErrorsMapToHttp) {
  EXPECT_EQ(HttpErrorFor(ErrorCode::kNoAvailability).status, 409);
  EXPECT_EQ(HttpErrorFor(ErrorCode::kInvalidArgument).status, 422);
  EXPECT_EQ(HttpErrorFor(ErrorCode::kAlreadyExists).code, "IDEMPOTENCY_KEY_REUSED");
  EXPECT_EQ(HttpErrorFor(ErrorCode::kNotFound).status, 404);
  EXPECT_EQ(HttpErrorFor(ErrorCode::kInternal).status, 500);
}

}  // namespace
}  // namespace chansync::pms::wire
