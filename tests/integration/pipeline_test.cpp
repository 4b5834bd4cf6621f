// The reservation pipeline end to end, all real processes: redis-server, pmssim and
// `chansync serve` (HTTP ingest, queue, workers, PMS client, integration log, operator CLI).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "chansync/integration/integration_log.h"
#include "chansync/integration/redis_integration_log.h"
#include "chansync/redis/redis.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

using core::ErrorCode;
using integration::IntegrationStatus;
using namespace std::chrono_literals;

constexpr char kPmsData[] = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 12},
               {"id": "chalet", "name": "Chalet", "units": 5},
               {"id": "pitch", "name": "Pitch", "units": 30}],
  "options": [{"id": "linen", "name": "Bed linen"}, {"id": "pet", "name": "Pet"}]}]})";

std::string Declarations(const std::string& pms_endpoint) {
  return R"({"channels": [{"id": "sh", "name": "SecureHoliday"}, {"id": "cf", "name": "Camping France"},
                          {"id": "bd", "name": "Book Direct"}],
  "properties": [{"id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris",
    "multi_link": true, "pms": {"endpoint": ")" +
         pms_endpoint + R"(", "gateway_id": "RIV-1"},
    "pms_catalog": {"products": [{"id": "mh-4p", "units": 12}, {"id": "chalet", "units": 5},
                                 {"id": "pitch", "units": 30}],
                    "options": [{"id": "linen"}, {"id": "pet"}]},
    "channel_products": {
      "sh": [{"id": "SH-MH4", "options": [{"id": "SH-LINGE"}, {"id": "SH-ANIMAL"}]},
             {"id": "SH-CHALET"}, {"id": "SH-PITCH"}],
      "cf": [{"id": "CF-CHALET"}], "bd": [{"id": "BD-CHALET"}]},
    "links": [{"channel": "sh", "channel_product": "SH-MH4", "pms_product": "mh-4p",
               "options": {"SH-LINGE": "linen"}},
              {"channel": "sh", "channel_product": "SH-CHALET", "pms_product": "chalet"},
              {"channel": "cf", "channel_product": "CF-CHALET", "pms_product": "chalet"},
              {"channel": "bd", "channel_product": "BD-CHALET", "pms_product": "chalet"}]}]})";
}

std::string ReservationJson(const std::string& id, const std::string& product,
                            const std::string& options = "[]", int revision = 1,
                            const std::string& status = "new",
                            const std::string& departure = test::DayOfMonthAhead(8)) {
  return R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera",
    "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + departure +
         R"(", "guest_name": "Guest )" + id + R"(", "product": ")" + product + R"(", "options": )" +
         options + R"(, "price": {"amount_minor": 84900, "currency": "EUR"}, "revision": )" +
         std::to_string(revision) + R"(, "status": ")" + status + R"("})";
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    // Threads to spare: every kept-alive worker connection holds one, and tests call it too.
    pms_ = std::make_unique<test::PmsSimProcess>(kPmsData,
                                                 std::vector<std::string>{"--threads", "64"});
    declarations_ = dir_.path() + "/declarations.json";
    std::ofstream(declarations_) << Declarations(pms_->base_url());
    pool_ = redis_->NewPool(4);
    log_ = std::make_unique<integration::RedisIntegrationLog>(*pool_);
  }

  void StartServer(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--declarations",   declarations_, "--pms-attempts", "3",
                                  "--pms-backoff-ms", "100"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<test::ChansyncServer>(redis_->endpoint(), args);
  }

  // POSTs to the HTTP ingest; returns the HTTP status.
  int Push(const std::string& channel, const std::string& body) {
    httplib::Client client("127.0.0.1", server_->http_port());
    client.set_bearer_token_auth(server_->key());
    client.set_read_timeout(10, 0);
    auto answer = client.Post(("/v1/channels/" + channel + "/reservations").c_str(), body,
                              "application/json");
    return answer ? answer->status : -1;
  }

  std::optional<integration::IntegrationRecord> Record(const std::string& channel,
                                                       const std::string& id) {
    auto record = log_->Get({"riviera", channel, id});
    EXPECT_TRUE(record.has_value()) << record.error().ToString();
    return record ? *record : std::nullopt;
  }

  // Waits until the reservation has left `pending` (or has `want`), and returns its record.
  integration::IntegrationRecord Settled(const std::string& channel, const std::string& id,
                                         std::optional<IntegrationStatus> want = std::nullopt,
                                         std::chrono::milliseconds timeout = 20s) {
    std::optional<integration::IntegrationRecord> record;
    const bool done = test::WaitUntil(
        [&] {
          record = Record(channel, id);
          if (!record) return false;
          return want ? record->status == *want : record->status != IntegrationStatus::kPending;
        },
        timeout);
    EXPECT_TRUE(done) << channel << "/" << id << " did not settle; log:\n" << server_->log();
    return record.value_or(integration::IntegrationRecord{});
  }

  rapidjson::Document PmsReservations() {
    rapidjson::Document doc;
    doc.Parse(pms_->Call("/v1/properties/riviera/reservations").c_str());
    return doc;
  }

  test::TempDir dir_;
  std::string declarations_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::PmsSimProcess> pms_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<integration::RedisIntegrationLog> log_;
  std::unique_ptr<test::ChansyncServer> server_;
};

TEST_F(PipelineTest, APushedReservationIsIntegratedInThePms) {
  StartServer();
  ASSERT_EQ(
      Push("sh", ReservationJson("R1", "SH-MH4", R"([{"option": "SH-LINGE", "quantity": 2}])")),
      202);
  auto record = Settled("sh", "R1");
  ASSERT_EQ(record.status, IntegrationStatus::kIntegrated)
      << (record.error ? record.error->ToString() : "");
  EXPECT_FALSE(record.pms_reservation_id.empty());
  EXPECT_EQ(record.attempts, 1);

  rapidjson::Document in_pms;
  in_pms.Parse(
      pms_->Call("/v1/properties/riviera/reservations/" + record.pms_reservation_id).c_str());
  ASSERT_TRUE(in_pms.IsObject());
  EXPECT_STREQ(in_pms["product"].GetString(), "mh-4p");
  EXPECT_STREQ(in_pms["options"][0]["id"].GetString(), "linen");
  EXPECT_EQ(in_pms["options"][0]["quantity"].GetInt(), 2);

  auto listed = server_->Cli({"integrations", "--property", "riviera", "--month",
                              test::MonthAhead(), "--by", "stay", "--succeeded"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("1 reservation"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find(record.pms_reservation_id), std::string::npos) << listed.out;
}

TEST_F(PipelineTest, PmsCatalogIsReadFromThePmsAtStartAndOnDemand) {
  pms_->Call("/admin/properties/riviera/products/lodge", R"({"units": 3, "name": "Lodge"})");
  StartServer();
  const bool synced_at_start = test::WaitUntil([&] {
    return server_->Cli({"products", "--property", "riviera", "--json"}).out.find("\"lodge\"") !=
           std::string::npos;
  });
  EXPECT_TRUE(synced_at_start) << server_->log();

  pms_->Call("/admin/properties/riviera/products/yurt", R"({"units": 2, "name": "Yurt"})");
  auto synced = server_->Cli({"catalog", "sync", "--property", "riviera"});
  ASSERT_EQ(synced.exit_code, 0) << synced.err;
  EXPECT_NE(synced.out.find("5 products, 2 options"), std::string::npos) << synced.out;
  auto products = server_->Cli({"products", "--property", "riviera"});
  EXPECT_NE(products.out.find("yurt"), std::string::npos) << products.out;

  pms_->Call("/admin/faults", R"({"down": true})");
  auto down = server_->Cli({"catalog", "sync", "--property", "riviera"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("PMS_UNAVAILABLE"), std::string::npos) << down.err;
  EXPECT_NE(server_->Cli({"products", "--property", "riviera"}).out.find("yurt"),
            std::string::npos);  // a PMS outage leaves the catalog as it was
}

TEST_F(PipelineTest, EachFailureReasonIsRecordedWithItsCode) {
  StartServer();
  ASSERT_EQ(Push("sh", ReservationJson("NOLINK", "SH-PITCH")), 202);
  ASSERT_EQ(Push("sh", ReservationJson("NOOPT", "SH-MH4", R"([{"option": "SH-ANIMAL"}])")), 202);
  EXPECT_EQ(Settled("sh", "NOLINK").error->code, ErrorCode::kProductNotLinked);
  EXPECT_EQ(Settled("sh", "NOOPT").error->code, ErrorCode::kOptionNotLinked);

  pms_->Call("/admin/properties/riviera/products/pitch", R"({"units": 0})");
  pms_->Call("/admin/properties/riviera/products/mh-4p", R"({"units": 0})");
  ASSERT_EQ(Push("sh", ReservationJson("FULL", "SH-MH4")), 202);
  auto full = Settled("sh", "FULL");
  EXPECT_EQ(full.status, IntegrationStatus::kFailed);
  EXPECT_EQ(full.error->code, ErrorCode::kNoAvailability);
  pms_->Call("/admin/properties/riviera/products/mh-4p", R"({"units": 12})");

  pms_->Call("/admin/faults", R"({"reject_next": 1, "reject_message": "guest is blacklisted"})");
  ASSERT_EQ(Push("sh", ReservationJson("REJ", "SH-MH4")), 202);
  auto rejected = Settled("sh", "REJ");
  EXPECT_EQ(rejected.error->code, ErrorCode::kPmsRejected);
  EXPECT_NE(rejected.error->message.find("blacklisted"), std::string::npos)
      << rejected.error->message;

  // An invalid reservation is refused at the door: never accepted, never in the log.
  EXPECT_EQ(Push("sh", ReservationJson("BAD", "SH-MH4", "[]", 1, "new", test::DayOfMonthAhead(1))),
            400);
  EXPECT_FALSE(Record("sh", "BAD").has_value());

  ASSERT_EQ(server_->Cli({"mode", "--property", "riviera", "--integration", "off"}).exit_code, 0);
  ASSERT_EQ(Push("sh", ReservationJson("WAIT", "SH-MH4")), 202);
  auto waiting = Settled("sh", "WAIT", IntegrationStatus::kPending, 10s);
  test::WaitUntil([&] { return Record("sh", "WAIT")->error.has_value(); });
  EXPECT_EQ(Record("sh", "WAIT")->error->code, ErrorCode::kAwaitingOperator);
  auto forced = server_->Cli({"force", "riviera/sh/WAIT"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(Settled("sh", "WAIT", IntegrationStatus::kIntegrated).status,
            IntegrationStatus::kIntegrated);

  ASSERT_EQ(server_->Cli({"mode", "--property", "riviera", "classic"}).exit_code, 0);
  ASSERT_EQ(Push("sh", ReservationJson("CLASSIC", "SH-MH4")), 202);
  auto classic = Settled("sh", "CLASSIC");
  EXPECT_EQ(classic.status, IntegrationStatus::kNotIntegrated);
  EXPECT_EQ(classic.error->code, ErrorCode::kGatewayClassicMode);

  auto failed = server_->Cli({"integrations", "--property", "riviera", "--month",
                              test::MonthAhead(), "--by", "stay", "--failed", "--json"});
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  for (const char* code : {"PRODUCT_NOT_LINKED", "OPTION_NOT_LINKED", "NO_AVAILABILITY",
                           "PMS_REJECTED", "GATEWAY_CLASSIC_MODE"}) {
    EXPECT_NE(failed.out.find(code), std::string::npos) << code << " missing in " << failed.out;
  }
}

TEST_F(PipelineTest, PmsDownPastTheOutageWindowFailsAndAnOperatorForcesItThrough) {
  StartServer({"--pms-outage-window-ms", "2000"});
  pms_->Call("/admin/faults", R"({"down": true})");
  ASSERT_EQ(Push("sh", ReservationJson("DOWN", "SH-MH4")), 202);
  auto failed = Settled("sh", "DOWN", IntegrationStatus::kFailed, 30s);
  EXPECT_EQ(failed.error->code, ErrorCode::kPmsUnavailable);
  EXPECT_NE(failed.error->message.find("gave up after waiting 2s"), std::string::npos)
      << failed.error->message;
  EXPECT_EQ(failed.attempts, 1) << "waiting for the PMS spends no attempt";

  pms_->Call("/admin/faults", R"({"down": false})");
  auto forced = server_->Cli({"force", "riviera/sh/DOWN"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  auto integrated = Settled("sh", "DOWN", IntegrationStatus::kIntegrated);
  EXPECT_FALSE(integrated.pms_reservation_id.empty());

  auto again = server_->Cli({"force", "riviera/sh/DOWN"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("ALREADY_INTEGRATED"), std::string::npos) << again.err;
}

TEST_F(PipelineTest, NoAvailabilityIsNeverDroppedAndCanBeForcedAsAnOverbooking) {
  StartServer();
  pms_->Call("/admin/properties/riviera/products/chalet", R"({"units": 0})");
  ASSERT_EQ(Push("sh", ReservationJson("OB", "SH-CHALET")), 202);
  EXPECT_EQ(Settled("sh", "OB").error->code, ErrorCode::kNoAvailability);
  auto forced = server_->Cli({"force", "riviera/sh/OB", "--allow-overbooking"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  auto record = Settled("sh", "OB", IntegrationStatus::kIntegrated);
  EXPECT_TRUE(record.overbooked);
  rapidjson::Document in_pms;
  in_pms.Parse(
      pms_->Call("/v1/properties/riviera/reservations/" + record.pms_reservation_id).c_str());
  EXPECT_TRUE(in_pms["overbooked"].GetBool());
}

TEST_F(PipelineTest, DuplicatePushesOfOneRevisionIntegrateOnce) {
  StartServer();
  const std::string body = ReservationJson("DUP", "SH-MH4");
  std::vector<std::thread> pushers;
  for (int i = 0; i < 8; ++i) pushers.emplace_back([&] { EXPECT_EQ(Push("sh", body), 202); });
  for (auto& t : pushers) t.join();
  Settled("sh", "DUP", IntegrationStatus::kIntegrated);
  ASSERT_EQ(Push("sh", body), 202);  // a late duplicate, after integration
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(PmsReservations()["reservations"].Size(), 1u);

  // A modification and a cancellation from the channel reach the PMS.
  ASSERT_EQ(
      Push("sh", ReservationJson("DUP", "SH-MH4", "[]", 2, "modified", test::DayOfMonthAhead(10))),
      202);
  test::WaitUntil([&] { return Record("sh", "DUP")->integrated_revision == 2; });
  auto modified = *Record("sh", "DUP");
  rapidjson::Document in_pms;
  in_pms.Parse(
      pms_->Call("/v1/properties/riviera/reservations/" + modified.pms_reservation_id).c_str());
  EXPECT_EQ(std::string(in_pms["stay"]["departure"].GetString()), test::DayOfMonthAhead(10));
  ASSERT_EQ(Push("sh", ReservationJson("DUP", "SH-MH4", "[]", 3, "cancelled")), 202);
  test::WaitUntil([&] { return Record("sh", "DUP")->integrated_revision == 3; });
  in_pms.Parse(
      pms_->Call("/v1/properties/riviera/reservations/" + modified.pms_reservation_id).c_str());
  EXPECT_STREQ(in_pms["status"].GetString(), "cancelled");
}

TEST_F(PipelineTest, AKilledServiceLosesNothingAndDuplicatesNothing) {
  pms_->Call("/admin/faults", R"({"latency_ms": 150})");
  pms_->Call("/admin/properties/riviera/products/mh-4p", R"({"units": 100})");
  StartServer({"--reclaim-idle-ms", "1000"});
  constexpr int kCount = 60;
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ(Push("sh", ReservationJson("K" + std::to_string(i), "SH-MH4", "[]", 1, "new",
                                         test::DayOfMonthAhead(2))),
              202);
  }
  // Kill it mid-batch: reservations created in the PMS, claimed, neither recorded nor acked.
  auto creates = [&] {
    rapidjson::Document stats;
    stats.Parse(pms_->Call("/admin/stats").c_str());
    return stats["creates"].GetInt64();
  };
  ASSERT_TRUE(test::WaitUntil([&] { return creates() >= 5; }, 10s));
  server_->process().Stop(9);
  const int64_t created_before_the_kill = creates();
  ASSERT_LT(created_before_the_kill, kCount);

  pms_->Call("/admin/faults", R"({"latency_ms": 0})");
  // Reclaim only after the idle time: the new instance takes over the dead consumer's work.
  StartServer({"--reclaim-idle-ms", "1000"});
  for (int i = 0; i < kCount; ++i) {
    Settled("sh", "K" + std::to_string(i), IntegrationStatus::kIntegrated, 30s);
  }
  auto reservations = PmsReservations();
  std::set<std::string> ids;
  for (const auto& r : reservations["reservations"].GetArray()) {
    ids.insert(r["channel_reservation_id"].GetString());
  }
  EXPECT_EQ(reservations["reservations"].Size(), static_cast<size_t>(kCount));
  EXPECT_EQ(ids.size(), static_cast<size_t>(kCount));
  // The reclaimed ones the PMS had already created were found by the lookup and adopted (or,
  // had a create still been on its way, replayed by their idempotency keys): never created twice.
  rapidjson::Document stats;
  stats.Parse(pms_->Call("/admin/stats").c_str());
  EXPECT_EQ(stats["creates"].GetInt64(), kCount);
}

// Redis losing its last writes, emulated: the integration records of reservations already in
// the PMS are deleted, then the channel modifies half of them and cancels the other half.
TEST_F(PipelineTest, LostIntegrationRecordsNeverBookTwiceAndCancelTheOriginal) {
  pms_->Call("/admin/properties/riviera/products/mh-4p", R"({"units": 100})");
  StartServer();
  constexpr int kCount = 10;
  auto id = [](int i) { return "LOST" + std::to_string(i); };
  for (int i = 0; i < kCount; ++i) ASSERT_EQ(Push("sh", ReservationJson(id(i), "SH-MH4")), 202);
  std::vector<std::string> pms_ids;
  for (int i = 0; i < kCount; ++i) {
    pms_ids.push_back(Settled("sh", id(i), IntegrationStatus::kIntegrated).pms_reservation_id);
  }
  const redis::PropertyKeys keys = redis::KeySpace{}.Property("riviera");
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(pool_->Command({"DEL", keys.IntegrationRecord("sh", id(i))}));
    ASSERT_FALSE(Record("sh", id(i)).has_value());
  }

  for (int i = 0; i < kCount; ++i) {
    const bool modify = i < kCount / 2;
    ASSERT_EQ(
        Push("sh", ReservationJson(id(i), "SH-MH4", "[]", 2, modify ? "modified" : "cancelled",
                                   test::DayOfMonthAhead(5))),
        202);
  }
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(test::WaitUntil([&] {
      auto record = Record("sh", id(i));
      return record && record->integrated_revision == 2;
    })) << id(i)
        << "\n"
        << server_->log();
    EXPECT_EQ(Record("sh", id(i))->pms_reservation_id, pms_ids[i]);
  }

  // The PMS holds each reservation once: the loaded one and the ten, none created twice.
  auto reservations = PmsReservations();
  std::map<std::string, int> per_channel_reservation;
  for (const auto& r : reservations["reservations"].GetArray()) {
    ++per_channel_reservation[r["channel_reservation_id"].GetString()];
  }
  for (int i = 0; i < kCount; ++i) EXPECT_EQ(per_channel_reservation[id(i)], 1) << id(i);
  for (int i = 0; i < kCount; ++i) {
    rapidjson::Document in_pms;
    in_pms.Parse(pms_->Call("/v1/properties/riviera/reservations/" + pms_ids[i]).c_str());
    if (i < kCount / 2) {
      EXPECT_STREQ(in_pms["status"].GetString(), "confirmed");
      EXPECT_EQ(std::string(in_pms["stay"]["departure"].GetString()), test::DayOfMonthAhead(5));
    } else {
      EXPECT_STREQ(in_pms["status"].GetString(), "cancelled") << "a ghost booking: " << pms_ids[i];
    }
  }
}

TEST_F(PipelineTest, TwoHundredPushesForTheLastFiveUnitsIntegrateExactlyFive) {
  StartServer({"--workers", "3"});
  const std::vector<std::pair<std::string, std::string>> channels = {
      {"sh", "SH-CHALET"}, {"cf", "CF-CHALET"}, {"bd", "BD-CHALET"}};
  constexpr int kPushes = 200;
  std::atomic<int> next{0};
  std::vector<std::thread> pushers;
  for (int t = 0; t < 8; ++t) {
    pushers.emplace_back([&] {
      for (int i = next++; i < kPushes; i = next++) {
        const auto& [channel, product] = channels[i % channels.size()];
        EXPECT_EQ(Push(channel, ReservationJson("L" + std::to_string(i), product)), 202);
      }
    });
  }
  for (auto& t : pushers) t.join();

  int integrated = 0, no_availability = 0;
  for (int i = 0; i < kPushes; ++i) {
    const auto& [channel, product] = channels[i % channels.size()];
    auto record = Settled(channel, "L" + std::to_string(i));
    if (record.status == IntegrationStatus::kIntegrated) ++integrated;
    if (record.status == IntegrationStatus::kFailed && record.error &&
        record.error->code == ErrorCode::kNoAvailability) {
      ++no_availability;
    }
  }
  EXPECT_EQ(integrated, 5);
  EXPECT_EQ(no_availability, kPushes - 5);
  rapidjson::Document stats;
  stats.Parse(pms_->Call("/admin/stats").c_str());
  EXPECT_EQ(stats["overbookings"].GetInt64(), 0);
  EXPECT_EQ(PmsReservations()["reservations"].Size(), 5u);
}

TEST_F(PipelineTest, AChannelBeyondItsRateLimitIsToldWhenToRetryAndNoAcceptedPushIsLost) {
  StartServer({"--rate-limit-per-channel", "2", "--rate-limit-burst", "4"});
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  std::vector<std::string> accepted;
  int limited = 0;
  for (int i = 0; i < 12; ++i) {
    const std::string id = "RL" + std::to_string(i);
    auto answer = client.Post("/v1/channels/sh/reservations", ReservationJson(id, "SH-MH4"),
                              "application/json");
    ASSERT_TRUE(answer);
    if (answer->status == 202) {
      accepted.push_back(id);
      continue;
    }
    ASSERT_EQ(answer->status, 429) << answer->body;
    EXPECT_THAT(answer->body, ::testing::HasSubstr("RATE_LIMITED"));
    EXPECT_EQ(answer->get_header_value("Retry-After"), "1");
    ++limited;
  }
  EXPECT_GE(accepted.size(), 4u) << "the burst";
  EXPECT_GE(limited, 1);
  EXPECT_EQ(Push("cf", ReservationJson("CF1", "CF-CHALET")), 202) << "another channel's bucket";
  for (const std::string& id : accepted) {
    EXPECT_EQ(Settled("sh", id).status, IntegrationStatus::kIntegrated) << id;
  }
}

}  // namespace
}  // namespace chansync
