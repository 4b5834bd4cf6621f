// 200 different reservations for the same nights of a product with 5 units, pushed at once,
// half over HTTP and half over gRPC, from three channels: exactly 5 are integrated, the other
// 195 fail NO_AVAILABILITY, and the PMS holds 5 without overbooking.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <iostream>
#include <latch>

#include "census.h"
#include "chansync/test/dates.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "estate.h"

namespace chansync::test::reliability {
namespace {

using namespace std::chrono_literals;

constexpr int kUnits = 5;
constexpr int kPushes = 200;

std::string PushOverGrpc(v1::IngestService::Stub& stub, const Channel& channel,
                         const std::string& id) {
  v1::PushReservationRequest request;
  v1::Reservation& r = *request.mutable_reservation();
  r.set_channel(channel.id);
  r.set_channel_reservation_id(id);
  r.set_property(kProperty);
  r.set_arrival(DayOfMonthAhead(1));
  r.set_departure(DayOfMonthAhead(8));
  r.set_guest_name("Guest " + id);
  r.set_product(channel.product);
  r.mutable_price()->set_amount_minor(84900);
  r.mutable_price()->set_currency("EUR");
  v1::PushReservationResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 10s);
  context.AddMetadata("authorization", "Bearer " + ApiKey());
  const grpc::Status status = stub.PushReservation(&context, request, &response);
  return status.ok() ? ""
                     : "gRPC " + std::to_string(status.error_code()) + " " + status.error_message();
}

class LastUnitsTest : public ::testing::TestWithParam<int> {};

TEST_P(LastUnitsTest, TwoHundredConcurrentPushesForFiveUnitsIntegrateExactlyFive) {
  Estate estate({.units = kUnits});
  auto server = estate.StartServer({"--workers", "3"});
  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials()));
  const std::string prefix = "U" + std::to_string(GetParam()) + "-";

  std::vector<ReservationRef> refs;
  for (int i = 0; i < kPushes; ++i) {
    refs.push_back({Channels()[i % Channels().size()].id, prefix + std::to_string(i)});
  }
  std::atomic<int> accepted{0}, unanswered{0};
  std::latch start(kPushes);
  std::vector<std::thread> pushers;
  for (int i = 0; i < kPushes; ++i) {
    pushers.emplace_back([&, i] {
      const Channel& channel = Channels()[i % Channels().size()];
      const std::string& id = refs[i].id;
      const std::string body = ReservationJson(channel, id);
      start.arrive_and_wait();
      std::string refusal;
      if (i % 2 == 0) {
        // A push left without an answer is sent again, as a portal does: the same revision
        // twice is integrated once.
        PushAnswer answer = PostReservation(server->http_port(), channel, body);
        for (int retry = 0; answer.status == -1 && retry < 3; ++retry) {
          ++unanswered;
          answer = PostReservation(server->http_port(), channel, body);
        }
        if (answer.status != 202)
          refusal = "HTTP " + std::to_string(answer.status) + " " + answer.code;
      } else {
        refusal = PushOverGrpc(*stub, channel, id);
      }
      accepted += refusal.empty();
      EXPECT_EQ(refusal, "") << id;
    });
  }
  for (auto& pusher : pushers) pusher.join();

  auto settled = [&] {
    for (const auto& record : ReadLog(estate.log(), refs)) {
      if (!record || record->status == integration::IntegrationStatus::kPending) return false;
    }
    return true;
  };
  const bool done = WaitUntil(settled, 60s);
  const PmsCensus pms = TakePmsCensus(estate.pms());
  int integrated = 0, no_availability = 0;
  for (const auto& record : ReadLog(estate.log(), refs)) {
    integrated += IsIntegrated(record);
    no_availability += record && record->status == integration::IntegrationStatus::kFailed &&
                       record->error && record->error->code == core::ErrorCode::kNoAvailability;
  }
  Figures figures{.scenario = "200 pushes for 5 units", .run = GetParam()};
  figures.pushed = kPushes + unanswered;
  figures.accepted = accepted;
  figures.in_pms = static_cast<int64_t>(pms.held.size());
  figures.in_log = integrated;
  figures.duplicates = static_cast<int64_t>(pms.Duplicates());
  figures.lost = kPushes - integrated - no_availability;
  figures.detail = std::to_string(no_availability) + " failed NO_AVAILABILITY; PMS overbookings " +
                   std::to_string(pms.overbookings);
  std::cout << figures.Line() << '\n';

  EXPECT_TRUE(done) << server->log();
  EXPECT_EQ(accepted, kPushes);
  EXPECT_EQ(integrated, kUnits);
  EXPECT_EQ(no_availability, kPushes - kUnits);
  EXPECT_EQ(pms.reservations, static_cast<size_t>(kUnits));
  EXPECT_EQ(pms.overbookings, 0);
  EXPECT_EQ(figures.duplicates, 0);
  EXPECT_EQ(figures.lost, 0);
}

INSTANTIATE_TEST_SUITE_P(ThreeRuns, LastUnitsTest, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace chansync::test::reliability
