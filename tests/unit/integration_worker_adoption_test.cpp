#include <gtest/gtest.h>

#include "chansync/integration/integration_worker.h"
#include "chansync/integration/pms_adoption.h"
#include "integration_worker_fixture.h"

namespace chansync::integration {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

using worker_fixture::IntegrationWorkerTest;

// The worker when the integration log lost the record of a reservation the PMS holds.
class IntegrationWorkerAdoptionTest : public IntegrationWorkerTest {
 protected:
  // Integrates revision 1 of `id`, then loses its record; returns its PMS number.
  std::string IntegratedThenForgotten(const std::string& id) {
    Push(Reservation(id));
    Drain();
    const std::string pms_id = Record(id).pms_reservation_id;
    EXPECT_FALSE(pms_id.empty());
    log_.Forget("riviera/sh/" + id);
    return pms_id;
  }

  core::Reservation Revision(const std::string& id, int64_t revision,
                             core::ReservationStatus status) {
    auto r = Reservation(id, revision);
    r.status = status;
    return r;
  }

  size_t PmsReservations() { return fake_pms_.book().List("riviera")->size(); }
};

TEST_F(IntegrationWorkerAdoptionTest, AModificationReachesTheReservationThePmsAlreadyHolds) {
  const std::string pms_id = IntegratedThenForgotten("R1");
  auto modified = Revision("R1", 2, core::ReservationStatus::kModified);
  modified.stay.departure = *core::CivilDate::Parse("2026-09-10");
  Push(modified);
  Drain();

  EXPECT_EQ(PmsReservations(), 1u);
  EXPECT_EQ(fake_pms_.book().stats().creates, 1);
  EXPECT_EQ(fake_pms_.book().Get("riviera", pms_id)->stay.departure.ToString(), "2026-09-10");
  auto record = Record("R1");
  EXPECT_EQ(record.status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(record.pms_reservation_id, pms_id);
  EXPECT_EQ(record.integrated_revision, 2);
}

TEST_F(IntegrationWorkerAdoptionTest, ACancellationCancelsTheReservationThePmsAlreadyHolds) {
  const std::string pms_id = IntegratedThenForgotten("R1");
  Push(Revision("R1", 2, core::ReservationStatus::kCancelled));
  Drain();

  EXPECT_EQ(PmsReservations(), 1u);
  EXPECT_EQ(fake_pms_.book().Get("riviera", pms_id)->status, pms::PmsReservationStatus::kCancelled);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").pms_reservation_id, pms_id);
}

TEST_F(IntegrationWorkerAdoptionTest, ARedeliveredRevisionThePmsHoldsWritesNothing) {
  const std::string pms_id = IntegratedThenForgotten("R1");
  const auto before = fake_pms_.calls();
  Push(Reservation("R1"));
  Drain();

  EXPECT_EQ(fake_pms_.calls().create, before.create);
  EXPECT_EQ(fake_pms_.calls().modify, before.modify);
  auto record = Record("R1");
  EXPECT_EQ(record.status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(record.pms_reservation_id, pms_id);
  EXPECT_EQ(record.integrated_revision, 1);
}

TEST_F(IntegrationWorkerAdoptionTest, AnOlderRevisionThanThePmsHoldsIsDropped) {
  Push(Reservation("R1"));
  Drain();
  auto modified = Revision("R1", 2, core::ReservationStatus::kModified);
  modified.guest_name = "Second Guest";
  Push(modified);
  Drain();
  const std::string pms_id = Record("R1").pms_reservation_id;
  log_.Forget("riviera/sh/R1");

  Push(Reservation("R1"));  // revision 1 redelivered after the loss
  Drain();
  EXPECT_EQ(fake_pms_.book().Get("riviera", pms_id)->guest_name, "Second Guest");
  EXPECT_EQ(PmsReservations(), 1u);
}

TEST_F(IntegrationWorkerAdoptionTest, ACancelledPmsReservationIsNotChangedBack) {
  IntegratedThenForgotten("R1");
  Push(Revision("R1", 2, core::ReservationStatus::kCancelled));
  Drain();
  log_.Forget("riviera/sh/R1");

  Push(Revision("R1", 3, core::ReservationStatus::kModified));
  Drain();
  EXPECT_EQ(PmsReservations(), 1u);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kFailed);
  EXPECT_EQ(Record("R1").error->code, ErrorCode::kPmsRejected);
}

TEST_F(IntegrationWorkerAdoptionTest, AFailedLookupRetriesInsteadOfCreatingBlind) {
  const std::string pms_id = IntegratedThenForgotten("R1");
  fake_pms_.FailNext(1, {ErrorCode::kPmsUnavailable, "PMS is down"});
  Push(Revision("R1", 2, core::ReservationStatus::kModified));
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kPending);
  EXPECT_EQ(Record("R1").error->code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(queue_.delayed_count(), 1u);

  clock_.Advance(10min);
  Drain();
  EXPECT_EQ(PmsReservations(), 1u);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").pms_reservation_id, pms_id);
}

TEST_F(IntegrationWorkerAdoptionTest, NewReservationsOfABatchAreLookedUpInOneCall) {
  for (const char* id : {"N1", "N2", "N3"}) {
    auto r = Reservation(id);
    r.guest_name = id;
    Push(r);
  }
  ASSERT_TRUE(fake_pms_.book().SetProductUnits("riviera", "mh-4p", 3));
  EXPECT_EQ(Drain(), 3u);
  EXPECT_EQ(fake_pms_.calls().find_batches, 1);
  EXPECT_EQ(fake_pms_.calls().find, 3);
  EXPECT_EQ(PmsReservations(), 3u);

  // A known reservation with its PMS number is not looked up again.
  auto modified = Revision("N1", 2, core::ReservationStatus::kModified);
  Push(modified);
  Drain();
  EXPECT_EQ(fake_pms_.calls().find, 3);
}

TEST_F(IntegrationWorkerAdoptionTest, ClassicModeLooksNothingUp) {
  SetGateway([](core::Property& p) { p.mode = core::GatewayMode::kClassic; });
  Push(Reservation("R1"));
  Drain();
  EXPECT_EQ(fake_pms_.calls().find, 0);
}

TEST(PmsAdoptionTest, TheRevisionIsReadBackFromChansyncsOwnKeys) {
  const std::string key = IntegrationWorker::IdempotencyKey("sh", "A:r7", 12, false);
  EXPECT_EQ(RevisionInIdempotencyKey("sh", "A:r7", key), 12);
  EXPECT_EQ(RevisionInIdempotencyKey("sh", "A:r7",
                                     IntegrationWorker::IdempotencyKey("sh", "A:r7", 3, true)),
            3);
  EXPECT_EQ(RevisionInIdempotencyKey("sh", "A", key), std::nullopt);
  EXPECT_EQ(RevisionInIdempotencyKey("sh", "A:r7", "sh:A:r7:r"), std::nullopt);
  EXPECT_EQ(RevisionInIdempotencyKey("sh", "A:r7", "sh:A:r7:r5x"), std::nullopt);
  EXPECT_EQ(RevisionInIdempotencyKey("sh", "A:r7", ""), std::nullopt);
}

TEST(PmsAdoptionTest, TheOldestConfirmedReservationIsAdopted) {
  core::Reservation r;
  r.channel = "sh";
  r.channel_reservation_id = "R1";
  r.revision = 2;
  r.status = core::ReservationStatus::kModified;
  std::vector<pms::PmsReservation> found(3);
  found[0].id = "cancelled";
  found[0].status = pms::PmsReservationStatus::kCancelled;
  found[1].id = "first-confirmed";
  found[1].last_idempotency_key = "sh:R1:r1";
  found[2].id = "second-confirmed";
  auto adoption = DecideAdoption(r, false, found);
  EXPECT_EQ(adoption.kind, PmsAdoption::Kind::kWrite);
  EXPECT_EQ(adoption.held->id, "first-confirmed");

  EXPECT_EQ(DecideAdoption(r, false, {}).kind, PmsAdoption::Kind::kCreate);
  found[1].last_idempotency_key = "other-system-key";  // revision unknown: write this one
  EXPECT_EQ(DecideAdoption(r, false, found).kind, PmsAdoption::Kind::kWrite);
  found[1].last_idempotency_key = "sh:R1:r3";
  EXPECT_EQ(DecideAdoption(r, false, found).kind, PmsAdoption::Kind::kStale);
  EXPECT_EQ(DecideAdoption(r, true, found).kind, PmsAdoption::Kind::kWrite);  // a force writes
}

}  // namespace
}  // namespace chansync::integration
