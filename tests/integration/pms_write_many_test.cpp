#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "chansync/pms/curl_pms_client.h"
#include "pms_sim_fixture.h"

namespace chansync::pms {
namespace {

using core::ErrorCode;
using pms_sim_fixture::Booking;
using pms_sim_fixture::PmsSim;
using pms_sim_fixture::StayOf;
using ::testing::HasSubstr;

ReservationWrite Create(CreateReservationRequest request) {
  return ReservationWrite{"riviera", std::move(request)};
}

TEST(PmsWriteManyTest, CreatesModifiesAndCancelsEachWithItsOwnOutcome) {
  PmsSim sim;
  auto client = sim.Client();
  const auto september = StayOf("2026-09-01", "2026-09-05");
  auto first = client->CreateReservation("riviera", Booking("w-0", "pitch", september));
  auto second = client->CreateReservation("riviera", Booking("w-00", "pitch", september));
  ASSERT_TRUE(first.has_value() && second.has_value());

  ModifyReservationRequest move{.idempotency_key = "w-0-r2",
                                .pms_reservation_id = first->pms_reservation_id,
                                .product = "chalet",
                                .stay = StayOf("2026-10-01", "2026-10-03"),
                                .guest_name = "Jan de Vries",
                                .price = *core::Money::Make(20000, "EUR")};
  CreateReservationRequest keyless = Booking("w-4", "pitch", september);
  keyless.idempotency_key.clear();
  ModifyReservationRequest unknown = move;
  unknown.idempotency_key = "w-5";
  unknown.pms_reservation_id = "999999XXX";
  const std::vector<ReservationWrite> writes{
      Create(Booking("w-1", "pitch", september)),
      Create(Booking("w-2", "chalet", StayOf("2026-07-01", "2026-07-08"))),  // 100001RIV has one
      {"riviera", move},
      {"riviera", CancelReservationRequest{second->pms_reservation_id}},
      Create(keyless),
      {"riviera", unknown},
  };
  EXPECT_THAT(sim.Admin("/admin/properties/riviera/products/chalet", R"({"units": 1})"),
              HasSubstr(R"("units":1)"));

  auto results = client->WriteMany(writes, 4);
  ASSERT_EQ(results.size(), writes.size());
  ASSERT_TRUE(results[0].has_value()) << results[0].error().ToString();
  EXPECT_FALSE(results[0]->pms_reservation_id.empty());
  EXPECT_FALSE(results[0]->overbooked);
  ASSERT_FALSE(results[1].has_value());
  EXPECT_EQ(results[1].error().code, ErrorCode::kNoAvailability);
  ASSERT_TRUE(results[2].has_value()) << results[2].error().ToString();
  EXPECT_EQ(*results[2], ReservationWriteResult{});
  ASSERT_TRUE(results[3].has_value()) << results[3].error().ToString();
  ASSERT_FALSE(results[4].has_value());
  EXPECT_EQ(results[4].error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(results[5].has_value());
  EXPECT_EQ(results[5].error().code, ErrorCode::kPmsRejected);

  // Each write did what it says in the PMS, and only once.
  auto created = client->GetReservation("riviera", results[0]->pms_reservation_id);
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->channel_reservation_id, "B-w-1");
  auto moved = client->GetReservation("riviera", first->pms_reservation_id);
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->product, "chalet");
  EXPECT_EQ(moved->stay, StayOf("2026-10-01", "2026-10-03"));
  auto cancelled = client->GetReservation("riviera", second->pms_reservation_id);
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->status, PmsReservationStatus::kCancelled);
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"creates\":3,"));
}

TEST(PmsWriteManyTest, WritesOverlapUpToTheLimit) {
  // Every answer takes 200 ms: sixteen writes, eight at a time, take two answers' time, not
  // sixteen. The bound leaves room for a slow machine and still fails one write at a time.
  PmsSim sim({"--latency-ms", "200", "--threads", "16"});
  auto client = sim.Client();
  std::vector<ReservationWrite> writes;
  for (int i = 0; i < 16; ++i) {
    writes.push_back(
        Create(Booking("o-" + std::to_string(i), "pitch", StayOf("2026-09-01", "2026-09-03"))));
  }
  const auto start = std::chrono::steady_clock::now();
  auto results = client->WriteMany(writes, 8);
  const auto took = std::chrono::steady_clock::now() - start;
  for (const auto& result : results) ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_GE(took, std::chrono::milliseconds(400));
  EXPECT_LT(took, std::chrono::milliseconds(1600));
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"creates\":16,"));
}

// The session's kept connections and the sockets it watches carry over from batch to batch.
TEST(PmsWriteManyTest, BatchAfterBatchOnKeptConnections) {
  PmsSim sim;
  auto client = sim.Client();
  int sequence = 0;
  for (int batch = 0; batch < 25; ++batch) {
    std::vector<ReservationWrite> writes;
    for (int i = 0; i < 12; ++i) {
      // 20 a night: the pitches (30) never run out.
      const core::CivilDate night = core::CivilDate::Parse("2026-09-01")->AddDays(sequence / 20);
      writes.push_back(Create(Booking("k-" + std::to_string(sequence++), "pitch",
                                      core::Stay{night, night.AddDays(1)})));
    }
    auto results = client->WriteMany(writes, 4);
    ASSERT_EQ(results.size(), writes.size());
    for (const auto& result : results) {
      ASSERT_TRUE(result.has_value()) << "batch " << batch << ": " << result.error().ToString();
      EXPECT_FALSE(result->pms_reservation_id.empty());
    }
  }
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"creates\":300,"));
}

TEST(PmsWriteManyTest, TransientFailuresAreRetriedWithoutDuplicates) {
  PmsSim sim;
  auto client = sim.Client({.max_attempts = 4});
  sim.Admin("/admin/faults", R"({"fail_next_5xx": 5})");
  std::vector<ReservationWrite> writes;
  for (int i = 0; i < 6; ++i) {
    writes.push_back(
        Create(Booking("r-" + std::to_string(i), "pitch", StayOf("2026-09-01", "2026-09-03"))));
  }
  auto results = client->WriteMany(writes, 3);
  for (const auto& result : results) ASSERT_TRUE(result.has_value()) << result.error().ToString();
  const std::string stats = sim.Admin("/admin/stats");
  EXPECT_THAT(stats, HasSubstr("\"creates\":6,"));
  EXPECT_THAT(stats, HasSubstr("\"faults_injected\":5"));

  // Written again with the same keys (a redelivered batch): the same reservations, none new.
  auto again = client->WriteMany(writes, 3);
  for (size_t i = 0; i < writes.size(); ++i) {
    ASSERT_TRUE(again[i].has_value());
    EXPECT_EQ(again[i]->pms_reservation_id, results[i]->pms_reservation_id);
  }
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"creates\":6,"));
}

TEST(PmsWriteManyTest, DownOrStoppedPmsFailsEveryWriteUnavailable) {
  PmsSim sim;
  auto client = sim.Client({.max_attempts = 2});
  const std::vector<ReservationWrite> writes{
      Create(Booking("d-1", "pitch", StayOf("2026-09-01", "2026-09-03"))),
      {"riviera", CancelReservationRequest{"100001RIV"}}};
  sim.Admin("/admin/faults", R"({"down": true})");
  for (const auto& result : client->WriteMany(writes, 2)) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kPmsUnavailable);
    EXPECT_THAT(result.error().message, HasSubstr("503"));
  }
  sim.Stop();
  for (const auto& result : client->WriteMany(writes, 2)) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kPmsUnavailable);
    EXPECT_THAT(result.error().message, HasSubstr("connect"));
  }
}

TEST(PmsWriteManyTest, ASlowPmsFailsWithinTheCallDeadline) {
  PmsSim sim({"--latency-ms", "1500"});
  auto client = sim.Client();
  std::vector<ReservationWrite> writes;
  for (int i = 0; i < 4; ++i) {
    writes.push_back(
        Create(Booking("s-" + std::to_string(i), "pitch", StayOf("2026-09-01", "2026-09-03"))));
  }
  const auto start = std::chrono::steady_clock::now();
  auto results = client->WriteMany(writes, 2, CallOptions::Within(std::chrono::milliseconds(300)));
  const auto took = std::chrono::steady_clock::now() - start;
  for (const auto& result : results) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kPmsUnavailable);
    EXPECT_THAT(result.error().message, HasSubstr("deadline"));
  }
  EXPECT_LT(took, std::chrono::milliseconds(900));
}

TEST(PmsWriteManyTest, NothingToWriteSendsNothing) {
  PmsSim sim;
  auto client = sim.Client();
  EXPECT_TRUE(client->WriteMany({}, 8).empty());
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"creates\":0,"));
}

}  // namespace
}  // namespace chansync::pms
