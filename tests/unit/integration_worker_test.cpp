#include "chansync/integration/integration_worker.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "chansync/channel/work_item.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/integration/check_store.h"
#include "chansync/integration/integration_log.h"
#include "chansync/integration/pms_change_listener.h"
#include "chansync/integration/testing/in_memory_check_store.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/testing/in_memory_link_store.h"
#include "chansync/linking/testing/in_memory_property_store.h"
#include "chansync/pms/testing/fake_pms.h"
#include "chansync/queue/testing/in_memory_work_queue.h"
#include "integration_worker_fixture.h"

namespace chansync::integration {
namespace {

using core::ErrorCode;
using namespace std::chrono_literals;

using worker_fixture::IntegrationWorkerTest;
using worker_fixture::MapIntegrationLog;

TEST_F(IntegrationWorkerTest, IntegratesANewReservationWithMappedOptions) {
  Push(Reservation("R1"));
  EXPECT_EQ(Drain(), 1u);
  auto record = Record("R1");
  EXPECT_EQ(record.status, IntegrationStatus::kIntegrated);
  EXPECT_FALSE(record.pms_reservation_id.empty());
  EXPECT_EQ(record.attempts, 1);
  EXPECT_EQ(record.integrated_revision, 1);
  EXPECT_FALSE(record.error.has_value());
  auto in_pms = fake_pms_.book().Get("riviera", record.pms_reservation_id);
  ASSERT_TRUE(in_pms);
  EXPECT_EQ(in_pms->product, "mh-4p");
  ASSERT_EQ(in_pms->options.size(), 1u);
  EXPECT_EQ(in_pms->options[0].option, "linen");
  EXPECT_EQ(in_pms->options[0].quantity, 2);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(IntegrationWorkerTest, UnlinkedProductOrOptionFailsWithTheCulprit) {
  auto chalet = Reservation("R1");
  chalet.product = "SH-CHALET";
  chalet.options.clear();
  Push(chalet);
  auto pet = Reservation("R2");
  pet.options.push_back({"SH-ANIMAL", 1});
  Push(pet);
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kFailed);
  EXPECT_EQ(Record("R1").error->code, ErrorCode::kProductNotLinked);
  EXPECT_NE(Record("R1").error->message.find("SH-CHALET"), std::string::npos);
  EXPECT_EQ(Record("R2").error->code, ErrorCode::kOptionNotLinked);
  EXPECT_NE(Record("R2").error->message.find("SH-ANIMAL"), std::string::npos);
  EXPECT_EQ(fake_pms_.calls().create, 0);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(IntegrationWorkerTest, ClassicModeRecordsNotIntegratedAndCallsNoPms) {
  SetGateway([](core::Property& p) { p.mode = core::GatewayMode::kClassic; });
  Push(Reservation("R1"));
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kNotIntegrated);
  EXPECT_EQ(Record("R1").error->code, ErrorCode::kGatewayClassicMode);
  EXPECT_EQ(fake_pms_.calls().create + fake_pms_.calls().check, 0);
}

TEST_F(IntegrationWorkerTest, AutomaticIntegrationOffWaitsForAnOperatorWhoCanForceIt) {
  SetGateway([](core::Property& p) { p.levels.auto_integration = false; });
  Push(Reservation("R1"));
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kPending);
  EXPECT_EQ(Record("R1").error->code, ErrorCode::kAwaitingOperator);
  Push(Reservation("R1"), /*forced=*/true);
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
}

TEST_F(IntegrationWorkerTest, NoAvailabilityFailsAndForcingWithOverbookingIntegrates) {
  Push(Reservation("R1"));
  Push(Reservation("R2"));
  Push(Reservation("R3"));  // mh-4p has 2 units
  Drain();
  int integrated = 0, refused = 0;
  for (const char* id : {"R1", "R2", "R3"}) {
    auto r = Record(id);
    if (r.status == IntegrationStatus::kIntegrated) ++integrated;
    if (r.status == IntegrationStatus::kFailed && r.error->code == ErrorCode::kNoAvailability) {
      ++refused;
      EXPECT_NE(r.error->message.find("--allow-overbooking"), std::string::npos);
      Push(r.reservation, /*forced=*/true, /*overbooking=*/true);
    }
  }
  EXPECT_EQ(integrated, 2);
  EXPECT_EQ(refused, 1);
  Drain();
  int overbooked = 0;
  for (const char* id : {"R1", "R2", "R3"}) {
    auto r = Record(id);
    EXPECT_EQ(r.status, IntegrationStatus::kIntegrated) << id;
    overbooked += r.overbooked;
  }
  EXPECT_EQ(overbooked, 1);
  EXPECT_EQ(fake_pms_.book().stats().overbookings, 1);
}

TEST_F(IntegrationWorkerTest, PmsDownIsRetriedWithBackoffThenIntegrates) {
  fake_pms_.SetDown(true);
  Push(Reservation("R1"));
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kPending);
  EXPECT_EQ(Record("R1").error->code, ErrorCode::kPmsUnavailable);
  EXPECT_EQ(queue_.delayed_count(), 1u);
  fake_pms_.SetDown(false);
  clock_.Advance(10min);
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").attempts, 2);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(IntegrationWorkerTest, DuplicatePushesOfARevisionIntegrateOnce) {
  Push(Reservation("R1"));
  Push(Reservation("R1"));
  Drain();
  Push(Reservation("R1"));
  Drain();
  EXPECT_EQ(fake_pms_.book().stats().creates, 1);
  EXPECT_EQ(fake_pms_.book().List("riviera")->size(), 1u);
}

TEST_F(IntegrationWorkerTest, ModificationsAndCancellationsReachThePms) {
  Push(Reservation("R1"));
  Drain();
  const std::string pms_id = Record("R1").pms_reservation_id;
  auto modified = Reservation("R1", 2);
  modified.status = core::ReservationStatus::kModified;
  modified.stay.departure = *core::CivilDate::Parse("2026-09-10");
  Push(modified);
  Drain();
  EXPECT_EQ(Record("R1").integrated_revision, 2);
  EXPECT_EQ(fake_pms_.book().Get("riviera", pms_id)->stay.departure.ToString(), "2026-09-10");

  Push(Reservation("R1", 1));  // an old revision arriving late changes nothing
  Drain();
  EXPECT_EQ(Record("R1").reservation.revision, 2);

  auto cancelled = Reservation("R1", 3);
  cancelled.status = core::ReservationStatus::kCancelled;
  Push(cancelled);
  Drain();
  EXPECT_EQ(Record("R1").integrated_revision, 3);
  EXPECT_EQ(fake_pms_.book().Get("riviera", pms_id)->status, pms::PmsReservationStatus::kCancelled);
}

TEST_F(IntegrationWorkerTest, MessagesOfDifferentShardsWithTheSameEntryIdAreAllIntegrated) {
  // Entry ids are per stream: two shards fed in the same millisecond hand out the same id.
  std::string other = "bellevue";
  for (int i = 0; queue::ShardFor(other, 4) == queue::ShardFor("riviera", 4); ++i) {
    other = "bellevue-" + std::to_string(i);
  }
  AddProperty(other);
  Push(Reservation("R1"));
  auto elsewhere = Reservation("B1");
  elsewhere.property = other;
  Push(elsewhere);
  EXPECT_EQ(Drain(), 2u);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(log_.At(other + "/sh/B1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(log_.At(other + "/sh/B1").reservation.property, other);
  EXPECT_EQ(fake_pms_.book().stats().creates, 2);
}

TEST_F(IntegrationWorkerTest, ABatchReadsTheLinksOfAllItsPropertiesOnce) {
  AddProperty("lagoon");
  Push(Reservation("R1"));
  Push(Reservation("R2"));
  auto unlinked = Reservation("R3");
  unlinked.product = "SH-CHALET";
  Push(unlinked);
  for (const char* id : {"L1", "L2"}) {
    auto r = Reservation(id);
    r.property = "lagoon";
    Push(r);
  }
  const int reads_before = links_.read_calls();
  auto n = worker_.RunOnce();
  ASSERT_TRUE(n) << n.error().ToString();
  EXPECT_EQ(*n, 5u);
  EXPECT_EQ(links_.read_calls() - reads_before, 1);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R2").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R3").error->code, ErrorCode::kProductNotLinked);
  EXPECT_EQ(log_.At("lagoon/sh/L1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(log_.At("lagoon/sh/L2").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(fake_pms_.book().stats().creates, 4);
}

TEST_F(IntegrationWorkerTest, AGarbledPayloadIsDeadLetteredNotRetried) {
  ASSERT_TRUE(queue_.Enqueue("riviera", "{not a work item"));
  Drain();
  ASSERT_EQ(queue_.dead_letters().size(), 1u);
  EXPECT_EQ(queue_.unsettled_count(), 0u);
}

TEST_F(IntegrationWorkerTest, StoreOutageLeavesTheBatchForLater) {
  Push(Reservation("R1"));
  queue_.SetUnavailable(true);
  auto n = worker_.RunOnce();
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().code, ErrorCode::kStoreUnavailable);
  queue_.SetUnavailable(false);
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
}

TEST(RetryBackoffTest, GrowsExponentiallyWithJitterAndACap) {
  using std::chrono::milliseconds;
  EXPECT_EQ(RetryBackoff(1, milliseconds(500), milliseconds(60000), 1.0), milliseconds(500));
  EXPECT_EQ(RetryBackoff(3, milliseconds(500), milliseconds(60000), 1.0), milliseconds(2000));
  EXPECT_EQ(RetryBackoff(20, milliseconds(500), milliseconds(60000), 1.0), milliseconds(60000));
  EXPECT_EQ(RetryBackoff(3, milliseconds(500), milliseconds(60000), 0.5), milliseconds(1000));
  EXPECT_GE(RetryBackoff(3, milliseconds(500), milliseconds(60000), 0.0), milliseconds(125));
}

}  // namespace
}  // namespace chansync::integration

namespace chansync::integration {
namespace {

class IntegrationWorkerCheckTest : public IntegrationWorkerTest {
 protected:
  StoredCheck AvailableCheck(const std::string& check_id) {
    const core::Reservation r = Reservation("unused");
    return StoredCheck{.check_id = check_id,
                       .property = r.property,
                       .channel = r.channel,
                       .product = r.product,
                       .stay = r.stay,
                       .outcome = channel::CheckOutcome::kAvailable,
                       .units_left = 2,
                       .at = clock_.Now()};
  }

  core::Reservation Checked(const std::string& id, const std::string& check_id) {
    core::Reservation r = Reservation(id);
    r.check_id = check_id;
    return r;
  }
};

TEST_F(IntegrationWorkerCheckTest, AMatchingAvailableCheckRecordsTrue) {
  ASSERT_TRUE(checks_.Put(AvailableCheck("chk-1")));
  Push(Checked("R1", "chk-1"));
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").availability_check, AvailabilityCheck::kTrue);
}

TEST_F(IntegrationWorkerCheckTest, NoOrUnknownCheckRecordsError) {
  Push(Reservation("R1"));
  Push(Checked("R2", "chk-never-made"));
  Push(Checked("R3", "not a valid {id}"));
  Drain();
  // mh-4p has 2 units, so R3 fails for want of one: the check column is set either way.
  for (const char* id : {"R1", "R2", "R3"}) {
    EXPECT_EQ(Record(id).availability_check, AvailabilityCheck::kError) << id;
  }
}

TEST_F(IntegrationWorkerCheckTest, ACheckOfAnotherSaleOrNotAvailableRecordsError) {
  auto other_stay = AvailableCheck("chk-stay");
  other_stay.stay.departure = other_stay.stay.departure.AddDays(1);
  auto other_product = AvailableCheck("chk-product");
  other_product.product = "SH-CHALET";
  auto other_channel = AvailableCheck("chk-channel");
  other_channel.channel = "cf";
  auto unavailable = AvailableCheck("chk-unavailable");
  unavailable.outcome = channel::CheckOutcome::kUnavailable;
  unavailable.units_left = 0;
  auto other_property = AvailableCheck("chk-property");
  other_property.property = "elsewhere";
  for (const auto& check :
       {other_stay, other_product, other_channel, unavailable, other_property}) {
    ASSERT_TRUE(checks_.Put(check));
  }
  Push(Checked("R1", "chk-stay"));
  Push(Checked("R2", "chk-product"));
  Push(Checked("R3", "chk-channel"));
  Push(Checked("R4", "chk-unavailable"));
  Push(Checked("R5", "chk-property"));
  Drain();
  for (const char* id : {"R1", "R2", "R3", "R4", "R5"}) {
    EXPECT_EQ(Record(id).availability_check, AvailabilityCheck::kError) << id;
  }
}

TEST_F(IntegrationWorkerCheckTest, ChecksOfABatchAreReadInOneCall) {
  ASSERT_TRUE(checks_.Put(AvailableCheck("chk-1")));
  ASSERT_TRUE(checks_.Put(AvailableCheck("chk-2")));
  Push(Checked("R1", "chk-1"));
  Push(Checked("R2", "chk-2"));
  Push(Checked("R3", "chk-unknown"));
  EXPECT_EQ(Drain(), 3u);
  EXPECT_EQ(checks_.get_many_calls(), 1);
  EXPECT_EQ(Record("R1").availability_check, AvailabilityCheck::kTrue);
  EXPECT_EQ(Record("R2").availability_check, AvailabilityCheck::kTrue);
  EXPECT_EQ(Record("R3").availability_check, AvailabilityCheck::kError);
}

TEST_F(IntegrationWorkerCheckTest, CheckStoreDownLeavesTheBatchForLater) {
  ASSERT_TRUE(checks_.Put(AvailableCheck("chk-1")));
  Push(Checked("R1", "chk-1"));
  checks_.SetUnavailable(true);
  auto n = worker_.RunOnce();
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ(fake_pms_.calls().create, 0);
  checks_.SetUnavailable(false);
  clock_.Advance(std::chrono::minutes(10));  // past the queue's visibility timeout
  Drain();
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").availability_check, AvailabilityCheck::kTrue);
}

// A store whose data cannot be read, as after a bad manual edit in Redis.
class UnreadableCheckStore final : public CheckStore {
 public:
  core::Status Put(const StoredCheck&) override { return core::Ok(); }
  core::Result<std::vector<std::optional<StoredCheck>>> GetMany(
      const std::vector<CheckKey>&) override {
    return core::Fail(ErrorCode::kInternal, "check chk-1 is unreadable");
  }
};

TEST_F(IntegrationWorkerCheckTest, UnreadableChecksRecordErrorWithoutStallingTheBatch) {
  UnreadableCheckStore unreadable;
  IntegrationWorker worker{queue_, properties_, registry_, directory_,
                           log_,   unreadable,  clock_,    IntegrationWorkerOptions{.block = 0ms}};
  Push(Checked("R1", "chk-1"));
  auto n = worker.RunOnce();
  ASSERT_TRUE(n) << n.error().ToString();
  EXPECT_EQ(*n, 1u);
  EXPECT_EQ(Record("R1").status, IntegrationStatus::kIntegrated);
  EXPECT_EQ(Record("R1").availability_check, AvailabilityCheck::kError);
}

}  // namespace
}  // namespace chansync::integration

namespace chansync::integration {
namespace {

// Remembers what the worker reports as changed in the PMS.
class RecordingChangeListener final : public PmsChangeListener {
 public:
  void PmsReservationChanged(const core::PropertyId& property,
                             const core::PmsProductId& pms_product,
                             const core::Stay& stay) override {
    std::lock_guard lock(mutex_);
    changes_.push_back(property + "/" + pms_product + "/" + stay.arrival.ToString() + ".." +
                       stay.departure.ToString());
  }
  std::vector<std::string> TakeChanges() {
    std::lock_guard lock(mutex_);
    return std::exchange(changes_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> changes_;
};

class IntegrationWorkerChangesTest : public IntegrationWorkerTest {
 protected:
  size_t DrainReporting() { return DrainWith(reporting_worker_); }

  RecordingChangeListener listener_;
  IntegrationWorker reporting_worker_{
      queue_,
      properties_,
      registry_,
      directory_,
      log_,
      checks_,
      clock_,
      IntegrationWorkerOptions{.block = 0ms, .max_pms_attempts = 3, .pms_changes = &listener_}};
};

TEST_F(IntegrationWorkerChangesTest, CreatesModificationsAndCancellationsAreReported) {
  Push(Reservation("R1"));
  DrainReporting();
  EXPECT_EQ(listener_.TakeChanges(),
            std::vector<std::string>{"riviera/mh-4p/2026-09-01..2026-09-08"});

  auto modified = Reservation("R1", 2);
  modified.status = core::ReservationStatus::kModified;
  modified.stay.departure = *core::CivilDate::Parse("2026-09-10");
  Push(modified);
  DrainReporting();
  // Both the nights it left and the nights it took changed.
  EXPECT_EQ(listener_.TakeChanges(),
            (std::vector<std::string>{"riviera/mh-4p/2026-09-01..2026-09-08",
                                      "riviera/mh-4p/2026-09-01..2026-09-10"}));

  auto cancelled = Reservation("R1", 3);
  cancelled.status = core::ReservationStatus::kCancelled;
  Push(cancelled);
  DrainReporting();
  EXPECT_EQ(listener_.TakeChanges(),
            std::vector<std::string>{"riviera/mh-4p/2026-09-01..2026-09-10"});
}

TEST_F(IntegrationWorkerChangesTest, NothingIsReportedWhenThePmsDidNotChange) {
  auto unlinked = Reservation("R1");
  unlinked.product = "SH-CHALET";
  unlinked.options.clear();
  Push(unlinked);
  Push(Reservation("R2"));
  Push(Reservation("R3"));
  Push(Reservation("R4"));  // mh-4p has 2 units: one of R2..R4 finds none
  DrainReporting();
  std::string integrated;
  int refused = 0;
  for (const char* id : {"R2", "R3", "R4"}) {
    if (Record(id).status == IntegrationStatus::kIntegrated) integrated = id;
    if (Record(id).error && Record(id).error->code == ErrorCode::kNoAvailability) ++refused;
  }
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(listener_.TakeChanges().size(), 2u);  // the two that got a unit

  Push(Reservation(integrated));  // a duplicate push of an integrated revision
  DrainReporting();
  EXPECT_TRUE(listener_.TakeChanges().empty());
}

TEST_F(IntegrationWorkerTest, RunPausesOnTheClockAfterAStoreErrorUntilStopped) {
  queue_.SetUnavailable(true);
  constexpr auto kPause = IntegrationWorker::kPauseAfterError;
  std::jthread runner([&](std::stop_token stop) { worker_.Run(stop); });
  ASSERT_TRUE(clock_.WaitForWaiter(clock_.SteadyNow() + kPause));
  clock_.Advance(kPause - 1ms);
  ASSERT_TRUE(clock_.WaitForWaiter(clock_.SteadyNow() + 1ms)) << "still pausing";
  clock_.Advance(1ms);
  ASSERT_TRUE(clock_.WaitForWaiter(clock_.SteadyNow() + kPause)) << "failed again, pauses again";

  runner.request_stop();
  runner.join();  // the pause ends without the time moving
  EXPECT_TRUE(clock_.WaitForWaiters(0).empty());
}

}  // namespace
}  // namespace chansync::integration
