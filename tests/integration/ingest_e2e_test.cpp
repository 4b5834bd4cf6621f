// End to end: a real `chansync serve` on a real redis-server, fed over HTTP, gRPC and the CLI.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "chansync/channel/work_item.h"
#include "chansync/core/clock.h"
#include "chansync/core/reservation_json.h"
#include "chansync/queue/redis_work_queue.h"
#include "chansync/test/chansync_server.h"
#include "chansync/test/dates.h"
#include "chansync/test/loopback.h"
#include "chansync/test/process_memory.h"
#include "chansync/test/redis_server.h"
#include "chansync/v1/ingest.grpc.pb.h"

namespace chansync {
namespace {

constexpr const char* kJson = "application/json";

v1::Reservation ProtoReservation(const std::string& id) {
  v1::Reservation r;
  r.set_channel("secureholiday");
  r.set_channel_reservation_id(id);
  r.set_property("riviera");
  r.set_arrival(test::DayOfMonthAhead(1));
  r.set_departure(test::DayOfMonthAhead(8));
  r.set_guest_name("Jeanne Martin");
  r.set_product("SH-MH4");
  auto* option = r.add_options();
  option->set_option("SH-LINGE");
  option->set_quantity(2);
  r.mutable_price()->set_amount_minor(84900);
  r.mutable_price()->set_currency("EUR");
  return r;
}

std::string JsonReservation(const std::string& id,
                            const std::string& arrival = test::DayOfMonthAhead(1)) {
  return R"({"channel_reservation_id": ")" + id + R"(", "property": "riviera",
    "arrival": ")" +
         arrival + R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "guest_name": "Jeanne Martin",
    "product": "SH-MH4", "price": {"amount_minor": 84900, "currency": "EUR"}})";
}

std::string ReservationNamed(const std::string& guest_name_json) {
  return R"({"channel_reservation_id": "SH-1", "property": "riviera", "arrival": ")" +
         test::DayOfMonthAhead(1) + R"(", "departure": ")" + test::DayOfMonthAhead(8) +
         R"(", "guest_name": )" + guest_name_json +
         R"(, "product": "SH-MH4", "price": {"amount_minor": 84900, "currency": "EUR"}})";
}

void ExpectAlive(httplib::Client& client) {
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

class IngestE2eTest : public ::testing::Test {
 protected:
  // Pushes SH-1 over gRPC once `spoil` changed it.
  grpc::Status PushSpoiled(const std::function<void(v1::Reservation*)>& spoil) {
    v1::PushReservationRequest request;
    *request.mutable_reservation() = ProtoReservation("SH-1");
    spoil(request.mutable_reservation());
    v1::PushReservationResponse response;
    grpc::ClientContext context;
    context.AddMetadata("authorization", server_->bearer());
    return stub_->PushReservation(&context, request, &response);
  }

  void SetUp() override {
    redis_ = std::make_unique<test::RedisServer>();
    // No workers: these tests read what was accepted straight off the queue.
    // Declared properties: a store without any refuses pushes (STORE_NOT_READY).
    server_ = std::make_unique<test::ChansyncServer>(
        redis_->endpoint(),
        std::vector<std::string>{"--workers", "0", "--declarations",
                                 test::SourcePath("deploy/local/riviera.json")});
    ASSERT_FALSE(server_->http_address().empty()) << server_->log();
    pool_ = redis_->NewPool(4);
    auto queue = queue::RedisWorkQueue::Open(*pool_, clock_);
    ASSERT_TRUE(queue.has_value()) << queue.error().ToString();
    queue_ = std::move(*queue);
    stub_ = v1::IngestService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // Everything now in the Redis streams, by tracking id.
  std::map<std::string, channel::WorkItem> Queued() {
    std::map<std::string, channel::WorkItem> out;
    for (;;) {
      auto messages = queue_->Claim("test", 500, std::chrono::milliseconds(0));
      EXPECT_TRUE(messages.has_value());
      if (!messages || messages->empty()) return out;
      for (const auto& message : *messages) {
        auto item = channel::WorkItemFromJson(message.payload);
        EXPECT_TRUE(item.has_value()) << message.payload;
        if (item) out.emplace(message.tracking_id, *item);
      }
    }
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = files_.path() + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  core::SystemClock clock_;
  test::TempDir files_;
  std::unique_ptr<test::RedisServer> redis_;
  std::unique_ptr<test::ChansyncServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<queue::RedisWorkQueue> queue_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

TEST_F(IngestE2eTest, HttpPushLandsInRedis) {
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  auto res = client.Post("/v1/channels/secureholiday/reservations", JsonReservation("SH-7"),
                         "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 202) << res->body;
  auto queued = Queued();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued.begin()->second.reservation.channel_reservation_id, "SH-7");
  EXPECT_NE(res->body.find(queued.begin()->first), std::string::npos) << res->body;
  EXPECT_EQ(client.Get("/healthz")->status, 200);
}

TEST_F(IngestE2eTest, GrpcPushReservation) {
  v1::PushReservationRequest request;
  *request.mutable_reservation() = ProtoReservation("SH-42");
  request.mutable_reservation()->set_sold_at("2026-08-01T10:15:00Z");
  v1::PushReservationResponse response;
  grpc::ClientContext context;
  context.AddMetadata("authorization", server_->bearer());
  auto status = stub_->PushReservation(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.id(), "riviera/secureholiday/SH-42");

  auto queued = Queued();
  ASSERT_EQ(queued.size(), 1u);
  ASSERT_TRUE(queued.contains(response.tracking_id()));
  const auto& r = queued.at(response.tracking_id()).reservation;
  EXPECT_EQ(r.options.at(0).quantity, 2);
  EXPECT_EQ(r.price.minor_units, 84900);
  EXPECT_EQ(r.revision, 1);
  EXPECT_EQ(core::FormatTimestamp(r.sold_at), "2026-08-01T10:15:00.000Z");
}

TEST_F(IngestE2eTest, GrpcRefusalsNameTheField) {
  struct Case {
    std::function<void(v1::Reservation*)> spoil;
    std::string message_start;
  };
  const std::vector<Case> cases = {
      {[](v1::Reservation* r) { r->set_arrival("2026/09/01"); }, "INVALID_RESERVATION: arrival"},
      {[](v1::Reservation* r) { r->set_sold_at("noon"); }, "INVALID_RESERVATION: sold_at"},
      {[](v1::Reservation* r) { r->clear_price(); }, "INVALID_RESERVATION: price"},
      {[](v1::Reservation* r) { r->mutable_price()->set_currency("E"); },
       "INVALID_RESERVATION: price.currency"},
      {[](v1::Reservation* r) { r->set_status(static_cast<v1::ReservationStatus>(9)); },
       "INVALID_RESERVATION: status"},
      {[](v1::Reservation* r) { r->set_guest_name(""); }, "INVALID_RESERVATION: guest_name"},
  };
  for (const auto& c : cases) {
    const grpc::Status status = PushSpoiled(c.spoil);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.message_start;
    EXPECT_TRUE(status.error_message().starts_with(c.message_start)) << status.error_message();
  }
  EXPECT_TRUE(Queued().empty());
}

TEST_F(IngestE2eTest, WhatNamesNothingDeclaredIsNotFoundOnBothTransports) {
  struct Case {
    std::function<void(v1::Reservation*)> spoil;
    std::string json_from, json_to;
  };
  const std::vector<Case> cases = {
      {[](v1::Reservation* r) { r->set_property("nowhere"); }, R"("property": "riviera")",
       R"("property": "nowhere")"},
      {[](v1::Reservation* r) { r->set_product("SH-GONE"); }, R"("product": "SH-MH4")",
       R"("product": "SH-GONE")"},
  };
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  for (const auto& c : cases) {
    const grpc::Status status = PushSpoiled(c.spoil);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();

    std::string body = JsonReservation("SH-1");
    body.replace(body.find(c.json_from), c.json_from.size(), c.json_to);
    auto res = client.Post("/v1/channels/secureholiday/reservations", body, kJson);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << res->body;
    EXPECT_NE(res->body.find("NOT_FOUND"), std::string::npos) << res->body;
  }
  auto res = client.Post("/v1/channels/nobody/reservations", JsonReservation("SH-1"), kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404) << res->body;
  EXPECT_TRUE(Queued().empty());
}

TEST_F(IngestE2eTest, GrpcStreamOfAThousand) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", server_->bearer());
  v1::PushReservationsResponse response;
  auto writer = stub_->PushReservations(&context, &response);
  for (int i = 0; i < 1000; ++i) {
    v1::PushReservationRequest request;
    *request.mutable_reservation() = ProtoReservation("SH-" + std::to_string(i));
    if (i % 250 == 7) request.mutable_reservation()->set_departure("2026-08-01");
    ASSERT_TRUE(writer->Write(request));
  }
  writer->WritesDone();
  auto status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.results_size(), 1000);
  EXPECT_EQ(response.accepted(), 996);

  auto queued = Queued();
  EXPECT_EQ(queued.size(), 996u);
  for (int i = 0; i < 1000; ++i) {
    const auto& result = response.results(i);
    if (i % 250 == 7) {
      ASSERT_TRUE(result.has_error()) << i;
      EXPECT_EQ(result.error().code(), "INVALID_RESERVATION");
      EXPECT_NE(result.error().message().find("departure"), std::string::npos);
      continue;
    }
    ASSERT_TRUE(result.has_accepted()) << i << ": " << result.error().message();
    EXPECT_EQ(result.accepted().id(), "riviera/secureholiday/SH-" + std::to_string(i));
    ASSERT_TRUE(queued.contains(result.accepted().tracking_id())) << i;
    EXPECT_EQ(queued.at(result.accepted().tracking_id()).reservation.channel_reservation_id,
              "SH-" + std::to_string(i));
  }
}

TEST_F(IngestE2eTest, CliPushOneAndMany) {
  auto one = server_->Cli(
      {"push", "--channel", "secureholiday", WriteFile("one.json", JsonReservation("SH-100"))});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(one.out.starts_with("accepted riviera/secureholiday/SH-100 (tracking ")) << one.out;

  const std::string many = "[" + JsonReservation("SH-101") + "," + JsonReservation("SH-102") + "," +
                           JsonReservation("SH-103") + "]";
  auto pushed =
      server_->Cli({"push", "--channel", "secureholiday", WriteFile("many.json", many), "--json"});
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  EXPECT_NE(pushed.out.find("\"accepted\": 3"), std::string::npos) << pushed.out;

  auto queued = Queued();
  std::set<std::string> ids;
  for (const auto& [tracking, item] : queued) ids.insert(item.reservation.channel_reservation_id);
  EXPECT_EQ(ids, (std::set<std::string>{"SH-100", "SH-101", "SH-102", "SH-103"}));
}

TEST_F(IngestE2eTest, CliRefusesBadInputWithCodes) {
  auto invalid = server_->Cli({"push", "--channel", "secureholiday",
                               WriteFile("bad.json", JsonReservation("SH-1", "2026-02-30"))});
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_NE(invalid.err.find("INVALID_RESERVATION: arrival"), std::string::npos) << invalid.err;

  const std::string mixed =
      "[" + JsonReservation("SH-2") + "," + JsonReservation("SH-3", "someday") + "]";
  auto partial =
      server_->Cli({"push", "--channel", "secureholiday", WriteFile("mixed.json", mixed)});
  EXPECT_EQ(partial.exit_code, 1);
  EXPECT_NE(partial.err.find("[1] INVALID_RESERVATION: arrival"), std::string::npos) << partial.err;

  auto no_channel = server_->Cli({"push", WriteFile("ok.json", JsonReservation("SH-4"))});
  EXPECT_EQ(no_channel.exit_code, 2);
  EXPECT_NE(no_channel.err.find("--channel"), std::string::npos) << no_channel.err;
  auto missing = server_->Cli({"push", "--channel", "secureholiday", files_.path() + "/none"});
  EXPECT_EQ(missing.exit_code, 2);

  EXPECT_TRUE(Queued().empty()) << "nothing may be pushed from a file with an invalid item";
}

// Hostile input: refused with a stable code, nothing queued, the process up and its memory
// bounded.
TEST_F(IngestE2eTest, DeepNestingIsA400OnEveryJsonRoute) {
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  struct Route {
    const char* path;
    const char* code;
  };
  const Route routes[] = {
      {"/v1/channels/secureholiday/reservations", "INVALID_RESERVATION"},
      {"/v1/channels/secureholiday/reservations:batch", "INVALID_RESERVATION"},
      {"/v1/channels/secureholiday/availability-checks", "INVALID_ARGUMENT"},
  };
  for (const Route& route : routes) {
    for (bool closed : {false, true}) {
      const std::string body = std::string(150000, '[') + (closed ? std::string(150000, ']') : "");
      auto res = client.Post(route.path, body, kJson);
      ASSERT_TRUE(res) << route.path << "\n" << server_->log();
      EXPECT_EQ(res->status, 400) << route.path << ": " << res->body;
      EXPECT_NE(res->body.find(route.code), std::string::npos) << res->body;
      EXPECT_NE(res->body.find("nested deeper than 32 levels"), std::string::npos) << res->body;
    }
  }
  ExpectAlive(client);
  EXPECT_EQ(Queued().size(), 0u);
}

TEST_F(IngestE2eTest, InvalidUtf8AndControlCharactersInTheGuestNameAre400) {
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  for (const std::string& name : {std::string("\"Jos\xe9\""), std::string("\"\xc0\xaf\""),
                                  std::string(R"("Jea\u0000nne")"), std::string(R"("A\r\nB")")}) {
    auto res =
        client.Post("/v1/channels/secureholiday/reservations", ReservationNamed(name), kJson);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << name << ": " << res->body;
    EXPECT_NE(res->body.find("INVALID_RESERVATION"), std::string::npos) << res->body;
  }
  EXPECT_EQ(Queued().size(), 0u);
  auto ok = client.Post("/v1/channels/secureholiday/reservations",
                        ReservationNamed("\"Zo\xc3\xab Ch\xc3\xa2telet\""), kJson);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 202) << ok->body;
}

TEST_F(IngestE2eTest, ChunkedBodiesAreBoundedBeforeTheyAreBuffered) {
  // A chunked body within the limit is an ordinary request.
  httplib::Client client("127.0.0.1", server_->http_port());
  client.set_bearer_token_auth(server_->key());
  const std::string body = ReservationNamed("\"Jeanne Martin\"");
  auto small = client.Post(
      "/v1/channels/secureholiday/reservations",
      [&](size_t offset, httplib::DataSink& sink) {
        if (offset < body.size()) {
          sink.write(body.data() + offset, std::min<size_t>(16, body.size() - offset));
        } else {
          sink.done();
        }
        return true;
      },
      kJson);
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 202) << small->body;

  const long before = test::PeakRssKib(server_->process().pid());
  ASSERT_GT(before, 0);
  std::vector<std::future<std::string>> senders;
  for (int i = 0; i < 4; ++i) {
    senders.push_back(
        std::async(std::launch::async, [port = server_->http_port(), key = server_->key()] {
          return test::SendChunked(port, "/v1/channels/secureholiday/reservations", 20 << 20, key);
        }));
  }
  for (auto& sender : senders) {
    const std::string reply = sender.get();
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply.substr(0, 300);
    EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply.substr(0, 300);
  }
  const long after = test::PeakRssKib(server_->process().pid());
  // Buffering the four bodies would take 80 MiB; bounded, each holds at most 1 MiB.
  EXPECT_LT(after - before, 32 * 1024) << "peak RSS " << before << " KiB -> " << after << " KiB";
  ExpectAlive(client);
  EXPECT_EQ(Queued().size(), 1u);
}

// Sends bytes that are no protobuf to `method`, unary.
grpc::Status CallWithGarbage(const std::string& address, const std::string& bearer,
                             const std::string& method) {
  grpc::GenericStub generic(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  const std::string garbage = "\xff\xff\xff\xff garbage that is no protobuf";
  grpc::Slice slice(garbage);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::ClientContext context;
  context.AddMetadata("authorization", bearer);
  std::promise<grpc::Status> done;
  generic.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                    [&](grpc::Status status) { done.set_value(status); });
  return done.get_future().get();
}

TEST_F(IngestE2eTest, AGrpcBodyThatDoesNotParseIsInvalidArgument) {
  for (const char* method :
       {"/chansync.v1.IngestService/PushReservation",
        "/chansync.v1.IngestService/CheckAvailability",
        "/chansync.v1.IngestService/PushReservations", "/chansync.v1.AdminService/LinkProduct",
        "/chansync.v1.OperatorService/ListIntegrations"}) {
    const grpc::Status status = CallWithGarbage(server_->address(), server_->bearer(), method);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method << ": " << status.error_message();
  }

  // The service still answers well-formed calls.
  v1::PushReservationRequest push;
  *push.mutable_reservation() = ProtoReservation("SH-9");
  v1::PushReservationResponse accepted;
  grpc::ClientContext push_context;
  push_context.AddMetadata("authorization", server_->bearer());
  auto pushed = stub_->PushReservation(&push_context, push, &accepted);
  EXPECT_TRUE(pushed.ok()) << pushed.error_message();
  EXPECT_EQ(Queued().size(), 1u);
}

}  // namespace
}  // namespace chansync
