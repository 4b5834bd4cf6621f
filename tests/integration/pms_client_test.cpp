#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "chansync/pms/curl_pms_client.h"
#include "chansync/test/process.h"
#include "pms_sim_fixture.h"

namespace chansync::pms {
namespace {

using core::CivilDate;
using core::ErrorCode;
using ::testing::HasSubstr;

using namespace pms_sim_fixture;  // NOLINT: the fixture is these tests' vocabulary

TEST(PmsClientTest, ListsProductsAndOptions) {
  PmsSim sim;
  auto client = sim.Client();
  auto products = client->ListProducts("riviera");
  ASSERT_TRUE(products.has_value()) << products.error().ToString();
  ASSERT_EQ(products->size(), 4u);
  EXPECT_EQ((*products)[0], (core::PmsProduct{"mh-4p", "Mobile home 4 people", 12}));
  auto options = client->ListOptions("riviera");
  ASSERT_TRUE(options.has_value());
  ASSERT_EQ(options->size(), 4u);
  EXPECT_EQ((*options)[3], (core::PmsOption{"baby-kit", "Baby kit"}));
  EXPECT_TRUE(client->Health().has_value());
}

TEST(PmsClientTest, AvailabilityAndCheckCountNightByNight) {
  PmsSim sim;
  auto client = sim.Client();
  // The loaded reservation holds one chalet from 07-04 to 07-11.
  auto grid = client->Availability("riviera", Day("2026-07-02"), Day("2026-07-06"));
  ASSERT_TRUE(grid.has_value()) << grid.error().ToString();
  ASSERT_EQ(grid->size(), 4u);
  EXPECT_EQ((*grid)[2], (ProductAvailability{"chalet", {4, 4, 3, 3}}));
  EXPECT_EQ((*grid)[3].free_units, (std::vector<int>{30, 30, 30, 30}));

  auto check = client->Check("riviera", "chalet", StayOf("2026-07-01", "2026-07-05"));
  ASSERT_TRUE(check.has_value());
  EXPECT_EQ(*check, (CheckResult{true, 3}));

  auto bad = client->Availability("riviera", Day("2026-07-06"), Day("2026-07-02"));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kPmsRejected);
}

TEST(PmsClientTest, CreatesAndReadsBackAReservation) {
  PmsSim sim;
  auto client = sim.Client();
  auto created = client->CreateReservation(
      "riviera", Booking("k-1", "mh-4p", StayOf("2026-08-01", "2026-08-08")));
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  EXPECT_TRUE(std::regex_match(created->pms_reservation_id, std::regex("[0-9]{6}RIV")))
      << created->pms_reservation_id;
  EXPECT_FALSE(created->overbooked);

  auto read = client->GetReservation("riviera", created->pms_reservation_id);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->channel_reservation_id, "B-k-1");
  EXPECT_EQ(read->options, (std::vector<OptionQuantity>{{"linen", 2}, {"pet", 1}}));
  EXPECT_EQ(read->price.minor_units, 74500);
  EXPECT_EQ(read->status, PmsReservationStatus::kConfirmed);

  auto check = client->Check("riviera", "mh-4p", StayOf("2026-08-07", "2026-08-09"));
  EXPECT_EQ(check->units_left, 11);

  auto missing = client->GetReservation("riviera", "999999RIV");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(PmsClientTest, SameIdempotencyKeyGivesTheSameReservationOnce) {
  PmsSim sim;
  auto client = sim.Client();
  const auto request = Booking("k-same", "pitch", StayOf("2026-08-01", "2026-08-03"));
  auto first = client->CreateReservation("riviera", request);
  auto second = client->CreateReservation("riviera", request);
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->pms_reservation_id, second->pms_reservation_id);
  auto all = client->ListReservations("riviera");
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 2u);  // the loaded one and this one
  EXPECT_EQ(client->Check("riviera", "pitch", request.stay)->units_left, 29);

  auto changed = request;
  changed.guest_name = "Someone Else";
  auto reused = client->CreateReservation("riviera", changed);
  ASSERT_FALSE(reused.has_value());
  EXPECT_EQ(reused.error().code, ErrorCode::kPmsRejected);
  EXPECT_THAT(reused.error().message, HasSubstr("IDEMPOTENCY_KEY_REUSED"));
}

TEST(PmsClientTest, FindsTheReservationsOfAChannelReservation) {
  PmsSim sim;
  auto client = sim.Client();
  auto request = Booking("k-find", "pitch", StayOf("2026-08-01", "2026-08-03"));
  request.channel_reservation_id = "B 7/&?";  // escaped in the query
  auto created = client->CreateReservation("riviera", request);
  ASSERT_TRUE(created.has_value()) << created.error().ToString();

  auto found = client->FindReservations("riviera", "booking", "B 7/&?");
  ASSERT_TRUE(found.has_value()) << found.error().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, created->pms_reservation_id);
  EXPECT_EQ((*found)[0].last_idempotency_key, "k-find");
  EXPECT_EQ((*found)[0].status, PmsReservationStatus::kConfirmed);

  auto loaded = client->FindReservations("riviera", "direct", "phone-1");
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].id, "100001RIV");
  EXPECT_EQ((*loaded)[0].last_idempotency_key, "");  // loaded, never written through the API

  auto many = client->FindMany({{"riviera", "booking", "B 7/&?"},
                                {"riviera", "booking", "B-none"},
                                {"nowhere", "booking", "B-1"}},
                               2);
  ASSERT_EQ(many.size(), 3u);
  ASSERT_TRUE(many[0].has_value()) << many[0].error().ToString();
  EXPECT_EQ(*many[0], *found);
  ASSERT_TRUE(many[1].has_value());
  EXPECT_TRUE(many[1]->empty());
  ASSERT_FALSE(many[2].has_value());
  EXPECT_EQ(many[2].error().code, ErrorCode::kPmsRejected);
}

TEST(PmsClientTest, OverbookingIsRefusedUnlessAllowedAndThenFlagged) {
  PmsSim sim;
  auto client = sim.Client();
  const auto stay = StayOf("2026-07-08", "2026-07-10");  // one chalet already taken
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        client->CreateReservation("riviera", Booking("fill-" + std::to_string(i), "chalet", stay))
            .has_value());
  }
  auto refused = client->CreateReservation("riviera", Booking("one-more", "chalet", stay));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kNoAvailability);
  EXPECT_EQ(*client->Check("riviera", "chalet", stay), (CheckResult{false, 0}));

  auto forced = Booking("forced", "chalet", stay);
  forced.allow_overbooking = true;
  auto overbooked = client->CreateReservation("riviera", forced);
  ASSERT_TRUE(overbooked.has_value()) << overbooked.error().ToString();
  EXPECT_TRUE(overbooked->overbooked);
  EXPECT_TRUE(client->GetReservation("riviera", overbooked->pms_reservation_id)->overbooked);
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"overbookings\":1"));
}

TEST(PmsClientTest, CancelFreesUnitsAndIsIdempotent) {
  PmsSim sim;
  auto client = sim.Client();
  const auto stay = StayOf("2026-09-01", "2026-09-05");
  auto created = client->CreateReservation("riviera", Booking("c-1", "chalet", stay));
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(client->Check("riviera", "chalet", stay)->units_left, 3);
  ASSERT_TRUE(client->CancelReservation("riviera", created->pms_reservation_id).has_value());
  EXPECT_EQ(client->Check("riviera", "chalet", stay)->units_left, 4);
  ASSERT_TRUE(client->CancelReservation("riviera", created->pms_reservation_id).has_value());
  EXPECT_EQ(client->Check("riviera", "chalet", stay)->units_left, 4);
  EXPECT_EQ(client->GetReservation("riviera", created->pms_reservation_id)->status,
            PmsReservationStatus::kCancelled);
  auto unknown = client->CancelReservation("riviera", "000000RIV");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kPmsRejected);
}

TEST(PmsClientTest, ModifyMovesTheUnitsAndRechecksAvailability) {
  PmsSim sim;
  auto client = sim.Client();
  auto created = client->CreateReservation(
      "riviera", Booking("m-1", "mh-6p", StayOf("2026-09-01", "2026-09-05")));
  ASSERT_TRUE(created.has_value());

  ModifyReservationRequest modify;
  modify.idempotency_key = "m-1-rev2";
  modify.pms_reservation_id = created->pms_reservation_id;
  modify.product = "chalet";
  modify.options = {{"cleaning", 1}};
  modify.stay = StayOf("2026-09-03", "2026-09-06");
  modify.guest_name = "Jan de Vries";
  modify.price = *core::Money::Make(61000, "EUR");
  auto modified = client->ModifyReservation("riviera", modify);
  ASSERT_TRUE(modified.has_value()) << modified.error().ToString();
  EXPECT_FALSE(modified->overbooked);
  EXPECT_TRUE(client->ModifyReservation("riviera", modify).has_value());  // replay
  EXPECT_EQ(client->Check("riviera", "mh-6p", StayOf("2026-09-01", "2026-09-05"))->units_left, 8);
  EXPECT_EQ(client->Check("riviera", "chalet", modify.stay)->units_left, 3);
  auto read = client->GetReservation("riviera", created->pms_reservation_id);
  EXPECT_EQ(read->product, "chalet");
  EXPECT_EQ(read->stay, modify.stay);

  // Fill the chalets on 09-07, then try to extend into that night.
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(client
                    ->CreateReservation("riviera", Booking("f-" + std::to_string(i), "chalet",
                                                           StayOf("2026-09-07", "2026-09-08")))
                    .has_value());
  }
  modify.idempotency_key = "m-1-rev3";
  modify.stay = StayOf("2026-09-03", "2026-09-08");
  auto refused = client->ModifyReservation("riviera", modify);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kNoAvailability);
  EXPECT_EQ(client->GetReservation("riviera", created->pms_reservation_id)->stay,
            StayOf("2026-09-03", "2026-09-06"));
}

TEST(PmsClientTest, RejectionsCarryThePmsMessage) {
  PmsSim sim;
  auto client = sim.Client();
  auto unknown = client->CreateReservation(
      "riviera", Booking("r-1", "yurt", StayOf("2026-09-01", "2026-09-05")));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kPmsRejected);
  EXPECT_THAT(unknown.error().message, HasSubstr("unknown product \"yurt\""));

  sim.Admin("/admin/faults", R"({"reject_next": 1, "reject_message": "guest is blacklisted"})");
  auto rejected = client->CreateReservation(
      "riviera", Booking("r-2", "pitch", StayOf("2026-09-01", "2026-09-05")));
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().code, ErrorCode::kPmsRejected);
  EXPECT_THAT(rejected.error().message, HasSubstr("guest is blacklisted"));

  auto property = client->ListProducts("nowhere");
  ASSERT_FALSE(property.has_value());
  EXPECT_EQ(property.error().code, ErrorCode::kPmsRejected);
}

TEST(PmsClientTest, DownPmsIsUnavailable) {
  PmsSim sim;
  auto client = sim.Client({.max_attempts = 2});
  sim.Admin("/admin/faults", R"({"down": true})");
  auto products = client->ListProducts("riviera");
  ASSERT_FALSE(products.has_value());
  EXPECT_EQ(products.error().code, ErrorCode::kPmsUnavailable);
  EXPECT_THAT(products.error().message, HasSubstr("503"));
  EXPECT_FALSE(client->Health().has_value());
  sim.Admin("/admin/faults", R"({"down": false})");
  EXPECT_TRUE(client->Health().has_value());
}

TEST(PmsClientTest, TransientFailuresAreRetriedWithoutDuplicates) {
  PmsSim sim;
  auto client = sim.Client();
  sim.Admin("/admin/faults", R"({"fail_next_5xx": 2})");
  auto created = client->CreateReservation(
      "riviera", Booking("t-1", "pitch", StayOf("2026-09-01", "2026-09-05")));
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"creates\":1,"));
  EXPECT_THAT(sim.Admin("/admin/stats"), HasSubstr("\"faults_injected\":2"));

  auto no_retry = sim.Client({.max_attempts = 1});
  sim.Admin("/admin/faults", R"({"fail_next_5xx": 1})");
  auto failed = no_retry->ListOptions("riviera");
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::kPmsUnavailable);
}

TEST(PmsClientTest, StoppedPmsIsUnavailable) {
  PmsSim sim;
  auto client = sim.Client({.max_attempts = 2});
  ASSERT_TRUE(client->Health().has_value());
  const int status = sim.Stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "pmssim did not stop cleanly";
  auto health = client->Health();
  ASSERT_FALSE(health.has_value());
  EXPECT_EQ(health.error().code, ErrorCode::kPmsUnavailable);
  EXPECT_THAT(health.error().message, HasSubstr("connect"));
}

TEST(PmsClientTest, SlowPmsFailsWithinTheCallDeadline) {
  PmsSim sim({"--latency-ms", "1500"});
  auto client = sim.Client();
  const auto start = std::chrono::steady_clock::now();
  auto check = client->Check("riviera", "pitch", StayOf("2026-09-01", "2026-09-05"),
                             CallOptions::Within(std::chrono::milliseconds(300)));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(check.has_value());
  EXPECT_EQ(check.error().code, ErrorCode::kPmsUnavailable);
  EXPECT_THAT(check.error().message, HasSubstr("deadline"));
  EXPECT_LT(took, std::chrono::milliseconds(600));
  EXPECT_GE(took, std::chrono::milliseconds(290));
}

TEST(PmsClientTest, CredentialsAreSentAsBearer) {
  PmsSim sim({"--credentials", "s3cret"});
  auto anonymous = sim.Client();
  auto refused = anonymous->ListProducts("riviera");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPmsRejected);
  EXPECT_THAT(refused.error().message, HasSubstr("401"));
  auto client = sim.Client({.credentials = "s3cret"});
  EXPECT_TRUE(client->ListProducts("riviera").has_value());
}

TEST(PmsClientTest, ConcurrentCreatesNeverOverbook) {
  PmsSim sim;
  auto client = sim.Client();
  EXPECT_THAT(sim.Admin("/admin/properties/riviera/products/mh-6p", R"({"units": 5})"),
              HasSubstr(R"({"id":"mh-6p","name":"Mobile home 6 people","units":5})"));
  const auto stay = StayOf("2026-08-10", "2026-08-17");
  std::atomic<int> created{0}, refused{0}, overbooked{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto result =
          client->CreateReservation("riviera", Booking("race-" + std::to_string(t), "mh-6p", stay));
      if (result) {
        ++created;
        if (result->overbooked) ++overbooked;
      } else if (result.error().code == ErrorCode::kNoAvailability) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 5);
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(overbooked.load(), 0);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(*client->Check("riviera", "mh-6p", stay), (CheckResult{false, 0}));
}

TEST(PmsClientTest, SimulatorRejectsABadDataFile) {
  test::TempDir dir;
  const std::string data = dir.path() + "/bad.json";
  std::ofstream(data) << R"({"properties": [{"id": "x", "products": [{"id": "a"}]}]})";
  auto result = test::RunCommand({test::BuiltBinary("tools/pmssim/pmssim"), "--data", data});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("property x"));
}

}  // namespace
}  // namespace chansync::pms
