#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "chansync/integration/integration_log.h"
#include "chansync/integration/redis_integration_log.h"
#include "chansync/redis/key_space.h"
#include "chansync/redis/redis.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"

// A PMS outage against real processes: two `chansync serve` sharing one redis-server, one pmssim.
// Reservations are pushed at a steady rate before, during and after the outage; the run then
// waits for the log to settle and counts what the PMS and the log hold.
namespace chansync::test::pms_outage {

using namespace std::chrono_literals;

enum class Outage {
  kUnavailable,  // the PMS answers 503 to every API call
  kRefused,      // the PMS process is stopped: connections are refused
};

struct Scenario {
  Outage outage = Outage::kUnavailable;
  std::chrono::milliseconds before{1'000};
  std::chrono::milliseconds down{6'000};
  std::chrono::milliseconds after{1'000};
  std::chrono::milliseconds push_every{25};
  // Long enough for the last probe (at most 30 s apart) and the backlog's drain.
  std::chrono::milliseconds settle_timeout{60'000};
};

struct Outcome {
  int pushed = 0;
  int accepted = 0;  // answered 202
  int pushed_while_down = 0;
  int pending_while_down = 0;   // records seen pending PMS_UNAVAILABLE with a next try
  int integrated = 0;           // records integrated, each with a PMS reservation
  int failed = 0;               // records failed or still pending at the end
  size_t pms_reservations = 0;  // reservations the PMS holds
  size_t pms_distinct = 0;      // distinct channel reservation ids among them
  int64_t pms_creates = 0;      // creates the PMS made (replays not counted)
  int64_t dead_letters = 0;
  std::chrono::milliseconds settled_after_outage{0};

  std::string Summary() const {
    return "pushed " + std::to_string(pushed) + " (accepted " + std::to_string(accepted) + ", " +
           std::to_string(pushed_while_down) + " while down; " +
           std::to_string(pending_while_down) + " seen pending PMS_UNAVAILABLE); PMS holds " +
           std::to_string(pms_reservations) + " (" + std::to_string(pms_distinct) + " distinct, " +
           std::to_string(pms_creates) + " creates); log: " + std::to_string(integrated) +
           " integrated, " + std::to_string(failed) + " not integrated; " +
           std::to_string(dead_letters) + " dead letters; settled " +
           std::to_string(settled_after_outage.count()) + " ms after the PMS came back";
  }
};

inline constexpr char kPmsData[] = R"({"properties": [{
  "id": "riviera", "name": "Camping Riviera",
  "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": 100000}],
  "options": []}]})";

inline std::string Declarations(const std::string& pms_endpoint) {
  return R"({"channels": [{"id": "sh", "name": "SecureHoliday"}],
  "properties": [{"id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris",
    "pms": {"endpoint": ")" +
         pms_endpoint + R"(", "gateway_id": "RIV-1"},
    "pms_catalog": {"products": [{"id": "mh-4p", "units": 100000}], "options": []},
    "channel_products": {"sh": [{"id": "SH-MH4"}]},
    "links": [{"channel": "sh", "channel_product": "SH-MH4", "pms_product": "mh-4p"}]}]})";
}

inline std::string ReservationJson(const std::string& id) {
  return R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera",
    "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "guest_name": "Guest )" + id + R"(", "product": "SH-MH4", "options": [],
    "price": {"amount_minor": 84900, "currency": "EUR"}, "revision": 1, "status": "new"})";
}

class OutageRun {
 public:
  OutageRun() {
    pms_ = std::make_unique<PmsSimProcess>(kPmsData, std::vector<std::string>{"--threads", "64"});
    const std::string declarations = dir_.path() + "/declarations.json";
    std::ofstream(declarations) << Declarations(pms_->base_url());
    pool_ = redis_.NewPool(4);
    log_ = std::make_unique<integration::RedisIntegrationLog>(*pool_);
    for (int i = 0; i < 2; ++i) {
      servers_.push_back(std::make_unique<ChansyncServer>(
          redis_.endpoint(), std::vector<std::string>{"--declarations", declarations}));
    }
  }

  Outcome Play(const Scenario& scenario) {
    Outcome outcome;
    std::atomic<bool> down{false};
    std::atomic<bool> stop{false};
    std::thread pusher([&] {
      for (int n = 0; !stop.load(); ++n) {
        const bool while_down = down.load();
        const int status = Push(*servers_[n % 2], ReservationJson("O" + std::to_string(n)));
        ++outcome.pushed;
        outcome.accepted += status == 202;
        outcome.pushed_while_down += while_down;
        std::this_thread::sleep_for(scenario.push_every);
      }
    });
    std::this_thread::sleep_for(scenario.before);
    GoDown(scenario.outage);
    down = true;
    std::this_thread::sleep_for(scenario.down / 2);
    outcome.pending_while_down = CountPendingUnavailable(outcome.pushed);
    std::this_thread::sleep_for(scenario.down - scenario.down / 2);
    down = false;
    ComeBack(scenario.outage);
    const auto back_at = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(scenario.after);
    stop = true;
    pusher.join();

    WaitUntil([&] { return CountIntegrated(outcome.pushed) == outcome.pushed; },
              scenario.settle_timeout);
    outcome.settled_after_outage = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - back_at);
    outcome.integrated = CountIntegrated(outcome.pushed);
    outcome.failed = outcome.pushed - outcome.integrated;
    CountPms(outcome);
    outcome.dead_letters = DeadLetters();
    return outcome;
  }

  std::string ServerLogs() const { return servers_[0]->log() + servers_[1]->log(); }

 private:
  static int Push(const ChansyncServer& server, const std::string& body) {
    httplib::Client client("127.0.0.1", server.http_port());
    client.set_bearer_token_auth(server.key());
    client.set_read_timeout(10, 0);
    auto answer = client.Post("/v1/channels/sh/reservations", body, "application/json");
    return answer ? answer->status : -1;
  }

  void GoDown(Outage outage) {
    if (outage == Outage::kUnavailable) {
      pms_->Call("/admin/faults", R"({"down": true})");
    } else {
      pms_->Stop();
    }
  }

  // A restarted pmssim starts again from its data file: the refused kind is played with no
  // reservation created before the outage (Scenario::before of zero).
  void ComeBack(Outage outage) {
    if (outage == Outage::kUnavailable) {
      pms_->Call("/admin/faults", R"({"down": false})");
    } else {
      pms_->Restart();
    }
  }

  std::vector<std::optional<integration::IntegrationRecord>> Records(int count) {
    std::vector<integration::IntegrationKey> keys;
    for (int n = 0; n < count; ++n) keys.push_back({"riviera", "sh", "O" + std::to_string(n)});
    auto records = log_->GetMany(keys);
    EXPECT_TRUE(records.has_value()) << records.error().ToString();
    return records ? *records : std::vector<std::optional<integration::IntegrationRecord>>{};
  }

  int CountIntegrated(int count) {
    int integrated = 0;
    for (const auto& r : Records(count)) {
      integrated += r && r->status == integration::IntegrationStatus::kIntegrated &&
                    !r->pms_reservation_id.empty();
    }
    return integrated;
  }

  int CountPendingUnavailable(int count) {
    int pending = 0;
    for (const auto& r : Records(count)) {
      pending += r && r->status == integration::IntegrationStatus::kPending && r->error &&
                 r->error->code == core::ErrorCode::kPmsUnavailable && r->next_attempt_at;
    }
    return pending;
  }

  void CountPms(Outcome& outcome) {
    rapidjson::Document doc;
    doc.Parse(pms_->Call("/v1/properties/riviera/reservations").c_str());
    std::set<std::string> ids;
    for (const auto& r : doc["reservations"].GetArray()) {
      ids.insert(r["channel_reservation_id"].GetString());
    }
    outcome.pms_reservations = doc["reservations"].Size();
    outcome.pms_distinct = ids.size();
    rapidjson::Document stats;
    stats.Parse(pms_->Call("/admin/stats").c_str());
    outcome.pms_creates = stats["creates"].GetInt64();
  }

  int64_t DeadLetters() {
    int64_t total = 0;
    for (int shard = 0; shard < 4; ++shard) {
      auto length = pool_->Command({"XLEN", redis::KeySpace().Shard(shard).DeadLetters()});
      if (length) total += length->Integer().value_or(0);
    }
    return total;
  }

  TempDir dir_;
  RedisServer redis_;
  std::unique_ptr<PmsSimProcess> pms_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<integration::RedisIntegrationLog> log_;
  std::vector<std::unique_ptr<ChansyncServer>> servers_;
};

// Every pushed reservation integrated exactly once, in the PMS and in the log; none failed,
// none dead-lettered, no operator involved.
inline void ExpectEachIntegratedOnce(const Outcome& o, const std::string& logs) {
  SCOPED_TRACE(o.Summary());
  EXPECT_GT(o.pushed_while_down, 0);
  EXPECT_EQ(o.accepted, o.pushed);
  EXPECT_GT(o.pending_while_down, 0);
  EXPECT_EQ(o.integrated, o.pushed) << logs.substr(logs.size() > 4000 ? logs.size() - 4000 : 0);
  EXPECT_EQ(o.failed, 0);
  EXPECT_EQ(o.pms_reservations, static_cast<size_t>(o.pushed));
  EXPECT_EQ(o.pms_distinct, static_cast<size_t>(o.pushed));
  EXPECT_EQ(o.pms_creates, o.pushed);
  EXPECT_EQ(o.dead_letters, 0);
}

}  // namespace chansync::test::pms_outage
