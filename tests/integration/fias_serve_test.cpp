// `chansync serve` with a property on FIAS: a till's posting over the postings HTTP API is
// booked in fiassim's folio exactly once, and a property on HTTP keeps its HTTP PMS.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <fstream>
#include <memory>
#include <string>

#include "chansync/test/chansync_server.h"
#include "chansync/test/fiassim.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kGuests[] = R"({"guests": [
  {"room": "101", "guest": "4711", "name": "Müller", "first_name": "Anna"}]})";

constexpr char kKey[] = "000102030405060708090a0b0c0d0e0f";

std::string Declarations(int fias_port, const std::string& key) {
  return R"({"channels": [], "properties": [{"id": "spa-hotel", "name": "Spa Hotel",
    "timezone": "Europe/Paris",
    "pms": {"kind": "fias", "host": "127.0.0.1", "port": )" +
         std::to_string(fias_port) + R"(, "code_page": "CP850", "auth_key": ")" + key + R"("}}]})";
}

class FiasServeTest : public ::testing::Test {
 protected:
  explicit FiasServeTest(const std::string& key = {})
      : sim_(kGuests,
             key.empty() ? std::vector<std::string>{} : std::vector<std::string>{"--key", key}) {
    const std::string declarations = dir_.path() + "/declarations.json";
    std::ofstream(declarations) << Declarations(sim_.fias_port(), key);
    server_ = std::make_unique<test::ChansyncServer>(
        redis_.endpoint(), std::vector<std::string>{"--declarations", declarations});
  }

  httplib::Result Send(const std::string& method, const std::string& path,
                       const std::string& body = {}) {
    httplib::Client client("127.0.0.1", server_->http_port());
    client.set_read_timeout(10, 0);
    const httplib::Headers headers{{"Authorization", server_->bearer()}};
    if (method == "GET") return client.Get(path, headers);
    return client.Post(path, headers, body, "application/json");
  }

  std::string PostingState(const std::string& id) {
    auto answer = Send("GET", "/v1/properties/spa-hotel/postings/" + id);
    if (!answer || answer->status != 200) return "";
    rapidjson::Document doc;
    doc.Parse(answer->body.c_str());
    return doc.HasMember("state") ? doc["state"].GetString() : "";
  }

  test::TempDir dir_;
  test::RedisServer redis_;
  test::FiasSimProcess sim_;
  std::unique_ptr<test::ChansyncServer> server_;
};

TEST_F(FiasServeTest, ATillsPostingLandsInTheFiasFolioOnce) {
  const auto setup = server_->Cli(
      {"posting-setup", "--property", "spa-hotel", "--revenue-centre", "spa=SPA1:4100"});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  // The link comes up at start, before any posting.
  ASSERT_TRUE(test::WaitUntil(
      [&] { return sim_.Call("/status").find(R"("alive":true)") != std::string::npos; }));

  const std::string posting = R"({"kind": "charge", "amount_minor_units": 4550,
    "currency": "EUR", "tip_minor_units": 450, "revenue_centre": "spa",
    "source": {"pos_id": "spa-desk", "ticket_id": "T1", "line": 1},
    "target": {"kind": "stay", "id": "4711"}})";
  auto accepted = Send("POST", "/v1/properties/spa-hotel/postings", posting);
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 202) << accepted->body;
  auto again = Send("POST", "/v1/properties/spa-hotel/postings", posting);  // a till's resend
  ASSERT_TRUE(again);
  EXPECT_THAT(again->body, HasSubstr(R"("duplicate":true)"));

  ASSERT_TRUE(test::WaitUntil([&] { return PostingState("spa-desk:T1:1") == "posted"; }, 20s))
      << PostingState("spa-desk:T1:1") << server_->log();
  const std::string postings = sim_.Call("/postings");
  EXPECT_THAT(postings, HasSubstr(R"("booked_total":1)"));
  EXPECT_THAT(sim_.Call("/folios"),
              HasSubstr(R"("4711":{"room":"101","balance":5000,"postings":1})"));

  // The guest search of a till goes to the interface's guests.
  auto guests = Send("GET", "/v1/properties/spa-hotel/guests?search=m%C3%BCller");
  ASSERT_TRUE(guests);
  EXPECT_EQ(guests->status, 200) << guests->body;
  EXPECT_THAT(guests->body, HasSubstr("4711"));
}

TEST_F(FiasServeTest, PmsLinkStatusShowsTheRelayUpThenDown) {
  ASSERT_TRUE(test::WaitUntil(
      [&] { return sim_.Call("/status").find(R"("alive":true)") != std::string::npos; }));
  const auto setup = server_->Cli(
      {"posting-setup", "--property", "spa-hotel", "--revenue-centre", "spa=SPA1:4100"});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  auto accepted = Send("POST", "/v1/properties/spa-hotel/postings",
                       R"({"kind": "charge", "amount_minor_units": 1200, "currency": "EUR",
    "revenue_centre": "spa", "source": {"pos_id": "spa-desk", "ticket_id": "T9", "line": 1},
    "target": {"kind": "stay", "id": "4711"}})");
  ASSERT_TRUE(accepted);
  ASSERT_TRUE(test::WaitUntil([&] { return PostingState("spa-desk:T9:1") == "posted"; }, 20s));

  auto up = server_->Cli({"pms-link", "status", "--property", "spa-hotel"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.out, HasSubstr("spa-hotel  127.0.0.1:" + std::to_string(sim_.fias_port()) +
                                "  OK since "));
  EXPECT_THAT(up.out, HasSubstr("P#"));
  EXPECT_THAT(up.out, HasSubstr("TA1200"));
  EXPECT_THAT(up.out, HasSubstr("ASOK")) << "the PA is the last acknowledged and the success";

  sim_.Call("/faults", R"({"refuse_handshake": true})");
  sim_.Call("/drop", "{}");
  EXPECT_TRUE(test::WaitUntil([&] {
    return server_->Cli({"pms-link", "status"}).out.find("RELAY DOWN since") != std::string::npos;
  }));
  auto json = server_->Cli({"pms-link", "status", "--property", "spa-hotel", "--json"});
  EXPECT_THAT(json.out, HasSubstr(R"("ok": false)"));
  EXPECT_THAT(json.out, HasSubstr(R"("link_failure": ")"));
  EXPECT_THAT(json.out, Not(HasSubstr(R"("link_failure": "")"))) << "down, and why";

  auto unknown = server_->Cli({"pms-link", "status", "--property", "nowhere"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_THAT(unknown.err, HasSubstr("NOT_FOUND"));
}

// The interface's key is kept as the property's PMS credentials: sealed at rest, opened to
// make the handshake's cryptogram.
class KeyedFiasServeTest : public FiasServeTest {
 protected:
  KeyedFiasServeTest() : FiasServeTest(kKey) {}
};

TEST_F(KeyedFiasServeTest, TheLinkKeyIsSealedAndOpensTheLink) {
  EXPECT_TRUE(test::WaitUntil([&] {
    return sim_.Call("/status").find(R"("alive":true)") != std::string::npos;
  })) << server_->log();
  auto properties = redis_.NewPool()->Command({"HGET", "cs:properties", "spa-hotel"});
  ASSERT_TRUE(properties);
  const std::string stored(properties->str);
  EXPECT_THAT(stored, HasSubstr("sealed_credentials"));
  EXPECT_EQ(stored.find(kKey), std::string::npos);
}

}  // namespace
}  // namespace chansync
