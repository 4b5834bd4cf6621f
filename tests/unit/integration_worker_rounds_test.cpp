#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "integration_worker_fixture.h"

namespace chansync::integration {
namespace {

using worker_fixture::IntegrationWorkerTest;
using namespace std::chrono_literals;

// The fixture's product has two units: reservation `week` stays a week later than week 0.
core::Reservation InWeek(core::Reservation r, int week) {
  r.stay = {r.stay.arrival.AddDays(7 * week), r.stay.departure.AddDays(7 * week)};
  return r;
}

TEST_F(IntegrationWorkerTest, TheWritesOfABatchGoToThePmsTogether) {
  for (int i = 0; i < 5; ++i) Push(InWeek(Reservation("R" + std::to_string(i)), i));
  auto n = worker_.RunOnce();
  ASSERT_TRUE(n) << n.error().ToString();
  EXPECT_EQ(*n, 5u);
  const auto calls = fake_pms_.calls();
  EXPECT_EQ(calls.write_batches, 1);
  EXPECT_EQ(calls.create, 5);
  EXPECT_EQ(fake_pms_.largest_write_batch(), 5u);
  EXPECT_EQ(fake_pms_.last_max_in_flight(), IntegrationWorkerOptions{}.parallelism);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Record("R" + std::to_string(i)).status, IntegrationStatus::kIntegrated);
  }
}

TEST_F(IntegrationWorkerTest, RevisionsOfOneReservationInOneBatchReachThePmsInOrder) {
  // Pushed out of order, all in one batch: create, then modify, then cancel.
  auto modified = Reservation("R1", 2);
  modified.status = core::ReservationStatus::kModified;
  modified.stay.departure = *core::CivilDate::Parse("2026-09-10");
  auto cancelled = Reservation("R1", 3);
  cancelled.status = core::ReservationStatus::kCancelled;
  cancelled.stay = modified.stay;
  Push(modified);
  Push(Reservation("R1", 1));
  Push(cancelled);
  Push(Reservation("R2"));
  auto n = worker_.RunOnce();
  ASSERT_TRUE(n) << n.error().ToString();
  EXPECT_EQ(*n, 4u);

  const auto calls = fake_pms_.calls();
  EXPECT_EQ(calls.create, 2);
  EXPECT_EQ(calls.modify, 1);
  EXPECT_EQ(calls.cancel, 1);
  EXPECT_EQ(calls.write_batches, 3);  // one per round: R1's three revisions take three
  const IntegrationRecord record = Record("R1");
  EXPECT_EQ(record.status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(record.integrated_revision, 3);
  auto in_pms = fake_pms_.book().Get("riviera", record.pms_reservation_id);
  ASSERT_TRUE(in_pms);
  EXPECT_EQ(in_pms->status, pms::PmsReservationStatus::kCancelled);
  EXPECT_EQ(in_pms->stay.departure.ToString(), "2026-09-10");
  EXPECT_EQ(Record("R2").status, IntegrationStatus::kIntegrated);
}

// Properties on different PMSs, each with its own FakePms.
TEST_F(IntegrationWorkerTest, ABatchWritesToEachPmsOnce) {
  std::map<std::string, pms::testing::FakePms> pms_of;
  pms::testing::InMemoryPmsDirectory directory;
  AddProperty("lagoon");
  for (const std::string property : {"riviera", "lagoon"}) {
    directory.Assign(property, pms_of[property]);
    ASSERT_TRUE(pms_of[property].book().AddProperty({.id = property,
                                                     .name = property,
                                                     .products = {{"mh-4p", "MH 4", 2}},
                                                     .options = {{"linen", "Linen"}}}));
  }
  IntegrationWorker worker(queue_, properties_, registry_, directory, log_, checks_, clock_,
                           IntegrationWorkerOptions{.block = 0ms, .parallelism = 4});
  for (int i = 0; i < 2; ++i) Push(InWeek(Reservation("R" + std::to_string(i + 1)), i));
  for (int i = 0; i < 3; ++i) {
    auto r = InWeek(Reservation("L" + std::to_string(i + 1)), i);
    r.property = "lagoon";
    Push(r);
  }
  EXPECT_EQ(DrainWith(worker), 5u);
  EXPECT_EQ(pms_of["riviera"].calls().write_batches, 1);
  EXPECT_EQ(pms_of["riviera"].calls().create, 2);
  EXPECT_EQ(pms_of["lagoon"].calls().write_batches, 1);
  EXPECT_EQ(pms_of["lagoon"].calls().create, 3);
  EXPECT_EQ(Record("R2").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(log_.At("lagoon/sh/L3").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(fake_pms_.calls().create, 0);
}

}  // namespace
}  // namespace chansync::integration
