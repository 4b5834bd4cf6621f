#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chansync/pos/spa_wire.h"

// The spa routes' bodies (docs/postings-api.md, "Spa events"): what each decodes to, every
// field's refusal, and the encoding read back.
namespace chansync::pos::wire {
namespace {

using postings::PostingTarget;

constexpr char kOrder[] = R"("spa_id": "trybe", "currency": "EUR",
  "target": {"kind": "account", "id": "Spa"},
  "lines": [{"revenue_centre": "spa", "amount_minor_units": 5000}],
  "payments": [{"number": 1, "amount_minor_units": 5000, "payment_type": "card",
                "prepayment": true, "taken_on": "2026-06-15"}])";

const std::string kPayment = std::string("{") + kOrder + R"(,
  "payment": {"number": 1, "amount_minor_units": 5000, "payment_type": "card",
              "prepayment": true, "taken_on": "2026-06-15"}})";
const std::string kCheckOut = std::string("{") + kOrder + R"(, "checked_out_on": "2026-06-17"})";
const std::string kRefund =
    std::string("{") + kOrder + R"(, "checked_out_on": "2026-06-17", "refunded_on": "2026-06-18"})";

constexpr char kMembership[] = R"({"spa_id": "trybe", "currency": "EUR",
  "target": {"kind": "stay", "id": "R1001"}, "payment_id": "M7", "amount_minor_units": 9000,
  "payment_type": "cash", "revenue_centre": "membership", "taken_on": "2026-06-15"})";

constexpr char kVoucher[] = R"("spa_id": "trybe", "currency": "EUR",
  "target": {"kind": "account", "id": "Spa"}, "price_minor_units": 4000,
  "value_minor_units": 5000)";

const std::string kSale = std::string("{") + kVoucher + R"(, "sold_on": "2026-05-01"})";
const std::string kRedemption = std::string("{") + kVoucher + R"(, "redeemed_on": "2026-06-01"})";
const std::string kService = std::string("{") + kVoucher +
                             R"(, "offer_revenue_centre": "massage", "served_on": "2026-06-20"})";
const std::string kVoucherRefund =
    std::string("{") + kVoucher +
    R"(, "served_revenue_centre": "massage", "refunded_on": "2026-06-22"})";

core::CivilDate Day(const char* text) { return *core::CivilDate::Parse(text); }

// `body` with the first `from` replaced by `to`; `from` must be there.
std::string Replace(std::string body, const std::string& from, const std::string& to) {
  const size_t at = body.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) body.replace(at, from.size(), to);
  return body;
}

// Every decoder, by its route's last path segment, on property riviera, order O1, voucher V1.
core::Result<postings::SpaEvent> Decode(const std::string& route, const std::string& body) {
  auto as = [](auto decoded) -> core::Result<postings::SpaEvent> {
    if (!decoded) return std::unexpected(decoded.error());
    return postings::SpaEvent(std::move(*decoded));
  };
  if (route == "payments") return as(DecodeSpaPaymentTaken(body, "riviera", "O1"));
  if (route == "check-out") return as(DecodeSpaCheckOut(body, "riviera", "O1"));
  if (route == "refund") return as(DecodeSpaRefund(body, "riviera", "O1"));
  if (route == "membership-payments") return as(DecodeMembershipPayment(body, "riviera"));
  if (route == "sale") return as(DecodeVoucherSale(body, "riviera", "V1"));
  if (route == "redemption") return as(DecodeVoucherRedemption(body, "riviera", "V1"));
  if (route == "service") return as(DecodeVoucherService(body, "riviera", "V1"));
  return as(DecodeVoucherRefund(body, "riviera", "V1"));
}

TEST(SpaWireTest, AnOrdersPaymentDecodesWithTheOrderOfThePath) {
  auto event = DecodeSpaPaymentTaken(kPayment, "riviera", "O1");
  ASSERT_TRUE(event) << event.error().ToString();
  const postings::SpaOrder& order = event->order;
  EXPECT_EQ(order.property, "riviera");
  EXPECT_EQ(order.order_id, "O1");
  EXPECT_EQ(order.spa_id, "trybe");
  EXPECT_EQ(order.currency, "EUR");
  EXPECT_EQ(order.target, (PostingTarget{PostingTarget::Kind::kAccount, "Spa"}));
  ASSERT_EQ(order.lines.size(), 1u);
  EXPECT_EQ(order.lines[0].revenue_centre, "spa");
  EXPECT_EQ(order.lines[0].amount_minor_units, 5000);
  ASSERT_EQ(order.payments.size(), 1u);
  EXPECT_EQ(event->payment.number, 1);
  EXPECT_EQ(event->payment.amount_minor_units, 5000);
  EXPECT_EQ(event->payment.payment_type, "card");
  EXPECT_TRUE(event->payment.prepayment_type);
  EXPECT_EQ(event->payment.taken_on, Day("2026-06-15"));
}

TEST(SpaWireTest, CheckOutAndRefundCarryTheirDates) {
  auto checked_out = DecodeSpaCheckOut(kCheckOut, "riviera", "O1");
  ASSERT_TRUE(checked_out) << checked_out.error().ToString();
  EXPECT_EQ(checked_out->checked_out_on, Day("2026-06-17"));

  auto refunded = DecodeSpaRefund(kRefund, "riviera", "O1");
  ASSERT_TRUE(refunded) << refunded.error().ToString();
  EXPECT_EQ(refunded->checked_out_on, Day("2026-06-17"));
  EXPECT_EQ(refunded->refunded_on, Day("2026-06-18"));
  // Refunded before its check-out; an order without lines or payments is the wire's to accept.
  auto early = DecodeSpaRefund(
      R"({"spa_id": "trybe", "currency": "EUR", "target": {"kind": "stay", "id": "R1"},
          "refunded_on": "2026-06-18"})",
      "riviera", "O1");
  ASSERT_TRUE(early) << early.error().ToString();
  EXPECT_FALSE(early->checked_out_on.has_value());
  EXPECT_TRUE(early->order.lines.empty());
  EXPECT_TRUE(early->order.payments.empty());
}

TEST(SpaWireTest, AMembershipPaymentDecodes) {
  auto payment = DecodeMembershipPayment(kMembership, "riviera");
  ASSERT_TRUE(payment) << payment.error().ToString();
  EXPECT_EQ(payment->property, "riviera");
  EXPECT_EQ(payment->payment_id, "M7");
  EXPECT_EQ(payment->amount_minor_units, 9000);
  EXPECT_EQ(payment->payment_type, "cash");
  EXPECT_EQ(payment->revenue_centre, "membership");
  EXPECT_EQ(payment->taken_on, Day("2026-06-15"));
  EXPECT_EQ(payment->target, (PostingTarget{PostingTarget::Kind::kStay, "R1001"}));
}

TEST(SpaWireTest, AVouchersFourMomentsDecode) {
  auto sale = DecodeVoucherSale(kSale, "riviera", "V1");
  ASSERT_TRUE(sale) << sale.error().ToString();
  EXPECT_EQ(sale->voucher.voucher_id, "V1");
  EXPECT_EQ(sale->voucher.price_minor_units, 4000);
  EXPECT_EQ(sale->voucher.value_minor_units, 5000);
  EXPECT_EQ(sale->sold_on, Day("2026-05-01"));
  auto redemption = DecodeVoucherRedemption(kRedemption, "riviera", "V1");
  ASSERT_TRUE(redemption) << redemption.error().ToString();
  EXPECT_EQ(redemption->redeemed_on, Day("2026-06-01"));
  auto service = DecodeVoucherService(kService, "riviera", "V1");
  ASSERT_TRUE(service) << service.error().ToString();
  EXPECT_EQ(service->offer_centre, "massage");
  EXPECT_EQ(service->served_on, Day("2026-06-20"));
  auto refund = DecodeVoucherRefund(kVoucherRefund, "riviera", "V1");
  ASSERT_TRUE(refund) << refund.error().ToString();
  EXPECT_EQ(refund->served_centre, "massage");
  EXPECT_EQ(refund->refunded_on, Day("2026-06-22"));
  auto unserved = DecodeVoucherRefund(
      Replace(kVoucherRefund, R"("served_revenue_centre": "massage", )", ""), "riviera", "V1");
  ASSERT_TRUE(unserved) << unserved.error().ToString();
  EXPECT_FALSE(unserved->served_centre.has_value());
}

struct Refusal {
  std::string route;
  std::string body;
  std::string message;
};

TEST(SpaWireTest, EveryFieldIsRefusedByName) {
  const std::string lines(R"("lines": [{"revenue_centre": "spa", "amount_minor_units": 5000}])");
  std::string hundred_lines = R"("lines": [)";
  for (int i = 0; i < 100; ++i) {
    hundred_lines +=
        std::string(i ? "," : "") + R"({"revenue_centre": "spa", "amount_minor_units": 1})";
  }
  hundred_lines += "]";
  const std::string payment0(R"({"number": 1, "amount_minor_units": 5000, "payment_type": "card",
                "prepayment": true, "taken_on": "2026-06-15"}])");
  const std::vector<Refusal> refusals = {
      {"check-out", "", "body is not valid JSON"},
      {"check-out", "[]", "body must be a JSON object"},
      {"check-out", Replace(kCheckOut, R"("spa_id": "trybe", )", ""), "spa_id: is required"},
      {"check-out", Replace(kCheckOut, R"("trybe")", "7"), "spa_id: must be a string"},
      {"check-out", Replace(kCheckOut, R"("currency": "EUR",)", ""), "currency: is required"},
      {"check-out", Replace(kCheckOut, R"("target": {"kind": "account", "id": "Spa"},)", ""),
       "target: is required"},
      {"check-out", Replace(kCheckOut, R"({"kind": "account", "id": "Spa"})", "\"Spa\""),
       "target: must be an object"},
      {"check-out", Replace(kCheckOut, R"("account")", R"("room")"),
       "target.kind: must be stay or account"},
      {"check-out", Replace(kCheckOut, R"(, "id": "Spa")", ""), "target.id: is required"},
      {"check-out", Replace(kCheckOut, "{", R"({"property": "other", )"),
       "property: the body names another property than the path"},
      {"check-out", Replace(kCheckOut, "{", R"({"order_id": "O2", )"),
       "order_id: the body names another order than the path"},
      {"check-out", Replace(kCheckOut, lines, R"("lines": {})"), "lines: must be an array"},
      {"check-out", Replace(kCheckOut, lines, R"("lines": [3])"), "lines[0]: must be an object"},
      {"check-out", Replace(kCheckOut, R"("revenue_centre": "spa", )", ""),
       "lines[0].revenue_centre: is required"},
      {"check-out",
       Replace(kCheckOut, R"("spa", "amount_minor_units": 5000)",
               R"("spa", "amount_minor_units": 0)"),
       "lines[0].amount_minor_units: must be above 0"},
      {"check-out",
       Replace(kCheckOut, R"("spa", "amount_minor_units": 5000)",
               R"("spa", "amount_minor_units": "50")"),
       "lines[0].amount_minor_units: must be an integer"},
      {"check-out",
       Replace(kCheckOut, R"("spa", "amount_minor_units": 5000)",
               R"("spa", "amount_minor_units": 99999999999999)"),
       "lines[0].amount_minor_units: must be within"},
      {"check-out", Replace(kCheckOut, lines, hundred_lines), "lines: an order has at most 99"},
      {"check-out", Replace(kCheckOut, R"("payments": [)", R"("payments": "card", "x": [)"),
       "payments: must be an array"},
      {"check-out", Replace(kCheckOut, payment0, "7]"), "payments[0]: must be an object"},
      {"check-out", Replace(kCheckOut, R"("number": 1, )", ""), "payments[0].number: is required"},
      {"check-out", Replace(kCheckOut, R"("number": 1)", R"("number": 100)"),
       "payments[0].number: must be from 1 to 99"},
      {"check-out",
       Replace(kCheckOut, R"("number": 1, "amount_minor_units": 5000)",
               R"("number": 1, "amount_minor_units": -5000)"),
       "payments[0].amount_minor_units: must be above 0"},
      {"check-out", Replace(kCheckOut, R"("payment_type": "card",)", ""),
       "payments[0].payment_type: is required"},
      {"check-out", Replace(kCheckOut, R"("prepayment": true)", R"("prepayment": "yes")"),
       "payments[0].prepayment: must be true or false"},
      {"check-out", Replace(kCheckOut, R"(, "taken_on": "2026-06-15")", ""),
       "payments[0].taken_on: is required"},
      {"check-out", Replace(kCheckOut, R"("2026-06-15")", R"("15/06/2026")"),
       "payments[0].taken_on: expected a date as YYYY-MM-DD"},
      {"check-out", Replace(kCheckOut, R"(, "checked_out_on": "2026-06-17")", ""),
       "checked_out_on: is required"},
      {"check-out", Replace(kCheckOut, R"("2026-06-17")", R"("2026-02-30")"),
       "checked_out_on: expected a date as YYYY-MM-DD"},
      {"payments",
       Replace(kPayment, R"(,
  "payment": {)",
               R"(, "other": {)"),
       "payment: is required"},
      {"payments",
       Replace(kPayment, R"("payment": {"number": 1,)", R"("payment": [], "x": {"number": 1,)"),
       "payment: must be an object"},
      {"payments", Replace(kPayment, R"("payment": {"number": 1,)", R"("payment": {"number": 0,)"),
       "payment.number: must be from 1 to 99"},
      {"refund", Replace(kRefund, R"(, "refunded_on": "2026-06-18")", ""),
       "refunded_on: is required"},
      {"refund", Replace(kRefund, R"("checked_out_on": "2026-06-17")", R"("checked_out_on": 17)"),
       "checked_out_on: must be a string"},
      {"membership-payments", Replace(kMembership, R"("payment_id": "M7", )", ""),
       "payment_id: is required"},
      {"membership-payments", Replace(kMembership, "9000", "0"),
       "amount_minor_units: must be above 0"},
      {"membership-payments", Replace(kMembership, R"("payment_type": "cash",)", ""),
       "payment_type: is required"},
      {"membership-payments", Replace(kMembership, R"("revenue_centre": "membership",)", ""),
       "revenue_centre: is required"},
      {"membership-payments", Replace(kMembership, "2026-06-15", "tomorrow"),
       "taken_on: expected a date as YYYY-MM-DD"},
      {"sale", Replace(kSale, "{", R"({"voucher_id": "V2", )"),
       "voucher_id: the body names another voucher than the path"},
      {"sale", Replace(kSale, R"("price_minor_units": 4000,)", ""),
       "price_minor_units: is required"},
      {"sale", Replace(kSale, "5000", "-1"), "value_minor_units: must be above 0"},
      {"sale", Replace(kSale, R"(, "sold_on": "2026-05-01")", ""), "sold_on: is required"},
      {"redemption", Replace(kRedemption, "2026-06-01", "2026-6-1"),
       "redeemed_on: expected a date as YYYY-MM-DD"},
      {"service", Replace(kService, R"("offer_revenue_centre": "massage", )", ""),
       "offer_revenue_centre: is required"},
      {"service", Replace(kService, R"(, "served_on": "2026-06-20")", ""),
       "served_on: is required"},
      {"refund-voucher", Replace(kVoucherRefund, R"("massage")", "5"),
       "served_revenue_centre: must be a string"},
      {"refund-voucher", Replace(kVoucherRefund, R"(, "refunded_on": "2026-06-22")", ""),
       "refunded_on: is required"},
  };
  for (const Refusal& refusal : refusals) {
    auto decoded = Decode(refusal.route, refusal.body);
    ASSERT_FALSE(decoded) << refusal.route << " " << refusal.body;
    EXPECT_EQ(decoded.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_NE(decoded.error().message.find(refusal.message), std::string::npos)
        << refusal.route << ": " << decoded.error().message << "\n  expected: " << refusal.message;
  }
}

TEST(SpaWireTest, EveryEventEncodesToABodyThatDecodesToItAgain) {
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"payments", kPayment}, {"check-out", kCheckOut},
      {"refund", kRefund},    {"membership-payments", kMembership},
      {"sale", kSale},        {"redemption", kRedemption},
      {"service", kService},  {"refund-voucher", kVoucherRefund}};
  for (const auto& [route, body] : bodies) {
    auto decoded = Decode(route, body);
    ASSERT_TRUE(decoded) << route << ": " << decoded.error().ToString();
    const std::string encoded = EncodeSpaEvent(*decoded);
    EXPECT_NE(encoded.find(R"("property":"riviera")"), std::string::npos) << encoded;
    auto again = Decode(route, encoded);
    ASSERT_TRUE(again) << route << ": " << again.error().ToString() << "\n" << encoded;
    EXPECT_EQ(EncodeSpaEvent(*again), encoded);
    EXPECT_EQ(postings::PropertyOf(*again), "riviera");
  }
  EXPECT_EQ(
      EncodeSpaEvent(*Decode("check-out", kCheckOut)),
      R"({"property":"riviera","spa_id":"trybe","currency":"EUR","target":{"kind":"account",)"
      R"("id":"Spa"},"order_id":"O1","lines":[{"revenue_centre":"spa","amount_minor_units":5000}],)"
      R"("payments":[{"number":1,"amount_minor_units":5000,"payment_type":"card",)"
      R"("prepayment":true,"taken_on":"2026-06-15"}],"checked_out_on":"2026-06-17"})");
}

}  // namespace
}  // namespace chansync::pos::wire
