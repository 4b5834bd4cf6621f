#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chansync/pos/posting_routes.h"
#include "chansync/postings/testing/scripted_posting_desk.h"

// The spa's routes under /v1/properties/{p}/spa/: each event's body through SpaPostings to the
// desk's SubmitAll, and the HTTP answers around it.
namespace chansync::pos {
namespace {

using channel::HttpAnswer;
using channel::HttpRequest;
using core::ErrorCode;
using postings::testing::ScriptedPostingDesk;

constexpr char kPrefix[] = "/v1/properties/lodge/spa/";

// An order of one 50 € treatment, paid 50 € by card set up as a prepayment.
constexpr char kOrder[] = R"("spa_id": "trybe", "currency": "EUR",
  "target": {"kind": "account", "id": "Spa"},
  "lines": [{"revenue_centre": "spa", "amount_minor_units": 5000}],
  "payments": [{"number": 1, "amount_minor_units": 5000, "payment_type": "card",
                "prepayment": true, "taken_on": "2026-06-15"}])";
constexpr char kVoucher[] = R"("spa_id": "trybe", "currency": "EUR",
  "target": {"kind": "account", "id": "Spa"}, "price_minor_units": 5000,
  "value_minor_units": 5000)";

std::string Body(const char* members, const std::string& more) {
  return "{" + std::string(members) + ", " + more + "}";
}

HttpRequest Post(const std::string& path, std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.path = kPrefix + path;
  request.body = std::move(body);
  request.headers = {{"Content-Type", "application/json"}};
  return request;
}

bool HasCode(const HttpAnswer& answer, std::string_view code) {
  return answer.body.find("\"code\":\"" + std::string(code) + "\"") != std::string::npos;
}

std::vector<std::string> Ids(const std::vector<postings::Posting>& postings) {
  std::vector<std::string> ids;
  for (const auto& posting : postings) ids.push_back(posting.Id());
  return ids;
}

class SpaRoutesTest : public ::testing::Test {
 protected:
  SpaRoutesTest() {
    postings::PostingSetup setup;
    setup.post_prepayments = true;
    setup.post_offline_membership_payments = true;
    desk_.Script({.setup = setup});
  }

  HttpAnswer Answer(const HttpRequest& request) const { return routes_.Answer(request); }

  ScriptedPostingDesk desk_;
  PostingRoutes routes_{&desk_, nullptr};
};

TEST_F(SpaRoutesTest, EveryEventReachesTheDeskAsItsPostings) {
  struct Case {
    HttpRequest request;
    std::vector<std::string> ids;
  };
  const std::string payment = R"("payment": {"number": 1, "amount_minor_units": 5000,
      "payment_type": "card", "prepayment": true, "taken_on": "2026-06-15"})";
  const std::vector<Case> cases = {
      {Post("orders/O1/payments", Body(kOrder, payment)), {"trybe:O1:101", "trybe:O1:201"}},
      {Post("orders/O1/check-out", Body(kOrder, R"("checked_out_on": "2026-06-17")")),
       {"trybe:O1:301", "trybe:O1:401"}},
      {Post("orders/O1/refund", Body(kOrder, R"("refunded_on": "2026-06-18")")),
       {"trybe:O1:5101", "trybe:O1:5201"}},
      {Post("membership-payments",
            R"({"spa_id": "trybe", "currency": "EUR", "target": {"kind": "stay", "id": "R1"},
                "payment_id": "M7", "amount_minor_units": 9000, "payment_type": "cash",
                "revenue_centre": "membership", "taken_on": "2026-06-15"})"),
       {"trybe:membership.M7:1", "trybe:membership.M7:2"}},
      {Post("vouchers/V1/sale", Body(kVoucher, R"("sold_on": "2026-05-01")")),
       {"trybe:voucher.V1:1"}},
      {Post("vouchers/V1/redemption", Body(kVoucher, R"("redeemed_on": "2026-06-01")")),
       {"trybe:voucher.V1:11", "trybe:voucher.V1:12"}},
      {Post("vouchers/V1/service",
            Body(kVoucher, R"("offer_revenue_centre": "massage", "served_on": "2026-06-20")")),
       {"trybe:voucher.V1:21", "trybe:voucher.V1:22"}},
      {Post("vouchers/V1/refund", Body(kVoucher, R"("refunded_on": "2026-06-22")")),
       {"trybe:voucher.V1:5011", "trybe:voucher.V1:5012"}},
  };
  for (const auto& c : cases) {
    const HttpAnswer answer = Answer(c.request);
    EXPECT_EQ(answer.status, 202) << c.request.path << " " << answer.body;
    EXPECT_EQ(answer.body, R"({"postings":[]})") << "the scripted desk's neutral answer";
    ASSERT_FALSE(desk_.calls().empty());
    EXPECT_EQ(desk_.calls().back().method, "SubmitAll") << c.request.path;
    EXPECT_EQ(desk_.calls().back().property, "lodge");
    EXPECT_EQ(Ids(desk_.last_all()), c.ids) << c.request.path;
  }
}

TEST_F(SpaRoutesTest, ACheckOutPostsOnItsOwnDate) {
  ASSERT_EQ(
      Answer(Post("orders/O1/check-out", Body(kOrder, R"("checked_out_on": "2026-06-17")"))).status,
      202);
  for (const auto& posting : desk_.last_all()) {
    EXPECT_EQ(posting.business_date.ToString(), "2026-06-17") << posting.Id();
  }
}

TEST_F(SpaRoutesTest, TheDesksAcceptancesAreTheAnswer) {
  desk_.Script({.submit_all = std::vector<postings::PostingAccepted>{
                    {.id = "trybe:voucher.V1:1",
                     .state = postings::PostingState::kPosted,
                     .business_date = *core::CivilDate::Parse("2026-05-01"),
                     .duplicate = true}}});
  const HttpAnswer answer =
      Answer(Post("vouchers/V1/sale", Body(kVoucher, R"("sold_on": "2026-05-01")")));
  EXPECT_EQ(answer.status, 202);
  EXPECT_EQ(answer.body, R"({"postings":[{"id":"trybe:voucher.V1:1","state":"posted",)"
                         R"("business_date":"2026-05-01","duplicate":true}]})");
}

TEST_F(SpaRoutesTest, AnEventThatPostsNothingIsAcceptedEmpty) {
  desk_.Script({.setup = postings::PostingSetup{}});  // prepayments are not posted when taken
  const HttpAnswer answer =
      Answer(Post("orders/O1/payments", Body(kOrder, R"("payment": {"number": 1,
          "amount_minor_units": 5000, "payment_type": "card", "taken_on": "2026-06-15"})")));
  EXPECT_EQ(answer.status, 202) << answer.body;
  EXPECT_EQ(answer.body, R"({"postings":[]})");
  for (const auto& call : desk_.calls()) EXPECT_NE(call.method, "SubmitAll");
}

TEST_F(SpaRoutesTest, BadBodiesAreRefusedBeforeTheDesk) {
  const HttpAnswer bad =
      Answer(Post("orders/O1/check-out", Body(kOrder, R"("checked_out_on": 17)")));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(HasCode(bad, "INVALID_ARGUMENT"));
  EXPECT_NE(bad.body.find("checked_out_on: must be a string"), std::string::npos) << bad.body;

  HttpRequest text = Post("vouchers/V1/sale", Body(kVoucher, R"("sold_on": "2026-05-01")"));
  text.headers = {{"Content-Type", "text/plain"}};
  EXPECT_EQ(Answer(text).status, 415);

  // The domain's own rules name their field too: an order checked out without lines.
  const HttpAnswer empty =
      Answer(Post("orders/O1/check-out",
                  R"({"spa_id": "trybe", "currency": "EUR", "target": {"kind": "stay", "id": "R1"},
          "checked_out_on": "2026-06-17"})"));
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("order.lines"), std::string::npos) << empty.body;
  for (const auto& call : desk_.calls()) EXPECT_NE(call.method, "SubmitAll");
}

TEST_F(SpaRoutesTest, TheDesksRefusalsKeepTheirStatus) {
  desk_.Script({.setup = std::unexpected(core::Error{ErrorCode::kNotFound, "no property lodge"})});
  const HttpAnswer unknown =
      Answer(Post("orders/O1/check-out", Body(kOrder, R"("checked_out_on": "2026-06-17")")));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_TRUE(HasCode(unknown, "NOT_FOUND"));
  desk_.Script({.submit_all = std::unexpected(core::Error{ErrorCode::kConflict, "other amounts"})});
  const HttpAnswer conflict =
      Answer(Post("vouchers/V1/sale", Body(kVoucher, R"("sold_on": "2026-05-01")")));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_TRUE(HasCode(conflict, "CONFLICT"));
}

TEST_F(SpaRoutesTest, UnknownSpaRoutesAndMethodsAreNotFound) {
  HttpRequest get = Post("vouchers/V1/sale", "");
  get.method = "GET";
  for (const HttpRequest& request :
       {get, Post("orders/O1/cancel", "{}"), Post("orders/O1", "{}"), Post("vouchers/V1", "{}"),
        Post("membership-payments/M1", "{}"), Post("orders//payments", "{}"),
        Post("gift-cards/G1/sale", "{}"), Post("vouchers/V1/sale/again", "{}")}) {
    const HttpAnswer answer = Answer(request);
    EXPECT_EQ(answer.status, 404) << request.method << " " << request.path;
    EXPECT_TRUE(HasCode(answer, "NOT_FOUND")) << answer.body;
  }
  EXPECT_TRUE(desk_.calls().empty());
}

}  // namespace
}  // namespace chansync::pos
