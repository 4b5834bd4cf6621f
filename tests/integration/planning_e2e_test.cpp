// Planning end to end: real `chansync serve` processes on a real redis-server, computing the
// planning from a real pmssim and pushing it to a real portalsim.
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>

#include "chansync/core/local_time.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/portalsim.h"
#include "chansync/test/process.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPmsData = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12},
               {"id": "chalet", "name": "Chalet", "units": 1}],
  "options": [{"id": "linen", "name": "Bed linen"}],
  "reservations": []}]})";

// Two channels; under multi-link SH-MH4 and BK-MH4 share the units of mh-4p.
std::string Declarations(const std::string& pms_endpoint, const test::PortalSimProcess& portal) {
  return R"({
  "channels": [
    {"id": "secureholiday", "name": "SecureHoliday", "planning_endpoint": ")" +
         portal.PlanningUrl("secureholiday") + R"("},
    {"id": "booking", "name": "Booking", "planning_endpoint": ")" +
         portal.PlanningUrl("booking") + R"("}],
  "properties": [{
    "id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris", "mode": "pms",
    "levels": {"nightly_planning": true, "availability_recheck": true, "auto_integration": true},
    "multi_link": true,
    "pms": {"endpoint": ")" +
         pms_endpoint + R"(", "gateway_id": "RIV-1", "credentials": ""},
    "pms_catalog": {
      "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12},
                   {"id": "chalet", "name": "Chalet", "units": 1}],
      "options": [{"id": "linen", "name": "Bed linen"}]},
    "channel_products": {
      "secureholiday": [{"id": "SH-MH4", "name": "Mobil-home 4", "options": []},
                        {"id": "SH-CHALET", "name": "Chalet", "options": []}],
      "booking": [{"id": "BK-MH4", "name": "Mobile home", "options": []}]},
    "links": [
      {"channel": "secureholiday", "channel_product": "SH-MH4", "pms_product": "mh-4p"},
      {"channel": "secureholiday", "channel_product": "SH-CHALET", "pms_product": "chalet"},
      {"channel": "booking", "channel_product": "BK-MH4", "pms_product": "mh-4p"}]
  }]})";
}

// The property's today, as the service computes it.
core::CivilDate RivieraToday() {
  return *core::LocalDateAt(std::chrono::system_clock::now(), "Europe/Paris");
}

class PlanningE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    pmssim_ = std::make_unique<test::PmsSimProcess>(kPmsData);
    portal_ = std::make_unique<test::PortalSimProcess>();
    declarations_ = files_.path() + "/declarations.json";
    std::ofstream(declarations_) << Declarations(pmssim_->base_url(), *portal_);
    // Stays a month ahead: inside the horizon whatever today is.
    arrival_ = RivieraToday().AddDays(30);
  }

  std::unique_ptr<test::ChansyncServer> StartServer(const std::string& instance) {
    auto server = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(), std::vector<std::string>{"--declarations", declarations_, "--instance",
                                                     instance, "--workers", "1"});
    EXPECT_FALSE(server->http_address().empty()) << server->log();
    return server;
  }

  // What the portal shows for one night; nullopt when nothing was pushed for it.
  std::optional<int> PortalFree(const std::string& channel, const std::string& product,
                                core::CivilDate night) const {
    const std::string body = portal_->Call(
        "/admin/planning?channel=" + channel + "&property=riviera&product=" + product +
        "&from=" + night.ToString() + "&to=" + night.AddDays(1).ToString());
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    if (doc.HasParseError() || !doc.HasMember("nights") || doc["nights"].Empty()) return {};
    return doc["nights"][0]["free"].GetInt();
  }

  int64_t PortalCells() const {
    rapidjson::Document doc;
    doc.Parse(portal_->Call("/admin/stats").c_str());
    return doc["cells"].GetInt64();
  }

  // Waits for the nightly catch-up every fresh service does at start.
  void WaitForNightly(const test::ChansyncServer& server) {
    ASSERT_TRUE(test::WaitUntil(
        [&] {
          auto status = server.Cli({"status", "--property", "riviera", "--json"});
          return status.out.find("\"last_nightly_date\": \"" + RivieraToday().ToString()) !=
                 std::string::npos;
        },
        15s))
        << server.log();
  }

  // Books `product` directly in the PMS, as the front desk would.
  void BookInPms(const std::string& id, const std::string& product, core::CivilDate arrival,
                 int nights) {
    httplib::Client client("127.0.0.1", pmssim_->port());
    const std::string body = R"({"channel": "direct", "channel_reservation_id": ")" + id +
                             R"(", "product": ")" + product + R"(", "stay": {"arrival": ")" +
                             arrival.ToString() + R"(", "departure": ")" +
                             arrival.AddDays(nights).ToString() +
                             R"("}, "guest_name": "Walk-in", "price": {"amount": 10000,
                             "currency": "EUR"}})";
    auto answer = client.Post("/v1/properties/riviera/reservations",
                              httplib::Headers{{"Idempotency-Key", "direct-" + id}}, body,
                              "application/json");
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 201) << answer->body;
  }

  // Pushes a reservation of SH-MH4 as the portal would, over HTTP.
  void PushSale(const test::ChansyncServer& server, const std::string& id,
                const std::string& status = "new", int revision = 1) {
    httplib::Client client("127.0.0.1", server.http_port());
    client.set_bearer_token_auth(server.key());
    const std::string body =
        R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera", "arrival": ")" +
        arrival_.ToString() + R"(", "departure": ")" + arrival_.AddDays(3).ToString() +
        R"(", "guest_name": "Jeanne Martin", "product": "SH-MH4", "status": ")" + status +
        R"(", "revision": )" + std::to_string(revision) +
        R"(, "price": {"amount_minor": 84900, "currency": "EUR"}})";
    auto answer = client.Post("/v1/channels/secureholiday/reservations", body, "application/json");
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 202) << answer->body;
  }

  test::TempDir files_;
  std::string declarations_;
  core::CivilDate arrival_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::PmsSimProcess> pmssim_;
  std::unique_ptr<test::PortalSimProcess> portal_;
};

TEST_F(PlanningE2eTest, ForcedRefreshPushesOnlyWhatChangedAndReportsIt) {
  auto server = StartServer("solo");
  WaitForNightly(*server);
  const core::CivilDate today = RivieraToday();
  // The nightly catch-up pushed the whole horizon of every linked channel product.
  for (const auto& [channel, product, units] :
       {std::tuple{"secureholiday", "SH-MH4", 12}, std::tuple{"secureholiday", "SH-CHALET", 1},
        std::tuple{"booking", "BK-MH4", 12}}) {
    EXPECT_EQ(PortalFree(channel, product, today), units) << channel << "/" << product;
    EXPECT_EQ(PortalFree(channel, product, today.AddDays(364)), units);
    EXPECT_FALSE(PortalFree(channel, product, today.AddDays(365)).has_value());
  }
  EXPECT_EQ(PortalCells(), 3 * 365);

  auto unchanged = server->Cli({"refresh", "--property", "riviera"});
  ASSERT_EQ(unchanged.exit_code, 0) << unchanged.err;
  EXPECT_NE(unchanged.out.find("3 products x 365 days, 0 cells changed"), std::string::npos)
      << unchanged.out;
  EXPECT_EQ(PortalCells(), 3 * 365);

  BookInPms("W1", "chalet", arrival_, 2);
  auto changed = server->Cli({"refresh", "--property", "riviera", "--json"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.out.find("\"cells_changed\": \"2\""), std::string::npos) << changed.out;
  EXPECT_EQ(PortalFree("secureholiday", "SH-CHALET", arrival_), 0);
  EXPECT_EQ(PortalFree("secureholiday", "SH-CHALET", arrival_.AddDays(1)), 0);
  EXPECT_EQ(PortalFree("secureholiday", "SH-CHALET", arrival_.AddDays(2)), 1);
  EXPECT_EQ(PortalCells(), 3 * 365 + 2);

  auto status = server->Cli({"status"});
  EXPECT_NE(status.out.find("forced"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("ok: 2 cells changed"), std::string::npos) << status.out;
}

TEST_F(PlanningE2eTest, AnIntegratedReservationReachesEveryChannelSharingItsUnits) {
  auto server = StartServer("solo");
  WaitForNightly(*server);
  PushSale(*server, "SH-1");
  // Without waiting for midnight: the nights of the stay drop to 11 on both channels that sell
  // mh-4p, the nights around it stay at 12.
  ASSERT_TRUE(test::WaitUntil(
      [&] {
        return PortalFree("secureholiday", "SH-MH4", arrival_) == 11 &&
               PortalFree("booking", "BK-MH4", arrival_.AddDays(2)) == 11;
      },
      5s))
      << server->log();
  EXPECT_EQ(PortalFree("booking", "BK-MH4", arrival_), 11);
  EXPECT_EQ(PortalFree("booking", "BK-MH4", arrival_.AddDays(-1)), 12);
  EXPECT_EQ(PortalFree("booking", "BK-MH4", arrival_.AddDays(3)), 12);

  PushSale(*server, "SH-1", "cancelled", 2);
  ASSERT_TRUE(test::WaitUntil(
      [&] {
        return PortalFree("secureholiday", "SH-MH4", arrival_) == 12 &&
               PortalFree("booking", "BK-MH4", arrival_) == 12;
      },
      5s))
      << server->log();
}

TEST_F(PlanningE2eTest, PmsDownDuringARefreshIsRecordedAndLeavesThePlanningAlone) {
  auto server = StartServer("solo");
  WaitForNightly(*server);
  const int64_t cells = PortalCells();
  pmssim_->Stop();

  auto refresh = server->Cli({"refresh", "--property", "riviera"});
  EXPECT_EQ(refresh.exit_code, 1);
  EXPECT_NE(refresh.err.find("error: PMS_UNAVAILABLE"), std::string::npos) << refresh.err;
  auto status = server->Cli({"status", "--property", "riviera", "--json"});
  EXPECT_NE(status.out.find("\"succeeded\": false"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("\"error_code\": \"PMS_UNAVAILABLE\""), std::string::npos);
  EXPECT_EQ(PortalCells(), cells);
  EXPECT_EQ(PortalFree("secureholiday", "SH-MH4", arrival_), 12);

  pmssim_->Restart();
  auto again = server->Cli({"refresh", "--property", "riviera"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST_F(PlanningE2eTest, ClassicModeRefreshesNothingAndSwitchingBackIsImmediate) {
  auto server = StartServer("solo");
  WaitForNightly(*server);
  ASSERT_EQ(server->Cli({"mode", "--property", "riviera", "classic"}).exit_code, 0);

  auto refused = server->Cli({"refresh", "--property", "riviera"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("error: GATEWAY_CLASSIC_MODE"), std::string::npos);
  auto status = server->Cli({"status", "--property", "riviera", "--json"});
  EXPECT_NE(status.out.find("\"nightly_enabled\": false"), std::string::npos);
  EXPECT_NE(status.out.find("\"next_nightly_at\": \"\""), std::string::npos);

  BookInPms("W1", "mh-4p", arrival_, 1);
  PushSale(*server, "SH-1");  // not integrated in classic mode: no delta either
  ASSERT_TRUE(test::WaitUntil(
      [&] {
        return server->Cli({"integration", "show", "riviera/secureholiday/SH-1"})
                   .out.find("GATEWAY_CLASSIC_MODE") != std::string::npos;
      },
      5s));
  EXPECT_EQ(PortalFree("secureholiday", "SH-MH4", arrival_), 12);

  ASSERT_EQ(server->Cli({"mode", "--property", "riviera", "pms"}).exit_code, 0);
  auto refreshed = server->Cli({"refresh", "--property", "riviera"});
  ASSERT_EQ(refreshed.exit_code, 0) << refreshed.err;
  EXPECT_EQ(PortalFree("secureholiday", "SH-MH4", arrival_), 11);
  EXPECT_EQ(PortalFree("booking", "BK-MH4", arrival_), 11);
}

TEST_F(PlanningE2eTest, TwoInstancesRunTheNightlyRefreshOnce) {
  auto first = StartServer("alpha");
  auto second = StartServer("beta");
  WaitForNightly(*first);
  // Both instances scan every second; give the second several chances to run it again.
  std::this_thread::sleep_for(3s);
  const std::string logs = first->log() + second->log();
  size_t runs = 0;
  for (size_t at = logs.find("nightly refresh riviera"); at != std::string::npos;
       at = logs.find("nightly refresh riviera", at + 1)) {
    if (logs.compare(logs.find(':', at), 5, ": ok ") == 0) ++runs;
  }
  EXPECT_EQ(runs, 1u) << logs;
  EXPECT_EQ(PortalCells(), 3 * 365);
  auto status = second->Cli({"status", "--property", "riviera", "--json"});
  EXPECT_NE(status.out.find("\"kind\": \"nightly\""), std::string::npos) << status.out;
}

}  // namespace
}  // namespace chansync
