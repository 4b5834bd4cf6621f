#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chansync/integration/redis_integration_log.h"
#include "chansync/redis/redis.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/pmssim.h"
#include "chansync/test/redis_server.h"

// The estate every reliability scenario plays on, all real processes: one property, "riviera",
// whose PMS product "mh-4p" (in a pmssim) is sold on three channels, on one redis-server. The
// scenario starts (and kills) the `chansync serve` processes itself.
namespace chansync::test::reliability {

struct Channel {
  std::string id;       // "sh", "cf", "bd"
  std::string product;  // its product, linked to mh-4p
};
const std::vector<Channel>& Channels();

inline constexpr char kProperty[] = "riviera";

struct EstateOptions {
  int units = 100000;  // of mh-4p
  // The "folios" entry of riviera in pmssim's data (its stays and accounts, docs/pms-api.md);
  // empty: no stay nor account.
  std::string folios;
  RedisServer::Options redis;
};

class Estate {
 public:
  explicit Estate(EstateOptions options = {});

  // A `chansync serve` on this estate's Redis, applying its declarations at start; `extra` is
  // appended to its command line.
  std::unique_ptr<ChansyncServer> StartServer(std::vector<std::string> extra = {}) const;
  // An API key made on this estate's Redis as an operator of the deployment would
  // (`chansync keys create <args>`), e.g. {"--role", "pos", "--property", "riviera"}.
  std::string MakeKey(const std::vector<std::string>& args) const;

  RedisServer& redis() { return *redis_; }
  PmsSimProcess& pms() { return *pms_; }
  // A pool on this estate's Redis; reconnects by itself after a Redis restart.
  redis::RedisPool& pool() { return *pool_; }
  integration::RedisIntegrationLog& log() { return *log_; }

  // Entries ever added to the work queue (XINFO STREAM entries-added over every shard): what
  // ingest accepted, even once integrated and deleted.
  int64_t QueuedEver();
  // Entries still in the queue, waiting or delayed: 0 once every accepted one was settled.
  int64_t Outstanding();
  // Entries in the queue's dead-letter streams.
  int64_t DeadLetters();

 private:
  TempDir dir_;
  std::string declarations_;
  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<PmsSimProcess> pms_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<integration::RedisIntegrationLog> log_;
};

// A reservation on `channel` for mh-4p's channel product, arriving on day 1 of the month ahead
// (test::DayOfMonthAhead) and leaving on `departure_day`.
struct ReservationSpec {
  int revision = 1;
  std::string status = "new";  // "new", "modified", "cancelled"
  int departure_day = 8;
};
std::string ReservationJson(const Channel& channel, const std::string& id,
                            const ReservationSpec& spec = {});

// The answer to one push over HTTP: its status (-1 when nothing answered) and error code.
struct PushAnswer {
  int status = -1;
  std::string code;  // from {"error": {"code"}}; for no answer, what the client saw
};
// The API key the pushes of these scenarios call with: the one of the last server an Estate
// started (every key made stays valid across restarts, so pushers keep working).
std::string ApiKey();
// `key` defaults to ApiKey(); `answer_body`, when given, receives the answer's body.
PushAnswer PostJson(int http_port, const std::string& path, const std::string& body,
                    const std::string& key = ApiKey(), std::string* answer_body = nullptr);
PushAnswer PostReservation(int http_port, const Channel& channel, const std::string& body);

}  // namespace chansync::test::reliability
