#include "estate.h"

#include <httplib.h>
#include <rapidjson/document.h>

#include <fstream>
#include <functional>
#include <mutex>

#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/dates.h"

namespace chansync::test::reliability {
namespace {

std::string PmsData(int units, const std::string& folios) {
  return R"({"properties": [{"id": "riviera", "name": "Camping Riviera",
    "products": [{"id": "mh-4p", "name": "Mobile home 4 people", "units": )" +
         std::to_string(units) + R"(}], "options": [])" +
         (folios.empty() ? "" : R"(, "folios": )" + folios) + "}]}";
}

std::string Declarations(const std::string& pms_endpoint, int units) {
  std::string channels, channel_products, links;
  for (const Channel& c : Channels()) {
    const std::string sep = channels.empty() ? "" : ", ";
    channels += sep + R"({"id": ")" + c.id + R"(", "name": ")" + c.id + R"("})";
    channel_products += sep + R"(")" + c.id + R"(": [{"id": ")" + c.product + R"("}])";
    links += sep + R"({"channel": ")" + c.id + R"(", "channel_product": ")" + c.product +
             R"(", "pms_product": "mh-4p"})";
  }
  return R"({"channels": [)" + channels + R"(],
  "properties": [{"id": "riviera", "name": "Camping Riviera", "timezone": "Europe/Paris",
    "multi_link": true, "pms": {"endpoint": ")" +
         pms_endpoint + R"(", "gateway_id": "RIV-1"},
    "pms_catalog": {"products": [{"id": "mh-4p", "units": )" +
         std::to_string(units) + R"(}], "options": []},
    "channel_products": {)" +
         channel_products + R"(}, "links": [)" + links + "]}]}";
}

int64_t SumOverShards(redis::RedisPool& pool,
                      const std::function<int64_t(redis::RedisPool&, int)>& of_shard) {
  int64_t total = 0;
  for (int shard = 0; shard < queue::RedisWorkQueueOptions{}.shards; ++shard) {
    total += of_shard(pool, shard);
  }
  return total;
}

}  // namespace

const std::vector<Channel>& Channels() {
  static const std::vector<Channel> channels = {
      {"sh", "SH-MH4"}, {"cf", "CF-MH4"}, {"bd", "BD-MH4"}};
  return channels;
}

Estate::Estate(EstateOptions options) {
  redis_ = std::make_unique<RedisServer>(options.redis);
  // Threads to spare: every kept-alive worker connection holds one.
  pms_ = std::make_unique<PmsSimProcess>(PmsData(options.units, options.folios),
                                         std::vector<std::string>{"--threads", "64"});
  declarations_ = dir_.path() + "/declarations.json";
  std::ofstream(declarations_) << Declarations(pms_->base_url(), options.units);
  pool_ = redis_->NewPool(4);
  log_ = std::make_unique<integration::RedisIntegrationLog>(*pool_);
}

namespace {

std::mutex api_key_mutex;
std::string api_key;

}  // namespace

std::string ApiKey() {
  std::lock_guard lock(api_key_mutex);
  return api_key;
}

std::unique_ptr<ChansyncServer> Estate::StartServer(std::vector<std::string> extra) const {
  std::vector<std::string> args{"--declarations", declarations_};
  args.insert(args.end(), extra.begin(), extra.end());
  auto server = std::make_unique<ChansyncServer>(redis_->endpoint(), args);
  std::lock_guard lock(api_key_mutex);
  api_key = server->key();
  return server;
}

std::string Estate::MakeKey(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{BuiltBinary("app/chansync"), "keys", "create", "--redis",
                                redis_->endpoint()};
  argv.insert(argv.end(), args.begin(), args.end());
  const CommandResult made = RunCommand(argv);
  // The key is the last line printed.
  const std::string out = made.out.substr(0, made.out.find_last_not_of('\n') + 1);
  return made.exit_code == 0 ? out.substr(out.rfind('\n') + 1) : "";
}

int64_t Estate::QueuedEver() {
  return SumOverShards(*pool_, [](redis::RedisPool& pool, int shard) -> int64_t {
    auto info = pool.Command({"XINFO", "STREAM", redis::KeySpace().Shard(shard).Stream()});
    if (!info) return 0;
    // A map of mixed values (integers, strings, entries): read by hand, two by two.
    auto fields = info->Array();
    if (!fields) return 0;
    for (size_t i = 0; i + 1 < fields->size(); i += 2) {
      if ((*fields)[i].str == "entries-added") return (*fields)[i + 1].integer;
    }
    return 0;
  });
}

int64_t Estate::Outstanding() {
  return SumOverShards(*pool_, [](redis::RedisPool& pool, int shard) -> int64_t {
    const redis::ShardKeys keys = redis::KeySpace().Shard(shard);
    auto waiting = pool.Command({"XLEN", keys.Stream()});
    auto delayed = pool.Command({"ZCARD", keys.Delayed()});
    // Unknown while Redis does not answer: not settled.
    if (!waiting || !delayed) return 1;
    return waiting->Integer().value_or(1) + delayed->Integer().value_or(1);
  });
}

int64_t Estate::DeadLetters() {
  return SumOverShards(*pool_, [](redis::RedisPool& pool, int shard) -> int64_t {
    auto length = pool.Command({"XLEN", redis::KeySpace().Shard(shard).DeadLetters()});
    return length ? length->Integer().value_or(0) : 0;
  });
}

std::string ReservationJson(const Channel& channel, const std::string& id,
                            const ReservationSpec& spec) {
  return R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera", "arrival": ")" +
         DayOfMonthAhead(1) + R"(", "departure": ")" + DayOfMonthAhead(spec.departure_day) +
         R"(", "guest_name": "Guest )" + id + R"(", "product": ")" + channel.product +
         R"(", "options": [], "price": {"amount_minor": 84900, "currency": "EUR"}, "revision": )" +
         std::to_string(spec.revision) + R"(, "status": ")" + spec.status + R"("})";
}

PushAnswer PostJson(int http_port, const std::string& path, const std::string& body,
                    const std::string& key, std::string* answer_body) {
  httplib::Client client("127.0.0.1", http_port);
  client.set_bearer_token_auth(key);
  // Generous: a burst of pushes from hundreds of threads meets a loaded machine.
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(10, 0);
  auto answer = client.Post(path.c_str(), body, "application/json");
  PushAnswer out;
  if (!answer) {
    out.code = httplib::to_string(answer.error());
    return out;
  }
  out.status = answer->status;
  if (answer_body != nullptr) *answer_body = answer->body;
  rapidjson::Document doc;
  doc.Parse(answer->body.c_str());
  if (doc.IsObject() && doc.HasMember("error") && doc["error"].IsObject() &&
      doc["error"].HasMember("code") && doc["error"]["code"].IsString()) {
    out.code = doc["error"]["code"].GetString();
  }
  return out;
}

PushAnswer PostReservation(int http_port, const Channel& channel, const std::string& body) {
  return PostJson(http_port, "/v1/channels/" + channel.id + "/reservations", body);
}

}  // namespace chansync::test::reliability
