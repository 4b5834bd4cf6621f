// Unary gRPC pushes many at a time against a real `chansync serve` on a real redis-server: each
// call is answered once it is durably queued, with its own tracking id.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "chansync/channel/work_item.h"
#include "chansync/core/clock.h"
#include "chansync/linking/redis_property_store.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/redis_server.h"
#include "chansync/v1/ingest.grpc.pb.h"

namespace chansync {
namespace {

using namespace std::chrono_literals;

v1::Reservation ProtoReservation(const std::string& id) {
  v1::Reservation r;
  r.set_channel("secureholiday");
  r.set_channel_reservation_id(id);
  r.set_property("riviera-" + std::to_string(id.size() % 7));
  r.set_arrival(test::DayOfMonthAhead(1));
  r.set_departure(test::DayOfMonthAhead(8));
  r.set_guest_name("Jeanne Martin");
  r.set_product("SH-MH4");
  r.mutable_price()->set_amount_minor(84900);
  r.mutable_price()->set_currency("EUR");
  return r;
}

// One unary call started on the callback client API; its answer once it came.
struct Call {
  grpc::ClientContext context;
  v1::PushReservationRequest request;
  v1::PushReservationResponse response;
  grpc::Status status;
};

class IngestGrpcUnaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    // Declared properties: a store without any refuses pushes (STORE_NOT_READY).
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(),
        std::vector<std::string>{"--workers", "0", "--declarations",
                                 test::SourcePath("deploy/local/riviera.json")});
    ASSERT_FALSE(server_->address().empty()) << server_->log();
    pool_ = redis_->NewPool(2);
    // The pushes spread over seven properties, so over several queue shards.
    linking::RedisPropertyStore store(*pool_);
    for (int p = 0; p < 7; ++p) {
      const std::string property = "riviera-" + std::to_string(p);
      ASSERT_TRUE(store.CreateProperty({.id = property, .name = property, .timezone = "UTC"}));
      ASSERT_TRUE(store.SetChannelProducts(property, "secureholiday", {{.id = "SH-MH4"}}));
    }
    auto queue = queue::RedisWorkQueue::Open(*pool_, clock_);
    ASSERT_TRUE(queue.has_value()) << queue.error().ToString();
    queue_ = std::move(*queue);
    stub_ = v1::IngestService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // Starts every call at once; `spoil(i)` may make call i invalid.
  void StartAll(int count, const std::function<void(int, v1::Reservation*)>& spoil = {}) {
    calls_.clear();
    for (int i = 0; i < count; ++i) {
      auto call = std::make_unique<Call>();
      *call->request.mutable_reservation() = ProtoReservation("SH-" + std::to_string(i));
      if (spoil) spoil(i, call->request.mutable_reservation());
      call->context.set_deadline(std::chrono::system_clock::now() + 30s);
      call->context.AddMetadata("authorization", server_->bearer());
      calls_.push_back(std::move(call));
    }
    for (auto& call : calls_) {
      stub_->async()->PushReservation(&call->context, &call->request, &call->response,
                                      [this, raw = call.get()](grpc::Status status) {
                                        std::lock_guard lock(mutex_);
                                        raw->status = std::move(status);
                                        ++answered_;
                                        all_answered_.notify_all();
                                      });
    }
  }

  void WaitForAllAnswers() {
    std::unique_lock lock(mutex_);
    ASSERT_TRUE(all_answered_.wait_for(lock, 60s, [&] { return answered_ == calls_.size(); }))
        << answered_ << " of " << calls_.size() << " answered";
  }

  // Everything now in the Redis streams, by tracking id.
  std::map<std::string, channel::WorkItem> Queued() {
    std::map<std::string, channel::WorkItem> out;
    for (;;) {
      auto messages = queue_->Claim("test", 500, 0ms);
      EXPECT_TRUE(messages.has_value());
      if (!messages || messages->empty()) return out;
      for (const auto& message : *messages) {
        auto item = channel::WorkItemFromJson(message.payload);
        EXPECT_TRUE(item.has_value()) << message.payload;
        if (item) out.emplace(message.tracking_id, *item);
      }
    }
  }

  core::SystemClock clock_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<queue::RedisWorkQueue> queue_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
  std::vector<std::unique_ptr<Call>> calls_;
  std::mutex mutex_;
  std::condition_variable all_answered_;
  size_t answered_ = 0;
};

TEST_F(IngestGrpcUnaryTest, ConcurrentPushesAreEachQueuedOnceWithTheirOwnTrackingId) {
  constexpr int kCalls = 500;
  // Every 50th is refused: by the proto conversion (a bad date) or by validation (no guest).
  StartAll(kCalls, [](int i, v1::Reservation* r) {
    if (i % 100 == 10) r->set_arrival("2026/09/01");
    if (i % 100 == 60) r->set_guest_name("");
  });
  WaitForAllAnswers();

  auto queued = Queued();
  std::set<std::string> tracking_ids;
  for (int i = 0; i < kCalls; ++i) {
    const Call& call = *calls_[i];
    if (i % 100 == 10 || i % 100 == 60) {
      EXPECT_EQ(call.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << i;
      const std::string expected =
          i % 100 == 10 ? "INVALID_RESERVATION: arrival" : "INVALID_RESERVATION: guest_name";
      EXPECT_TRUE(call.status.error_message().starts_with(expected))
          << i << ": " << call.status.error_message();
      continue;
    }
    ASSERT_TRUE(call.status.ok()) << i << ": " << call.status.error_message();
    const std::string name = "SH-" + std::to_string(i);
    EXPECT_EQ(call.response.id(), call.request.reservation().property() + "/secureholiday/" + name);
    ASSERT_TRUE(queued.contains(call.response.tracking_id())) << i;
    EXPECT_EQ(queued.at(call.response.tracking_id()).reservation.channel_reservation_id, name);
    tracking_ids.insert(call.response.tracking_id());
  }
  EXPECT_EQ(tracking_ids.size(), size_t{kCalls - 10});
  EXPECT_EQ(queued.size(), size_t{kCalls - 10}) << "nothing refused was queued, nothing twice";
}

TEST_F(IngestGrpcUnaryTest, StoppingWithPushesInFlightExitsCleanlyAndKeepsEveryAcceptance) {
  constexpr int kCalls = 400;
  StartAll(kCalls);
  const int status = server_->process().Stop(SIGTERM, 20s);
  WaitForAllAnswers();
  ASSERT_TRUE(WIFEXITED(status)) << "status " << status << "\n" << server_->log();
  EXPECT_EQ(WEXITSTATUS(status), 0) << server_->log();

  auto queued = Queued();
  size_t accepted = 0;
  for (int i = 0; i < kCalls; ++i) {
    const Call& call = *calls_[i];
    if (!call.status.ok()) {
      // Refused while stopping: the portal retries elsewhere or later.
      EXPECT_NE(call.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << i << ": " << call.status.error_message();
      continue;
    }
    ++accepted;
    ASSERT_TRUE(queued.contains(call.response.tracking_id())) << "accepted but not queued: " << i;
    EXPECT_EQ(queued.at(call.response.tracking_id()).reservation.channel_reservation_id,
              "SH-" + std::to_string(i));
  }
  EXPECT_LE(accepted, queued.size());
}

TEST(IngestGrpcRateLimitTest, APushBeyondTheLimitIsResourceExhaustedWithARetryAfter) {
  test::RedisServer redis;
  test::ChansyncServer server(
      redis.endpoint(),
      {"--workers", "0", "--declarations", test::SourcePath("deploy/local/riviera.json"),
       "--rate-limit-per-channel", "1", "--rate-limit-burst", "1"});
  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
  auto push = [&](const std::string& id, grpc::ClientContext& context) {
    v1::PushReservationRequest request;
    *request.mutable_reservation() = ProtoReservation(id);
    request.mutable_reservation()->set_property("riviera");  // the one declared
    v1::PushReservationResponse response;
    context.AddMetadata("authorization", server.bearer());
    return stub->PushReservation(&context, request, &response);
  };
  grpc::ClientContext first_context;
  ASSERT_TRUE(push("SH-1", first_context).ok());
  grpc::ClientContext second_context;
  const grpc::Status limited = push("SH-2", second_context);
  EXPECT_EQ(limited.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(limited.error_message().rfind("RATE_LIMITED: ", 0), 0u) << limited.error_message();
  EXPECT_NE(limited.error_message().find("retry after"), std::string::npos);
  const auto& trailers = second_context.GetServerTrailingMetadata();
  auto retry_after = trailers.find("retry-after");
  ASSERT_NE(retry_after, trailers.end());
  EXPECT_EQ(std::string(retry_after->second.data(), retry_after->second.size()), "1");
}

}  // namespace
}  // namespace chansync
