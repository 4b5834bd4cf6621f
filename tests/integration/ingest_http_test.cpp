// The HTTP ingest front end on a real redis-server: what a portal sees, and what lands in the
// Redis stream.
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "chansync/channel/availability_checks.h"
#include "chansync/channel/http_ingest_server.h"
#include "chansync/channel/ingestor.h"
#include "chansync/channel/work_item.h"
#include "chansync/core/clock.h"
#include "chansync/core/error_json.h"
#include "chansync/core/reservation_json.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/dates.h"
#include "chansync/test/loopback.h"
#include "chansync/test/redis_server.h"

namespace chansync {
namespace {

constexpr const char* kJson = "application/json";

// A valid reservation body; `overrides` replace (or add) top-level fields, "key": raw JSON.
std::string Body(const std::string& id = "SH-1001",
                 const std::map<std::string, std::string>& overrides = {}) {
  std::map<std::string, std::string> fields = {
      {"channel_reservation_id", "\"" + id + "\""},
      {"property", R"("riviera")"},
      {"sold_at", R"("2026-08-01T10:15:00Z")"},
      {"arrival", "\"" + test::DayOfMonthAhead(1) + "\""},
      {"departure", "\"" + test::DayOfMonthAhead(8) + "\""},
      {"guest_name", R"("Jeanne Martin")"},
      {"product", R"("SH-MH4")"},
      {"options", R"([{"option": "SH-LINGE", "quantity": 2}])"},
      {"price", R"({"amount_minor": 84900, "currency": "EUR"})"},
  };
  for (const auto& [key, value] : overrides) fields[key] = value;
  std::string body = "{";
  for (const auto& [key, value] : fields) {
    if (value.empty()) continue;  // an empty override leaves the field out
    if (body.size() > 1) body += ", ";
    body += "\"" + key + "\": " + value;
  }
  return body + "}";
}

rapidjson::Document Json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

std::string ErrorCode(const rapidjson::Document& doc) {
  if (!doc.IsObject() || !doc.HasMember("error")) return "<no error>";
  return doc["error"]["code"].GetString();
}

std::string ErrorMessage(const rapidjson::Document& doc) {
  if (!doc.IsObject() || !doc.HasMember("error")) return "<no error>";
  return doc["error"]["message"].GetString();
}

// Every error body is exactly {"error": {"code", "message"}}, served as JSON.
void ExpectErrorShape(const httplib::Response& res) {
  EXPECT_EQ(res.get_header_value("Content-Type"), kJson);
  rapidjson::Document doc;
  doc.Parse(res.body.c_str());
  ASSERT_FALSE(doc.HasParseError()) << res.body;
  ASSERT_TRUE(doc.IsObject() && doc.MemberCount() == 1 && doc.HasMember("error")) << res.body;
  const auto& error = doc["error"];
  ASSERT_TRUE(error.IsObject() && error.MemberCount() == 2) << res.body;
  EXPECT_TRUE(error.HasMember("code") && error["code"].IsString()) << res.body;
  EXPECT_TRUE(error.HasMember("message") && error["message"].IsString()) << res.body;
}

// Refuses every availability check with the error the test set, so each code can be sent over
// the wire.
class RefusingChecks : public channel::AvailabilityChecks {
 public:
  void Refuse(core::Error error) {
    std::lock_guard lock(mutex_);
    refusal_ = std::move(error);
  }

  core::Result<channel::AvailabilityCheckAnswer> Check(
      const channel::AvailabilityCheckRequest&) override {
    std::lock_guard lock(mutex_);
    return std::unexpected(refusal_);
  }

 private:
  std::mutex mutex_;
  core::Error refusal_{core::ErrorCode::kInternal, "no refusal set"};
};

class IngestHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    pool_ = redis_->NewPool(8);
    auto queue = queue::RedisWorkQueue::Open(*pool_, clock_);
    ASSERT_TRUE(queue.has_value()) << queue.error().ToString();
    queue_ = std::move(*queue);
    ingestor_ = std::make_unique<channel::Ingestor>(*queue_, clock_);
    channel::HttpIngestOptions options;
    options.port = 0;
    options.worker_threads = 4;
    options.max_body_bytes = 64 * 1024;
    options.max_batch_items = 50;
    server_ = std::make_unique<channel::HttpIngestServer>(*ingestor_, options);
    auto started = server_->Start();
    ASSERT_TRUE(started.has_value()) << started.error().ToString();
    ASSERT_GT(server_->port(), 0);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_keep_alive(true);
    client_->set_tcp_nodelay(true);
  }

  void TearDown() override {
    client_.reset();  // a kept-alive connection would hold Stop() for the keep-alive timeout
    server_->Stop();
  }

  httplib::Result Post(const std::string& path, const std::string& body,
                       const char* content_type = kJson) {
    return client_->Post(path.c_str(), body, content_type);
  }

  std::vector<channel::WorkItem> ClaimItems() {
    auto messages = queue_->Claim("test", 1000, std::chrono::milliseconds(0));
    EXPECT_TRUE(messages.has_value()) << messages.error().ToString();
    std::vector<channel::WorkItem> items;
    for (const auto& message : messages.value_or(std::vector<queue::Message>{})) {
      auto item = channel::WorkItemFromJson(message.payload);
      EXPECT_TRUE(item.has_value()) << message.payload;
      if (item) items.push_back(*item);
      tracking_ids_.push_back(message.tracking_id);
    }
    return items;
  }

  void ExpectAlive() {
    auto health = client_->Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
  }

  core::SystemClock clock_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<queue::RedisWorkQueue> queue_;
  std::unique_ptr<channel::Ingestor> ingestor_;
  std::unique_ptr<channel::HttpIngestServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::vector<std::string> tracking_ids_;
};

TEST_F(IngestHttpTest, AcceptedReservationIsInTheRedisStream) {
  auto res = Post("/v1/channels/secureholiday/reservations", Body());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  auto doc = Json(res->body);
  EXPECT_STREQ(doc["id"].GetString(), "riviera/secureholiday/SH-1001");
  const std::string tracking_id = doc["tracking_id"].GetString();

  auto items = ClaimItems();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(tracking_ids_[0], tracking_id);
  const auto& r = items[0].reservation;
  EXPECT_EQ(r.channel, "secureholiday");  // from the path
  EXPECT_EQ(r.channel_reservation_id, "SH-1001");
  EXPECT_EQ(r.property, "riviera");
  EXPECT_EQ(core::FormatTimestamp(r.sold_at), "2026-08-01T10:15:00.000Z");
  EXPECT_EQ(r.price.minor_units, 84900);
  ASSERT_EQ(r.options.size(), 1u);
  EXPECT_EQ(r.options[0].quantity, 2);
  EXPECT_GT(items[0].received_at, r.sold_at);
}

TEST_F(IngestHttpTest, CharsetSuffixAndBodyChannelOfThePathAreAccepted) {
  auto res =
      Post("/v1/channels/secureholiday/reservations",
           Body("SH-1002", {{"channel", R"("secureholiday")"}}), "Application/JSON; charset=UTF-8");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202) << res->body;
  EXPECT_EQ(ClaimItems().size(), 1u);
}

TEST_F(IngestHttpTest, EachInvalidFieldIsNamed) {
  struct Case {
    std::string body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {Body("SH-1", {{"channel_reservation_id", ""}}), "channel_reservation_id"},
      {Body("SH-1", {{"property", ""}}), "property"},
      {Body("SH-1", {{"product", R"("")"}}), "product"},
      {Body("SH-1", {{"price", ""}}), "price"},
      {Body("SH-1", {{"options", R"([{"option": "SH-LINGE", "quantity": 0}])"}}),
       "options.quantity"},
      {Body("SH-1", {{"arrival", R"("2026-13-01")"}}), "arrival"},
      {Body("SH-1", {{"departure", R"("tomorrow")"}}), "departure"},
      {Body("SH-1", {{"departure", R"("2026-08-01")"}}), "departure"},
      {Body("SH-1", {{"sold_at", R"("yesterday")"}}), "sold_at"},
      {Body("SH-1", {{"guest_name", R"(42)"}}), "guest_name"},
      {Body("SH-1", {{"price", R"({"amount_minor": "lots", "currency": "EUR"})"}}),
       "price.amount_minor"},
      {Body("SH-1", {{"price", R"({"amount_minor": 100, "currency": "euros"})"}}),
       "price.currency"},
      {Body("SH-1", {{"options", R"([{"option": "SH-LINGE", "quantity": "two"}])"}}),
       "options[0].quantity"},
      {Body("SH-1", {{"revision", R"(0)"}}), "revision"},
      {Body("SH-1", {{"status", R"("paid")"}}), "status"},
      {Body("SH-1", {{"channel", R"("otherportal")"}}), "channel"},
      {Body("bad id!"), "channel_reservation_id"},
  };
  for (const auto& c : cases) {
    auto res = Post("/v1/channels/secureholiday/reservations", c.body);
    ASSERT_TRUE(res) << c.field;
    EXPECT_EQ(res->status, 400) << c.field << ": " << res->body;
    auto doc = Json(res->body);
    EXPECT_EQ(ErrorCode(doc), "INVALID_RESERVATION") << res->body;
    EXPECT_NE(ErrorMessage(doc).find(c.field), std::string::npos)
        << "expected " << c.field << " in " << res->body;
  }
  EXPECT_TRUE(ClaimItems().empty()) << "no invalid reservation may be queued";
}

TEST_F(IngestHttpTest, BadRequestsGetClearErrorsAndTheServerLives) {
  for (const std::string body : {"{", "not json", "[]", "\"text\"", "", "{\"a\":\x01}"}) {
    auto res = Post("/v1/channels/secureholiday/reservations", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    ExpectErrorShape(*res);
    auto doc = Json(res->body);
    EXPECT_EQ(ErrorCode(doc), "INVALID_RESERVATION");
    EXPECT_NE(ErrorMessage(doc).find("body"), std::string::npos) << res->body;
  }

  auto text = Post("/v1/channels/secureholiday/reservations", Body(), "text/plain");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415);
  ExpectErrorShape(*text);
  EXPECT_EQ(ErrorCode(Json(text->body)), "INVALID_ARGUMENT");
  EXPECT_NE(ErrorMessage(Json(text->body)).find("Content-Type"), std::string::npos);

  auto unknown = client_->Get("/v1/nowhere");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  ExpectErrorShape(*unknown);
  EXPECT_EQ(ErrorCode(Json(unknown->body)), "NOT_FOUND");
  auto wrong_method = client_->Get("/v1/channels/secureholiday/reservations");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 404);

  {
    httplib::Client fresh("127.0.0.1", server_->port());
    auto huge =
        fresh.Post("/v1/channels/secureholiday/reservations",
                   Body("SH-1", {{"check_id", "\"" + std::string(200 * 1024, 'x') + "\""}}), kJson);
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->status, 413);
    ExpectErrorShape(*huge);
    EXPECT_EQ(ErrorCode(Json(huge->body)), "INVALID_ARGUMENT");
  }
  ExpectAlive();
  auto ok = Post("/v1/channels/secureholiday/reservations", Body());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 202);
  EXPECT_EQ(ClaimItems().size(), 1u);
}

// Sends `total` bytes of body in chunks, so no Content-Length tells the server the size.
httplib::Result PostChunked(int port, size_t total) {
  httplib::Client fresh("127.0.0.1", port);
  const std::string chunk(16 * 1024, ' ');
  size_t sent = 0;
  return fresh.Post(
      "/v1/channels/secureholiday/reservations",
      [&](size_t, httplib::DataSink& sink) {
        if (sent >= total) {
          sink.done();
          return true;
        }
        sent += chunk.size();
        return sink.write(chunk.data(), chunk.size());
      },
      kJson);
}

TEST_F(IngestHttpTest, ChunkedBodyOverTheLimitIsRefused) {
  auto huge = PostChunked(server_->port(), 256 * 1024);  // four times the 64 KiB limit
  ASSERT_TRUE(huge) << httplib::to_string(huge.error());
  EXPECT_EQ(huge->status, 413);
  ExpectErrorShape(*huge);
  EXPECT_EQ(huge->get_header_value("Connection"), "close");
  ExpectAlive();
  EXPECT_TRUE(ClaimItems().empty());
}

// A body that keeps coming long after the limit is cut off rather than read to its end; the
// client may see the 413 or only the closed connection, and the server carries on.
TEST_F(IngestHttpTest, ChunkedBodyFarOverTheLimitIsCutOff) {
  auto endless = PostChunked(server_->port(), 64 * 1024 * 1024);
  if (endless) {
    EXPECT_EQ(endless->status, 413);
  }
  ExpectAlive();
  EXPECT_TRUE(ClaimItems().empty());
}

// Sends raw bytes on a fresh connection and returns whatever comes back before the server
// closes it or half a second passes.
std::string RawExchange(int port, const std::string& bytes) {
  std::string reply;
  const int fd = test::ConnectLoopback(port);
  if (fd >= 0) {
    timeval timeout{0, 500000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    (void)send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    char buffer[4096];
    for (ssize_t n; (n = recv(fd, buffer, sizeof(buffer), 0)) > 0;) reply.append(buffer, n);
    close(fd);
  }
  return reply;
}

TEST_F(IngestHttpTest, GarbageOnTheWireNeverTakesTheServerDown) {
  const std::vector<std::string> garbage = {
      "GARBAGE\r\n\r\n",
      std::string("\0\xff\xfe\x01 binary\r\n\r\n", 16),
      "POST /v1/channels/secureholiday/reservations HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{}",
      "POST /v1/channels/secureholiday/reservations HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "POST /v1/channels/secureholiday/reservations HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"truncated\":",
      "GET /" + std::string(100000, 'a') + " HTTP/1.1\r\n\r\n",
      "POST /v1/channels/%ZZ%00/reservations HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
  };
  for (const auto& bytes : garbage) {
    const std::string reply = RawExchange(server_->port(), bytes);
    if (!reply.empty()) {
      EXPECT_TRUE(reply.starts_with("HTTP/1.1 4")) << reply.substr(0, 200);
    }
    ExpectAlive();
  }
}

TEST_F(IngestHttpTest, KeepAliveConnectionCarriesManyRequests) {
  for (int i = 0; i < 100; ++i) {
    auto res = Post("/v1/channels/secureholiday/reservations", Body("SH-" + std::to_string(i)));
    ASSERT_TRUE(res) << i;
    ASSERT_EQ(res->status, 202) << res->body;
  }
  EXPECT_EQ(ClaimItems().size(), 100u);
}

TEST_F(IngestHttpTest, BatchAnswersEachItem) {
  const std::string body = "[" + Body("SH-1") + "," +
                           Body("SH-2", {{"arrival", R"("2026-02-30")"}}) + ",42," + Body("SH-3") +
                           "]";
  auto res = Post("/v1/channels/secureholiday/reservations:batch", body);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto doc = Json(res->body);
  EXPECT_EQ(doc["accepted"].GetInt(), 2);
  const auto& results = doc["results"];
  ASSERT_EQ(results.Size(), 4u);
  EXPECT_STREQ(results[0]["id"].GetString(), "riviera/secureholiday/SH-1");
  EXPECT_STREQ(results[1]["error"]["code"].GetString(), "INVALID_RESERVATION");
  EXPECT_NE(std::string(results[1]["error"]["message"].GetString()).find("arrival"),
            std::string::npos);
  EXPECT_STREQ(results[2]["error"]["code"].GetString(), "INVALID_RESERVATION");
  EXPECT_STREQ(results[3]["id"].GetString(), "riviera/secureholiday/SH-3");

  auto items = ClaimItems();
  ASSERT_EQ(items.size(), 2u);
  std::set<std::string> queued_tracking(tracking_ids_.begin(), tracking_ids_.end());
  EXPECT_TRUE(queued_tracking.contains(results[0]["tracking_id"].GetString()));
  EXPECT_TRUE(queued_tracking.contains(results[3]["tracking_id"].GetString()));
}

TEST_F(IngestHttpTest, BatchLimitsAndShape) {
  auto not_array = Post("/v1/channels/secureholiday/reservations:batch", Body());
  ASSERT_TRUE(not_array);
  EXPECT_EQ(not_array->status, 400);
  EXPECT_EQ(ErrorCode(Json(not_array->body)), "INVALID_RESERVATION");

  std::string too_many = "[";
  for (int i = 0; i < 51; ++i) too_many += (i ? "," : "") + Body("SH-" + std::to_string(i));
  too_many += "]";
  auto res = Post("/v1/channels/secureholiday/reservations:batch", too_many);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(ErrorMessage(Json(res->body)).find("at most 50"), std::string::npos) << res->body;

  auto empty = Post("/v1/channels/secureholiday/reservations:batch", "[]");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 200);
  EXPECT_EQ(Json(empty->body)["results"].Size(), 0u);
  EXPECT_TRUE(ClaimItems().empty());
}

TEST_F(IngestHttpTest, RedisDownMeansStoreUnavailableAndNothingAccepted) {
  redis_->Kill();
  auto res = Post("/v1/channels/secureholiday/reservations", Body());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503) << res->body;
  ExpectErrorShape(*res);
  EXPECT_EQ(ErrorCode(Json(res->body)), "STORE_UNAVAILABLE");

  auto batch = Post("/v1/channels/secureholiday/reservations:batch", "[" + Body() + "]");
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->status, 503) << batch->body;
  EXPECT_EQ(ErrorCode(Json(batch->body)), "STORE_UNAVAILABLE");

  // Validation still answers without the store.
  auto invalid =
      Post("/v1/channels/secureholiday/reservations", Body("SH-1", {{"revision", "-1"}}));
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 400);
  ExpectAlive();
}

TEST_F(IngestHttpTest, EveryErrorCodeAnswersWithItsOwnStatusAndTheOneErrorBody) {
  RefusingChecks checks;
  channel::HttpIngestOptions options;
  options.port = 0;
  channel::HttpIngestServer server(*ingestor_, options, &checks);
  auto started = server.Start();
  ASSERT_TRUE(started.has_value()) << started.error().ToString();
  httplib::Client client("127.0.0.1", server.port());
  const std::string request =
      R"({"property": "riviera", "product": "SH-MH4", "arrival": "2026-09-01",
          "departure": "2026-09-08"})";

  for (size_t i = 0; i < core::kErrorCodeCount; ++i) {
    const core::Error error{static_cast<core::ErrorCode>(i), "refused \"as\" told"};
    checks.Refuse(error);
    auto res = client.Post("/v1/channels/secureholiday/availability-checks", request, kJson);
    ASSERT_TRUE(res) << core::CodeName(error.code);
    EXPECT_EQ(res->status, core::HttpStatusOf(error.code)) << core::CodeName(error.code);
    ExpectErrorShape(*res);
    EXPECT_EQ(res->body, core::ErrorJson(error));
  }
  server.Stop();
}

TEST_F(IngestHttpTest, AuthorizationHookSeesEachCallBeforeItsWork) {
  std::mutex mutex;
  // route, channel of the path, property of the item ("" for the call itself)
  std::vector<std::tuple<channel::IngestRoute, std::string, std::string>> seen;
  channel::HttpIngestOptions options;
  options.port = 0;
  options.authorize = [&](std::string_view authorization, channel::IngestRoute route,
                          std::string_view channel, std::optional<std::string_view> property,
                          channel::AuthorizeWait) -> std::optional<core::Status> {
    std::lock_guard lock(mutex);
    seen.emplace_back(route, std::string(channel), std::string(property.value_or("")));
    if (authorization != "Bearer good") {
      return core::Fail(core::ErrorCode::kInvalidArgument, "refused by the hook");
    }
    return core::Ok();
  };
  channel::HttpIngestServer server(*ingestor_, options);
  ASSERT_TRUE(server.Start().has_value());
  httplib::Client client("127.0.0.1", server.port());

  auto refused = client.Post("/v1/channels/secureholiday/reservations", Body(), kJson);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(ErrorMessage(Json(refused->body)), "refused by the hook");
  EXPECT_TRUE(ClaimItems().empty()) << "a refused call did no work";
  // Refused before the Content-Type is looked at.
  auto refused_text = client.Post("/v1/channels/secureholiday/reservations", Body(), "text/plain");
  ASSERT_TRUE(refused_text);
  EXPECT_EQ(refused_text->status, 400);

  client.set_default_headers({{"Authorization", "Bearer good"}});
  auto allowed =
      client.Post("/v1/channels/secureholiday/reservations:batch", "[" + Body() + "]", kJson);
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200) << allowed->body;
  EXPECT_EQ(ClaimItems().size(), 1u);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto unknown = client.Get("/v1/nowhere");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);

  std::lock_guard lock(mutex);
  using Route = channel::IngestRoute;
  const std::vector<std::tuple<Route, std::string, std::string>> expected = {
      {Route::kPushReservation, "secureholiday", ""},
      {Route::kPushReservation, "secureholiday", ""},
      {Route::kPushBatch, "secureholiday", ""},
      {Route::kPushBatch, "secureholiday", "riviera"}};
  EXPECT_EQ(seen, expected) << "health and unknown routes are answered without the hook";
  client.stop();
  server.Stop();
}

// An authorizer that must read its store for one key (as on a cache miss) and whose store hangs
// until the test lets it go: the request that needs it waits off the event thread, so with a
// single event thread another portal's push is still answered at once.
TEST_F(IngestHttpTest, AnAuthorizationReadingTheStoreDoesNotStallOtherConnections) {
  std::mutex mutex;
  std::condition_variable changed;
  bool reading = false;
  bool store_answers = false;
  channel::HttpIngestOptions options;
  options.port = 0;
  options.event_threads = 1;
  options.authorize = [&](std::string_view authorization, channel::IngestRoute, std::string_view,
                          std::optional<std::string_view>,
                          channel::AuthorizeWait wait) -> std::optional<core::Status> {
    if (authorization != "Bearer uncached") return core::Ok();
    if (wait == channel::AuthorizeWait::kAtOnce) return std::nullopt;
    std::unique_lock lock(mutex);
    reading = true;
    changed.notify_all();
    changed.wait(lock, [&] { return store_answers; });
    return core::Ok();
  };
  channel::HttpIngestServer server(*ingestor_, options);
  ASSERT_TRUE(server.Start().has_value());

  int uncached_status = 0;
  std::thread uncached([&] {
    httplib::Client client("127.0.0.1", server.port());
    client.set_bearer_token_auth("uncached");
    auto pushed =
        client.Post("/v1/channels/secureholiday/reservations", Body("SH-UNCACHED"), kJson);
    uncached_status = pushed ? pushed->status : -1;
  });
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(5), [&] { return reading; }));
  }

  httplib::Client other("127.0.0.1", server.port());
  other.set_bearer_token_auth("cached");
  other.set_read_timeout(std::chrono::seconds(2));
  auto pushed = other.Post("/v1/channels/secureholiday/reservations", Body("SH-CACHED"), kJson);
  ASSERT_TRUE(pushed) << "the event thread is held: " << httplib::to_string(pushed.error());
  EXPECT_EQ(pushed->status, 202) << pushed->body;

  {
    std::lock_guard lock(mutex);
    store_answers = true;
  }
  changed.notify_all();
  uncached.join();
  EXPECT_EQ(uncached_status, 202);
  EXPECT_EQ(ClaimItems().size(), 2u);
  other.stop();
  server.Stop();
}

TEST_F(IngestHttpTest, StopIsIdempotentAndRefusesNewConnections) {
  server_->Stop();
  server_->Stop();
  httplib::Client after("127.0.0.1", server_->port());
  after.set_connection_timeout(std::chrono::milliseconds(500));
  EXPECT_FALSE(after.Get("/healthz"));
}

}  // namespace
}  // namespace chansync
