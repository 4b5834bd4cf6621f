// A spa system (Trybe) calling a real `chansync serve` over HTTP and gRPC (docs/postings-api.md,
// "Spa events"), its postings followed into a real pmssim: the seed's deposit scenario, a
// replayed event, a voucher's four moments, and the refusals a spa meets.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "chansync/test/chansync_server.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/process.h"
#include "chansync/test/redis_server.h"
#include "chansync/v1/postings.grpc.pb.h"
#include "sim_folio_postings.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;
using test::BookedOn;
using test::BookedPosting;

// The lodge's internal accounts in pmssim: Deposit is PF001, Deposit Redemption PF002, and the
// spa books walk-in guests' orders on the Spa account, PF003.
constexpr char kSimData[] = R"({"properties": [{"id": "lodge", "name": "Lodge",
  "products": [{"id": "room", "name": "Room", "units": 10}],
  "folios": {"currency": "EUR", "business_date": "2026-06-15",
             "accounts": ["Deposit", "Deposit Redemption", "Spa"], "stays": []}}]})";

// The seed's order: a 50 € treatment for a guest who paid 50 € by card, a prepayment type.
constexpr char kOrder[] = R"("spa_id": "trybe", "currency": "EUR",
  "target": {"kind": "account", "id": "Spa"},
  "lines": [{"revenue_centre": "spa", "amount_minor_units": 5000}],
  "payments": [{"number": 1, "amount_minor_units": 5000, "payment_type": "card",
                "prepayment": true, "taken_on": "2026-06-15"}])";
constexpr char kPayment[] = R"("payment": {"number": 1, "amount_minor_units": 5000,
  "payment_type": "card", "prepayment": true, "taken_on": "2026-06-15"})";

std::string Body(const std::string& members) { return "{" + members + "}"; }

struct Answer {
  int status = -1;
  std::string body;
};

// The acceptances of a 202 answer: id -> (business date, duplicate).
std::map<std::string, std::pair<std::string, bool>> Acceptances(const std::string& body) {
  std::map<std::string, std::pair<std::string, bool>> out;
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  if (!doc.IsObject() || !doc.HasMember("postings")) return out;
  for (const auto& one : doc["postings"].GetArray()) {
    out[one["id"].GetString()] = {one["business_date"].GetString(), one["duplicate"].GetBool()};
  }
  return out;
}

class SpaApiE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_ = new test::RedisServer();
    sim_ = new test::PmsSimProcess(kSimData);
    dir_ = new test::TempDir();
    const std::string declarations = dir_->path() + "/lodge.json";
    std::ofstream(declarations) << R"({"properties": [{"id": "lodge", "name": "Lodge",
        "timezone": "Europe/Paris", "pms": {"endpoint": ")"
                                << sim_->base_url() << R"(", "gateway_id": "LODGE-1"}}]})";
    server_ = new test::ChansyncServer(redis_->endpoint(), {"--declarations", declarations});
    const test::CommandResult setup = server_->Cli({"posting-setup",
                                                    "--property",
                                                    "lodge",
                                                    "--post-prepayments",
                                                    "on",
                                                    "--revenue-centre",
                                                    "spa=OUT-SPA:TC-300",
                                                    "--revenue-centre",
                                                    "massage=OUT-SPA:TC-310",
                                                    "--revenue-centre",
                                                    "vouchers=OUT-VOU:TC-900",
                                                    "--revenue-centre",
                                                    "voucher_redemption=OUT-VOU:TC-901",
                                                    "--revenue-centre",
                                                    "voucher_difference=OUT-VOU:TC-902",
                                                    "--revenue-centre",
                                                    "voucher_discount=OUT-VOU:TC-903",
                                                    "--payment-type",
                                                    "card=SEL-CARD",
                                                    "--payment-type",
                                                    "card.deposit=DEP-CARD",
                                                    "--payment-type",
                                                    "deposit=SEL-DEPOSIT",
                                                    "--payment-type",
                                                    "deposit_redemption=SEL-REDEMPTION"});
    ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
    pos_key_ = new std::string(MakeKey({"--role", "pos", "--property", "lodge"}));
    operator_key_ = new std::string(MakeKey({"--role", "operator", "--name", "olga"}));
  }

  static void TearDownTestSuite() {
    delete operator_key_;
    delete pos_key_;
    delete server_;
    delete dir_;
    delete sim_;
    delete redis_;
  }

  // A key made through the service's KeysService with its vendor key; the key is the last line.
  static std::string MakeKey(std::vector<std::string> args) {
    args.insert(args.begin(), {"keys", "create"});
    const test::CommandResult made = server_->Cli(args);
    EXPECT_EQ(made.exit_code, 0) << made.out << made.err;
    const std::string out = made.out.substr(0, made.out.find_last_not_of('\n') + 1);
    const std::string key = out.substr(out.rfind('\n') + 1);
    EXPECT_TRUE(key.starts_with("csk_")) << made.out;
    return key;
  }

  static Answer Post(const std::string& path, const std::string& body,
                     const std::string& key = *pos_key_) {
    httplib::Client client("127.0.0.1", server_->http_port());
    client.set_read_timeout(10, 0);
    client.set_bearer_token_auth(key);
    auto answer = client.Post("/v1/properties/" + path, body, "application/json");
    if (!answer) return {};
    return {answer->status, answer->body};
  }

  std::unique_ptr<v1::SpaService::Stub> Spa() const {
    return v1::SpaService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  static void Authorize(grpc::ClientContext& context) {
    context.AddMetadata("authorization", "Bearer " + *pos_key_);
    context.set_deadline(std::chrono::system_clock::now() + 20s);
  }

  // The postings pmssim booked on `folio` whose key starts with `prefix`.
  static std::vector<BookedPosting> BookedWith(const std::string& folio,
                                               const std::string& prefix) {
    std::vector<BookedPosting> kept;
    for (BookedPosting& one : BookedOn(*sim_, "lodge", folio)) {
      if (one.key.starts_with(prefix)) kept.push_back(std::move(one));
    }
    return kept;
  }

  // Waits until pmssim booked `count` postings with `prefix` on `folio`; answers them.
  static std::vector<BookedPosting> Booked(const std::string& folio, const std::string& prefix,
                                           size_t count) {
    EXPECT_TRUE(test::WaitUntil([&] { return BookedWith(folio, prefix).size() >= count; }, 30s))
        << folio << ": " << BookedWith(folio, prefix).size() << " booked\n"
        << server_->log();
    return BookedWith(folio, prefix);
  }

  static inline test::RedisServer* redis_ = nullptr;
  static inline test::PmsSimProcess* sim_ = nullptr;
  static inline test::TempDir* dir_ = nullptr;
  static inline test::ChansyncServer* server_ = nullptr;
  static inline std::string* pos_key_ = nullptr;
  static inline std::string* operator_key_ = nullptr;
};

TEST_F(SpaApiE2eTest, TheSeedsPrepaidOrderCheckedOutTwoDaysLaterMakesItsFourPostingsOnce) {
  const Answer paid =
      Post("lodge/spa/orders/O1/payments", Body(std::string(kOrder) + ", " + kPayment));
  ASSERT_EQ(paid.status, 202) << paid.body;
  const std::map<std::string, std::pair<std::string, bool>> at_payment = {
      {"trybe:O1:101", {"2026-06-15", false}}, {"trybe:O1:201", {"2026-06-15", false}}};
  EXPECT_EQ(Acceptances(paid.body), at_payment) << paid.body;

  const std::string check_out = Body(std::string(kOrder) + R"(, "checked_out_on": "2026-06-17")");
  const Answer checked_out = Post("lodge/spa/orders/O1/check-out", check_out);
  ASSERT_EQ(checked_out.status, 202) << checked_out.body;
  const std::map<std::string, std::pair<std::string, bool>> at_check_out = {
      {"trybe:O1:301", {"2026-06-17", false}}, {"trybe:O1:401", {"2026-06-17", false}}};
  EXPECT_EQ(Acceptances(checked_out.body), at_check_out) << checked_out.body;

  // The seed: 50 € on the deposit method and on the PF "Deposit" account the day it was paid;
  // at check-out two days later, -50 € on "Deposit Redemption" and 50 € of spa revenue.
  const std::vector<BookedPosting> spa = {
      {"trybe:O1:101", "payment", 5000, "2026-06-15", "DEP-CARD"},
      {"trybe:O1:401", "charge", 5000, "2026-06-17", "TC-300"}};
  const std::vector<BookedPosting> deposit = {
      {"trybe:O1:201", "payment", 5000, "2026-06-15", "SEL-DEPOSIT"}};
  const std::vector<BookedPosting> redemption = {
      {"trybe:O1:301", "payment", -5000, "2026-06-17", "SEL-REDEMPTION"}};
  EXPECT_EQ(Booked("PF003", "trybe:O1:", 2), spa);
  EXPECT_EQ(Booked("PF001", "trybe:O1:", 1), deposit);
  EXPECT_EQ(Booked("PF002", "trybe:O1:", 1), redemption);

  // The spa sends both events again: answered duplicate, booked once.
  const Answer paid_again =
      Post("lodge/spa/orders/O1/payments", Body(std::string(kOrder) + ", " + kPayment));
  const Answer checked_out_again = Post("lodge/spa/orders/O1/check-out", check_out);
  ASSERT_EQ(paid_again.status, 202) << paid_again.body;
  ASSERT_EQ(checked_out_again.status, 202) << checked_out_again.body;
  for (const auto& answer : {paid_again, checked_out_again}) {
    const auto accepted = Acceptances(answer.body);
    EXPECT_EQ(accepted.size(), 2u) << answer.body;
    for (const auto& [id, accepted_as] : accepted) EXPECT_TRUE(accepted_as.second) << id;
  }
  // A posting the hub queued again would reach pmssim within a second; none may.
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(BookedWith("PF003", "trybe:O1:"), spa);
  EXPECT_EQ(BookedWith("PF001", "trybe:O1:"), deposit);
  EXPECT_EQ(BookedWith("PF002", "trybe:O1:"), redemption);
  const std::string stats = sim_->Call("/admin/stats");
  EXPECT_NE(stats.find(R"("posting_replays":0,)"), std::string::npos) << stats;

  // The same event with other amounts is refused whole.
  std::string other = check_out;
  other.replace(other.find("5000"), 4, "6000");
  EXPECT_EQ(Post("lodge/spa/orders/O1/check-out", other).status, 409);
}

TEST_F(SpaApiE2eTest, AVouchersFourMomentsOverGrpcLandInTheSpaAccount) {
  auto spa = Spa();
  v1::Voucher voucher;
  voucher.set_voucher_id("V9");
  voucher.set_spa_id("trybe");
  voucher.set_currency("EUR");
  voucher.mutable_target()->set_kind(v1::TARGET_KIND_ACCOUNT);
  voucher.mutable_target()->set_id("Spa");
  voucher.set_price_minor_units(4000);  // sold for 40 €, worth 50 €
  voucher.set_value_minor_units(5000);
  const std::string before = "trybe:voucher.V9:";
  auto ids = [](const v1::PostingAcceptances& answer) {
    std::vector<std::string> out;
    for (const auto& one : answer.postings()) out.push_back(one.id());
    return out;
  };

  v1::VoucherSoldRequest sold;
  sold.set_property_id("lodge");
  *sold.mutable_voucher() = voucher;
  sold.set_sold_on("2026-06-10");
  v1::PostingAcceptances answer;
  {
    grpc::ClientContext context;
    Authorize(context);
    const grpc::Status status = spa->VoucherSold(&context, sold, &answer);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(ids(answer), (std::vector<std::string>{before + "1", before + "2"}));
  }
  v1::VoucherRedeemedRequest redeemed;
  redeemed.set_property_id("lodge");
  *redeemed.mutable_voucher() = voucher;
  redeemed.set_redeemed_on("2026-06-15");
  {
    grpc::ClientContext context;
    Authorize(context);
    ASSERT_TRUE(spa->VoucherRedeemed(&context, redeemed, &answer).ok());
    EXPECT_EQ(ids(answer), (std::vector<std::string>{before + "11", before + "12", before + "13"}));
  }
  v1::VoucherServedRequest served;
  served.set_property_id("lodge");
  *served.mutable_voucher() = voucher;
  served.set_offer_revenue_centre("massage");
  served.set_served_on("2026-06-20");
  {
    grpc::ClientContext context;
    Authorize(context);
    ASSERT_TRUE(spa->VoucherServed(&context, served, &answer).ok());
    EXPECT_EQ(ids(answer), (std::vector<std::string>{before + "21", before + "22", before + "23"}));
    for (const auto& one : answer.postings()) EXPECT_EQ(one.business_date(), "2026-06-20");
  }
  v1::VoucherRefundedRequest refunded;
  refunded.set_property_id("lodge");
  *refunded.mutable_voucher() = voucher;
  refunded.set_served_revenue_centre("massage");
  refunded.set_refunded_on("2026-06-22");
  {
    grpc::ClientContext context;
    Authorize(context);
    ASSERT_TRUE(spa->VoucherRefunded(&context, refunded, &answer).ok());
    EXPECT_EQ(answer.postings_size(), 6);
  }

  std::map<std::string, BookedPosting> voucher_postings;
  for (const BookedPosting& one : Booked("PF003", before, 14)) voucher_postings[one.key] = one;
  ASSERT_EQ(voucher_postings.size(), 14u);
  auto booked = [&](const std::string& line) { return voucher_postings[before + line]; };
  // 1. sold: 50 € held in Vouchers, the 10 € below its value in Voucher difference.
  EXPECT_EQ(booked("1"), (BookedPosting{before + "1", "charge", 5000, "2026-06-10", "TC-900"}));
  EXPECT_EQ(booked("2"), (BookedPosting{before + "2", "charge", -1000, "2026-06-10", "TC-902"}));
  // 2. redeemed: out of Voucher redemption, its price into Vouchers, the difference back.
  EXPECT_EQ(booked("11"), (BookedPosting{before + "11", "charge", -5000, "2026-06-15", "TC-901"}));
  EXPECT_EQ(booked("12"), (BookedPosting{before + "12", "charge", 4000, "2026-06-15", "TC-900"}));
  EXPECT_EQ(booked("13"), (BookedPosting{before + "13", "charge", 1000, "2026-06-15", "TC-902"}));
  // 3. served: from Vouchers to the massage's centre, its discount to Voucher discount.
  EXPECT_EQ(booked("21"), (BookedPosting{before + "21", "charge", -4000, "2026-06-20", "TC-900"}));
  EXPECT_EQ(booked("22"), (BookedPosting{before + "22", "charge", 5000, "2026-06-20", "TC-310"}));
  EXPECT_EQ(booked("23"), (BookedPosting{before + "23", "charge", -1000, "2026-06-20", "TC-903"}));
  // 4. refunded: moments 2 and 3 reversed on the refund date.
  for (const std::string line : {"11", "12", "13", "21", "22", "23"}) {
    const BookedPosting original = booked(line);
    const BookedPosting reversal = booked(std::to_string(5000 + std::stoi(line)));
    EXPECT_EQ(reversal.amount, -original.amount) << line;
    EXPECT_EQ(reversal.code, original.code) << line;
    EXPECT_EQ(reversal.date, "2026-06-22") << line;
  }
  int64_t total = 0;
  for (const auto& [key, one] : voucher_postings) total += one.amount;
  EXPECT_EQ(total, 4000) << "the sale's price stays; every later moment adds up to 0";
}

TEST_F(SpaApiE2eTest, ASpaIsRefusedWhatIsNotItsOwnOrNotInShape) {
  const std::string sale = R"({"spa_id": "trybe", "currency": "EUR",
      "target": {"kind": "account", "id": "Spa"}, "price_minor_units": 5000,
      "value_minor_units": 5000, "sold_on": "2026-06-15"})";
  // An unknown property, with a key allowed on every property.
  const Answer unknown = Post("nowhere/spa/vouchers/V1/sale", sale, server_->key());
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(unknown.body.find("NOT_FOUND"), std::string::npos) << unknown.body;
  const Answer unknown_order =
      Post("nowhere/spa/orders/O1/check-out",
           Body(std::string(kOrder) + R"(, "checked_out_on": "2026-06-17")"), server_->key());
  EXPECT_EQ(unknown_order.status, 404) << unknown_order.body;

  const Answer bad = Post("lodge/spa/vouchers/V1/sale",
                          R"({"spa_id": "trybe", "currency": "EUR",
                              "target": {"kind": "account", "id": "Spa"},
                              "price_minor_units": 5000, "value_minor_units": 5000,
                              "sold_on": "15/06/2026"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("sold_on: expected a date as YYYY-MM-DD"), std::string::npos) << bad.body;

  // An operator reads postings but sends no spa events; a pos key acts for its own property.
  const Answer staff = Post("lodge/spa/vouchers/V1/sale", sale, *operator_key_);
  EXPECT_EQ(staff.status, 403) << staff.body;
  EXPECT_NE(staff.body.find("PERMISSION_DENIED"), std::string::npos) << staff.body;
  EXPECT_EQ(Post("nowhere/spa/vouchers/V1/sale", sale).status, 403);

  auto spa = Spa();
  v1::VoucherSoldRequest request;
  request.set_property_id("lodge");
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + *operator_key_);
  v1::PostingAcceptances answer;
  EXPECT_EQ(spa->VoucherSold(&context, request, &answer).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext pos_context;
  Authorize(pos_context);
  const grpc::Status out_of_shape = spa->VoucherSold(&pos_context, request, &answer);
  EXPECT_EQ(out_of_shape.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(out_of_shape.error_message().find("voucher.target.kind"), std::string::npos)
      << out_of_shape.error_message();
}

}  // namespace
}  // namespace chansync
