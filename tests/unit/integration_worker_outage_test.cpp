// The worker while a property's PMS does not answer: reservations wait behind the property's
// circuit instead of failing, the PMS is probed with backoff, and the backlog resumes by itself.
#include <gtest/gtest.h>

#include "chansync/integration/integration_worker.h"
#include "chansync/integration/pms_circuits.h"
#include "integration_worker_fixture.h"

namespace chansync::integration {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

class IntegrationWorkerOutageTest : public worker_fixture::IntegrationWorkerTest {
 protected:
  IntegrationWorker NewWorker(std::string consumer) {
    return IntegrationWorker(queue_, properties_, registry_, directory_, log_, checks_, clock_,
                             {.consumer = std::move(consumer),
                              .block = 0ms,
                              .max_pms_attempts = 3,
                              .pms_outage_window = 10min,
                              .circuits = &circuits_});
  }

  // Moves the clock to the next try the record announces, then lets the worker run.
  void NextTry(const std::string& id) {
    auto record = Record(id);
    ASSERT_TRUE(record.next_attempt_at) << id << " announces no next try";
    clock_.Set(*record.next_attempt_at);
    DrainWith(outage_worker_);
  }

  int64_t Creates() const { return fake_pms_.calls().create; }
  int64_t Probes() const { return fake_pms_.calls().list; }
  int64_t Lookups() const { return fake_pms_.calls().find; }

  PmsCircuits circuits_{{.probe_backoff_base = 1s, .probe_backoff_max = 30s}};
  IntegrationWorker outage_worker_ = NewWorker("worker-1");
};

TEST_F(IntegrationWorkerOutageTest,
       ReservationsWaitVisiblyWhileThePmsIsDownThenResumeByThemselves) {
  fake_pms_.SetDown(true);
  for (const char* id : {"R1", "R2"}) Push(Reservation(id));
  const auto down_at = clock_.Now();
  DrainWith(outage_worker_);
  for (const char* id : {"R1", "R2"}) {
    auto record = Record(id);
    EXPECT_EQ(record.status, IntegrationStatus::kPending) << id;
    ASSERT_TRUE(record.error) << id;
    EXPECT_EQ(record.error->code, ErrorCode::kPmsUnavailable);
    EXPECT_NE(record.error->message.find("next try at"), std::string::npos)
        << record.error->message;
    EXPECT_EQ(record.next_attempt_at, down_at + 1s);
    EXPECT_EQ(record.waiting_since, down_at);
    EXPECT_EQ(record.attempts, 1);
  }
  // The round found the PMS down at the lookup that comes before any create.
  EXPECT_EQ(Lookups(), 2);
  EXPECT_EQ(Creates(), 0);
  EXPECT_TRUE(circuits_.OpenCircuit("riviera"));

  // More probe rounds than the queue's max_deliveries: waiting is not a delivery that counts.
  for (int probe = 1; probe <= 8; ++probe) {
    NextTry("R1");
    EXPECT_EQ(Probes(), probe);
  }
  EXPECT_EQ(Lookups(), 2) << "no lookup while the circuit is open";
  EXPECT_EQ(Creates(), 0) << "no write while the circuit is open";
  EXPECT_EQ(Record("R2").attempts, 1);
  EXPECT_EQ(Record("R2").waiting_since, down_at);
  EXPECT_EQ(*Record("R2").next_attempt_at - clock_.Now(), 30s) << "backoff capped";
  EXPECT_EQ(queue_.delayed_count(), 2u);
  EXPECT_TRUE(queue_.dead_letters().empty());

  fake_pms_.SetDown(false);
  NextTry("R1");
  EXPECT_FALSE(circuits_.OpenCircuit("riviera"));
  for (const char* id : {"R1", "R2"}) {
    auto record = Record(id);
    EXPECT_EQ(record.status, IntegrationStatus::kIntegrated) << id;
    EXPECT_EQ(record.attempts, 2);
    EXPECT_FALSE(record.error);
    EXPECT_FALSE(record.next_attempt_at);
    EXPECT_FALSE(record.waiting_since);
  }
  EXPECT_EQ(fake_pms_.book().stats().creates, 2);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
  EXPECT_TRUE(queue_.dead_letters().empty());
}

TEST_F(IntegrationWorkerOutageTest, ArrivalsWhileTheCircuitIsOpenWaitWithoutAnyPmsCall) {
  fake_pms_.SetDown(true);
  Push(Reservation("R1"));
  DrainWith(outage_worker_);
  const auto calls_before = fake_pms_.calls();

  clock_.Advance(200ms);
  Push(Reservation("R2"));
  DrainWith(outage_worker_);
  auto record = Record("R2");
  EXPECT_EQ(record.status, IntegrationStatus::kPending);
  EXPECT_EQ(record.error->code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(record.attempts, 0);
  EXPECT_EQ(record.next_attempt_at, Record("R1").next_attempt_at);
  EXPECT_EQ(fake_pms_.calls().create, calls_before.create);
  EXPECT_EQ(fake_pms_.calls().list, calls_before.list);
  EXPECT_EQ(fake_pms_.calls().find, calls_before.find);
}

TEST_F(IntegrationWorkerOutageTest, AModificationFindingThePmsDownOpensTheCircuitAndWaits) {
  Push(Reservation("R1"));
  DrainWith(outage_worker_);
  ASSERT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  fake_pms_.SetDown(true);
  Push(Reservation("R1", 2));
  DrainWith(outage_worker_);
  auto record = Record("R1");
  EXPECT_EQ(record.status, IntegrationStatus::kPending);
  EXPECT_EQ(record.error->code, ErrorCode::kPmsUnavailable);
  EXPECT_TRUE(record.waiting_since);
  EXPECT_EQ(fake_pms_.calls().modify, 1);
  EXPECT_TRUE(circuits_.OpenCircuit("riviera"));

  fake_pms_.SetDown(false);
  NextTry("R1");
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").integrated_revision, 2);
  EXPECT_EQ(fake_pms_.book().stats().creates, 1);
}

TEST_F(IntegrationWorkerOutageTest, AReservationFailsForAnOperatorOnlyAfterWaitingTheWindow) {
  fake_pms_.SetDown(true);
  Push(Reservation("R1"));
  const auto received = clock_.Now();
  DrainWith(outage_worker_);
  while (clock_.Now() < received + 10min - 30s) {
    NextTry("R1");
    ASSERT_EQ(Record("R1").status, IntegrationStatus::kPending);
  }
  while (Record("R1").status == IntegrationStatus::kPending) NextTry("R1");
  auto record = Record("R1");
  EXPECT_GE(clock_.Now() - received, 10min);
  EXPECT_EQ(record.status, IntegrationStatus::kFailed);
  EXPECT_EQ(record.error->code, ErrorCode::kPmsUnavailable);
  EXPECT_NE(record.error->message.find("gave up after waiting 10m"), std::string::npos)
      << record.error->message;
  EXPECT_FALSE(record.next_attempt_at);
  EXPECT_TRUE(MatchesOutcome(record, OutcomeFilter::kFailed));
  EXPECT_EQ(queue_.unsettled_count(), 0u);
  EXPECT_TRUE(queue_.dead_letters().empty());

  // An operator's force starts a new wait: with the PMS back, it integrates.
  fake_pms_.SetDown(false);
  circuits_.Answered("riviera");
  Push(record.reservation, /*forced=*/true);
  DrainWith(outage_worker_);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
}

TEST_F(IntegrationWorkerOutageTest, AFailureWhileThePmsAnswersOthersIsThatReservationsOwn) {
  Push(Reservation("R1"));
  Push(Reservation("R2"));
  fake_pms_.FailNext(1, {ErrorCode::kPmsUnavailable, "one bad answer"});
  DrainWith(outage_worker_);
  EXPECT_FALSE(circuits_.OpenCircuit("riviera"));
  EXPECT_EQ(Record("R2").status, IntegrationStatus::kIntegrated);
  auto failed_once = Record("R1");
  EXPECT_EQ(failed_once.status, IntegrationStatus::kPending);
  EXPECT_TRUE(failed_once.next_attempt_at);
  EXPECT_FALSE(failed_once.waiting_since);

  clock_.Set(*failed_once.next_attempt_at);
  DrainWith(outage_worker_);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").attempts, 2);
}

TEST_F(IntegrationWorkerOutageTest, WorkersSharingTheCircuitsLeaveADownPmsAlone) {
  IntegrationWorker second = NewWorker("worker-2");
  fake_pms_.SetDown(true);
  Push(Reservation("R1"));
  DrainWith(outage_worker_);
  Push(Reservation("R2"));
  DrainWith(second);
  EXPECT_EQ(Lookups(), 1);
  EXPECT_EQ(Record("R2").status, IntegrationStatus::kPending);

  // At the next try one of them probes, and both resume.
  fake_pms_.SetDown(false);
  clock_.Set(*Record("R2").next_attempt_at);
  DrainWith(second);
  DrainWith(outage_worker_);
  EXPECT_EQ(Probes(), 1);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R2").status, IntegrationStatus::kIntegrated);
}

}  // namespace
}  // namespace chansync::integration
