#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "chansync/auth/authenticator.h"
#include "chansync/auth/authorizer.h"
#include "chansync/auth/guard.h"
#include "chansync/auth/key_manager.h"
#include "chansync/auth/testing/fixed_pairing.h"
#include "chansync/auth/testing/in_memory_key_store.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/pos/posting_routes.h"
#include "chansync/postings/testing/scripted_posting_desk.h"
#include "posting_http_authorizer.h"

namespace chansync::pos {
namespace {

using namespace std::chrono_literals;
using channel::HttpAnswer;
using channel::HttpRequest;
using core::ErrorCode;
using postings::testing::ScriptedPostingDesk;
using Call = ScriptedPostingDesk::Call;

constexpr std::string_view kCharge = R"({
  "kind": "charge", "amount_minor_units": 1250, "currency": "EUR", "tip_minor_units": 200,
  "revenue_centre": "bar", "business_date": "2026-03-14",
  "source": {"pos_id": "bar-1", "ticket_id": "T1001", "line": 1},
  "target": {"kind": "stay", "id": "R214"}})";

constexpr std::string_view kTicket = R"({
  "pos_id": "bar-1", "ticket_id": "T7", "currency": "EUR",
  "target": {"kind": "account", "id": "Deposit"},
  "lines": [{"revenue_centre": "food", "amount_minor_units": 3000},
            {"revenue_centre": "drinks", "amount_minor_units": 1000}],
  "tip_minor_units": 100})";

// A spa's voucher sale and an order's check-out (pos_spa_routes_test.cpp has the others).
constexpr std::string_view kVoucherSale = R"({
  "spa_id": "trybe", "currency": "EUR", "target": {"kind": "account", "id": "Spa"},
  "price_minor_units": 5000, "value_minor_units": 5000, "sold_on": "2026-05-01"})";

constexpr std::string_view kCheckOut = R"({
  "spa_id": "trybe", "currency": "EUR", "target": {"kind": "stay", "id": "R214"},
  "lines": [{"revenue_centre": "spa", "amount_minor_units": 5000}],
  "checked_out_on": "2026-06-17"})";

HttpRequest Request(std::string method, std::string path, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> query = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.query = std::move(query);
  request.body = std::move(body);
  request.headers = {{"Content-Type", "application/json"}};
  return request;
}

bool HasCode(const HttpAnswer& answer, std::string_view code) {
  return answer.body.find("\"code\":\"" + std::string(code) + "\"") != std::string::npos;
}

class PostingRoutesTest : public ::testing::Test {
 protected:
  HttpAnswer Answer(HttpRequest request) const { return routes_.Answer(request); }

  ScriptedPostingDesk desk_;
  PostingRoutes routes_{&desk_, nullptr};
};

TEST_F(PostingRoutesTest, EveryRouteReachesItsDeskMethod) {
  struct Case {
    HttpRequest request;
    int status;
    Call call;
  };
  const std::vector<Case> cases = {
      {Request("GET", "/v1/properties/riviera/guests", "", {{"search", "dup"}}),
       200,
       {"SearchGuests", "riviera", "dup"}},
      {Request("POST", "/v1/properties/riviera/postings", std::string(kCharge)),
       202,
       {"Submit", "riviera", "bar-1:T1001:1"}},
      {Request("POST", "/v1/properties/riviera/tickets", std::string(kTicket)),
       202,
       {"SubmitTicket", "riviera", "bar-1/T7"}},
      {Request("GET", "/v1/properties/riviera/postings/bar-1:T1001:1"),
       200,
       {"Get", "riviera", "bar-1:T1001:1"}},
      {Request("GET", "/v1/properties/riviera/postings", "", {{"day", "2026-03-14"}}),
       200,
       {"Day", "riviera", "2026-03-14"}},
      {Request("POST", "/v1/properties/riviera/postings/bar-1:T1001:1/void"),
       202,
       {"Void", "riviera", "bar-1:T1001:1"}},
      {Request("POST", "/v1/properties/riviera/tickets/bar-1/T7/void"),
       202,
       {"VoidTicket", "riviera", "bar-1/T7"}},
      {Request("POST", "/v1/properties/riviera/postings/bar-1:T1001:1/force"),
       200,
       {"Force", "riviera", "bar-1:T1001:1"}},
  };
  for (const auto& c : cases) {
    const HttpAnswer answer = Answer(c.request);
    EXPECT_EQ(answer.status, c.status)
        << c.request.method << " " << c.request.path << " " << answer.body;
    ASSERT_FALSE(desk_.calls().empty()) << c.request.path;
    EXPECT_EQ(desk_.calls().back(), c.call) << c.request.path;
  }
  EXPECT_EQ(desk_.calls().size(), cases.size());
}

TEST_F(PostingRoutesTest, BodiesBecomeTheDesksPostingsAndTickets) {
  ASSERT_EQ(Answer(Request("POST", "/v1/properties/riviera/postings", std::string(kCharge))).status,
            202);
  const postings::Posting posting = *desk_.last_posting();
  EXPECT_EQ(posting.property, "riviera");
  EXPECT_EQ(posting.amount, (core::Money{1250, "EUR"}));
  EXPECT_EQ(posting.tip_minor_units, 200);
  EXPECT_EQ(posting.revenue_centre, "bar");
  EXPECT_EQ(posting.business_date.ToString(), "2026-03-14");
  EXPECT_EQ(posting.target.id, "R214");

  ASSERT_EQ(Answer(Request("POST", "/v1/properties/riviera/tickets", std::string(kTicket))).status,
            202);
  const postings::RoomChargeTicket ticket = *desk_.last_ticket();
  EXPECT_EQ(ticket.lines.size(), 2u);
  // Without charged_minor_units the whole ticket is charged.
  EXPECT_EQ(ticket.charged_minor_units, 4000);
  EXPECT_EQ(ticket.target.kind, postings::PostingTarget::Kind::kAccount);
  EXPECT_EQ(ticket.business_date, core::CivilDate{});
}

TEST_F(PostingRoutesTest, TheReportFilterIsReadFromTheQuery) {
  EXPECT_EQ(Answer(Request("GET", "/v1/properties/riviera/postings", "",
                           {{"day", "2026-03-14"}, {"state", "failed"}}))
                .status,
            200);
  EXPECT_EQ(desk_.last_day_filter(), postings::PostingState::kFailed);
  for (const auto& query : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {}, {{"day", "14/03/2026"}}, {{"day", "2026-03-14"}, {"state", "lost"}}}) {
    const HttpAnswer answer = Answer(Request("GET", "/v1/properties/riviera/postings", "", query));
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_TRUE(HasCode(answer, "INVALID_ARGUMENT")) << answer.body;
  }
  EXPECT_EQ(Answer(Request("GET", "/v1/properties/riviera/guests")).status, 400);
}

TEST_F(PostingRoutesTest, BadBodiesAreRefusedNamingTheField) {
  const std::map<std::string, std::string> bodies = {
      {"", "body is not valid JSON"},
      {"[1,2]", "body must be a JSON object"},
      {"{\"kind\":", "body is not valid JSON"},
      {R"({"amount_minor_units": 5})", "kind: is required"},
      {R"({"kind": "gift"})", "kind: must be charge or payment"},
      {R"({"kind": "charge", "amount_minor_units": 12.5})",
       "amount_minor_units: must be an integer"},
      {R"({"kind": "charge", "amount_minor_units": 99999999999999, "currency": "EUR"})",
       "amount_minor_units: must be within"},
      {R"({"kind": "charge", "amount_minor_units": 5, "currency": "EUR", "property": "other"})",
       "property: the body names another property"},
      {R"({"kind": "charge", "amount_minor_units": 5, "currency": "EUR", "source": 3})",
       "source: must be an object"},
      {R"({"kind": "charge", "amount_minor_units": 5, "currency": "EUR",
           "source": {"pos_id": "b", "ticket_id": "t", "line": 10000}})",
       "source.line: must be from 1 to 9999"},
      {R"({"kind": "charge", "amount_minor_units": 5, "currency": "EUR",
           "source": {"pos_id": "b", "ticket_id": "t", "line": 1},
           "target": {"kind": "room", "id": "x"}})",
       "target.kind: must be stay or account"},
      {std::string(100, '[') + std::string(100, ']'), "body is not valid JSON"},
  };
  for (const auto& [body, message] : bodies) {
    const HttpAnswer answer = Answer(Request("POST", "/v1/properties/riviera/postings", body));
    EXPECT_EQ(answer.status, 400) << body;
    EXPECT_TRUE(HasCode(answer, "INVALID_ARGUMENT")) << answer.body;
    EXPECT_NE(answer.body.find(message), std::string::npos) << body << " -> " << answer.body;
  }
  const HttpAnswer bad_line =
      Answer(Request("POST", "/v1/properties/riviera/tickets", R"({"pos_id": "b",
        "ticket_id": "t", "currency": "EUR", "target": {"kind": "stay", "id": "R1"},
        "lines": [{"revenue_centre": "food", "amount_minor_units": "12"}]})"));
  EXPECT_EQ(bad_line.status, 400);
  EXPECT_NE(bad_line.body.find("lines[0].amount_minor_units: must be an integer"),
            std::string::npos)
      << bad_line.body;
  EXPECT_TRUE(desk_.calls().empty());
}

TEST_F(PostingRoutesTest, ABodyMustBeJson) {
  HttpRequest request = Request("POST", "/v1/properties/riviera/postings", std::string(kCharge));
  request.headers = {{"Content-Type", "text/plain"}};
  const HttpAnswer answer = Answer(request);
  EXPECT_EQ(answer.status, 415);
  EXPECT_TRUE(HasCode(answer, "INVALID_ARGUMENT"));
  EXPECT_TRUE(desk_.calls().empty());
}

TEST_F(PostingRoutesTest, UnknownRoutesAndMethodsAreNotFound) {
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/v1/properties/riviera"},
           {"GET", "/v1/properties//postings"},
           {"DELETE", "/v1/properties/riviera/postings/x"},
           {"GET", "/v1/properties/riviera/postings/x/void"},
           {"POST", "/v1/properties/riviera/guests"},
           {"POST", "/v1/properties/riviera/tickets/bar/T1"},
           {"POST", "/v1/properties/riviera/postings/x/void/again"},
           {"POST", "/v1/properties/riviera/refunds"}}) {
    const HttpAnswer answer = Answer(Request(method, path));
    EXPECT_EQ(answer.status, 404) << method << " " << path;
    EXPECT_TRUE(HasCode(answer, "NOT_FOUND")) << answer.body;
  }
  EXPECT_TRUE(routes_.Serves("/v1/properties/riviera/postings"));
  EXPECT_FALSE(routes_.Serves("/v1/channels/secureholiday/reservations"));
  EXPECT_FALSE(routes_.Serves("/healthz"));
}

TEST_F(PostingRoutesTest, TheDesksErrorsKeepTheirCodesAndStatuses) {
  desk_.Script({.void_posting = std::unexpected(
                    core::Error{ErrorCode::kVoidWindowClosed, "ticket of 2026-03-14, void on 16"}),
                .get = std::unexpected(core::Error{ErrorCode::kNotFound, "no posting x"}),
                .force = std::unexpected(core::Error{ErrorCode::kStoreUnavailable, "down"})});
  const HttpAnswer closed = Answer(Request("POST", "/v1/properties/riviera/postings/x/void"));
  EXPECT_EQ(closed.status, 422);
  EXPECT_TRUE(HasCode(closed, "VOID_WINDOW_CLOSED")) << closed.body;
  EXPECT_EQ(Answer(Request("GET", "/v1/properties/riviera/postings/x")).status, 404);
  const HttpAnswer down = Answer(Request("POST", "/v1/properties/riviera/postings/x/force"));
  EXPECT_EQ(down.status, 503);
  EXPECT_TRUE(HasCode(down, "STORE_UNAVAILABLE"));
}

TEST_F(PostingRoutesTest, AnswersAreTheWireJson) {
  postings::PostingAccepted accepted{.id = "bar-1:T1001:1",
                                     .state = postings::PostingState::kPending,
                                     .business_date = *core::CivilDate::Parse("2026-03-14"),
                                     .duplicate = true};
  desk_.Script({.submit = accepted});
  const HttpAnswer answer =
      Answer(Request("POST", "/v1/properties/riviera/postings", std::string(kCharge)));
  EXPECT_EQ(answer.body, R"({"id":"bar-1:T1001:1","state":"pending","business_date":"2026-03-14",)"
                         R"("duplicate":true})");
}

TEST(PostingRoutesWithoutDeskTest, EveryAdmittedRequestIsUnimplemented) {
  PostingRoutes routes(nullptr, nullptr);
  const HttpAnswer answer = routes.Answer(Request("GET", "/v1/properties/riviera/postings/x"));
  EXPECT_EQ(answer.status, 501);
  EXPECT_TRUE(HasCode(answer, "UNIMPLEMENTED")) << answer.body;
  EXPECT_NE(answer.body.find("postings"), std::string::npos);
}

// Each role against each route, through the service's own guard.
class PostingRoutesAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_["pos"] = Issue({.role = auth::Role::kPos, .property = "riviera"});
    keys_["pos-other"] = Issue({.role = auth::Role::kPos, .property = "other"});
    keys_["portal"] = Issue({.role = auth::Role::kPortal, .channel = "secureholiday"});
    keys_["operator"] = Issue({.role = auth::Role::kOperator});
    keys_["admin"] = Issue({.role = auth::Role::kAdmin});
    keys_["vendor"] = Issue({.role = auth::Role::kVendor});
    pairing_.Pair("riviera", "secureholiday");
  }

  std::string Issue(const auth::KeyRequest& request) {
    auto issued = manager_.Create(request);
    EXPECT_TRUE(issued.has_value());
    return issued->text;
  }

  HttpAnswer AnswerAs(const std::string& who, HttpRequest request) {
    if (!who.empty()) request.headers.emplace_back("Authorization", "Bearer " + keys_[who]);
    return routes_.Answer(request);
  }

  core::testing::FakeClock clock_{core::Timestamp(std::chrono::hours(24 * 20000))};
  auth::testing::InMemoryKeyStore store_;
  auth::KeyManager manager_{store_, clock_};
  auth::Authenticator authenticator_{store_, clock_, 0ms};
  auth::testing::FixedPairing pairing_;
  auth::Authorizer authorizer_{pairing_};
  ScriptedPostingDesk desk_;
  PostingRoutes routes_{&desk_, app::MakePostingAuthorizer({authenticator_, authorizer_})};
  std::map<std::string, std::string> keys_;
};

TEST_F(PostingRoutesAuthTest, EachRoleReachesExactlyItsRoutes) {
  struct Route {
    HttpRequest request;
    std::set<std::string> allowed;
  };
  const std::set<std::string> till = {"pos", "vendor"};
  const std::set<std::string> readers = {"pos", "operator", "admin", "vendor"};
  const std::set<std::string> staff = {"operator", "admin", "vendor"};
  const std::vector<Route> routes = {
      {Request("GET", "/v1/properties/riviera/guests", "", {{"search", "dup"}}), till},
      {Request("POST", "/v1/properties/riviera/postings", std::string(kCharge)), till},
      {Request("POST", "/v1/properties/riviera/tickets", std::string(kTicket)), till},
      {Request("POST", "/v1/properties/riviera/postings/x/void"), till},
      {Request("POST", "/v1/properties/riviera/tickets/bar-1/T7/void"), till},
      {Request("GET", "/v1/properties/riviera/postings/x"), readers},
      {Request("GET", "/v1/properties/riviera/postings", "", {{"day", "2026-03-14"}}), readers},
      {Request("POST", "/v1/properties/riviera/postings/x/force"), staff},
      {Request("POST", "/v1/properties/riviera/spa/vouchers/V1/sale", std::string(kVoucherSale)),
       till},
      {Request("POST", "/v1/properties/riviera/spa/orders/O1/check-out", std::string(kCheckOut)),
       till},
  };
  for (const auto& route : routes) {
    for (const std::string who : {"pos", "pos-other", "portal", "operator", "admin", "vendor"}) {
      const size_t calls_before = desk_.calls().size();
      const HttpAnswer answer = AnswerAs(who, route.request);
      const bool allowed = route.allowed.contains(who);
      SCOPED_TRACE(who + " " + route.request.method + " " + route.request.path + ": " +
                   answer.body);
      if (allowed) {
        EXPECT_LT(answer.status, 300);
        EXPECT_GT(desk_.calls().size(), calls_before);
      } else {
        EXPECT_EQ(answer.status, 403);
        EXPECT_TRUE(HasCode(answer, "PERMISSION_DENIED"));
        EXPECT_EQ(desk_.calls().size(), calls_before);
      }
    }
  }
}

TEST_F(PostingRoutesAuthTest, APosKeyOfAnotherPropertyLearnsNothing) {
  const HttpAnswer other = AnswerAs(
      "pos-other", Request("POST", "/v1/properties/riviera/postings", std::string(kCharge)));
  EXPECT_EQ(other.status, 403);
  EXPECT_TRUE(HasCode(other, "PERMISSION_DENIED"));
  EXPECT_EQ(other.body.find("riviera"), std::string::npos);
  // An unknown property is refused with the same answer.
  const HttpAnswer unknown = AnswerAs(
      "pos-other", Request("POST", "/v1/properties/nowhere/postings", std::string(kCharge)));
  EXPECT_EQ(unknown.body.find("nowhere"), std::string::npos);
  EXPECT_EQ(unknown.status, other.status);
  EXPECT_TRUE(desk_.calls().empty());
}

TEST_F(PostingRoutesAuthTest, NoKeyOrAWrongOneIsUnauthenticated) {
  const HttpAnswer none = AnswerAs("", Request("GET", "/v1/properties/riviera/postings/x"));
  EXPECT_EQ(none.status, 401);
  EXPECT_TRUE(HasCode(none, "UNAUTHENTICATED"));
  keys_["forged"] = "csk_0123456789abcdef_" + std::string(64, '0');
  EXPECT_EQ(AnswerAs("forged", Request("GET", "/v1/properties/riviera/postings/x")).status, 401);
  EXPECT_TRUE(desk_.calls().empty());
}

TEST_F(PostingRoutesAuthTest, WithoutADeskARefusalStillComesFirst) {
  PostingRoutes without(nullptr, app::MakePostingAuthorizer({authenticator_, authorizer_}));
  HttpRequest request = Request("GET", "/v1/properties/riviera/postings/x");
  EXPECT_EQ(without.Answer(request).status, 401);
  request.headers.emplace_back("Authorization", "Bearer " + keys_["pos"]);
  EXPECT_EQ(without.Answer(request).status, 501);
}

}  // namespace
}  // namespace chansync::pos
