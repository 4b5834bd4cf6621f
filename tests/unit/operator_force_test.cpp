#include <gtest/gtest.h>

#include <chrono>

#include "chansync/channel/work_item.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/testing/fake_clock.h"
#include "chansync/integration/operator.h"
#include "chansync/integration/testing/in_memory_integration_log.h"
#include "chansync/queue/testing/in_memory_work_queue.h"

namespace chansync::integration {
namespace {

using namespace std::chrono_literals;
using core::ErrorCode;

constexpr const char* kId = "riviera/secureholiday/SH-1001";

class OperatorForceTest : public ::testing::Test {
 protected:
  OperatorForceTest()
      : clock_(*core::ParseTimestamp("2026-09-03T08:00:00Z")),
        queue_(clock_),
        operator_(log_, queue_, clock_) {}

  IntegrationRecord Stored(IntegrationStatus status, std::optional<core::Error> error) {
    IntegrationRecord record;
    auto& r = record.reservation;
    r.channel = "secureholiday";
    r.channel_reservation_id = "SH-1001";
    r.property = "riviera";
    r.sold_at = *core::ParseTimestamp("2026-09-01T10:15:00Z");
    r.stay = {*core::CivilDate::Parse("2026-09-10"), *core::CivilDate::Parse("2026-09-17")};
    r.guest_name = "Jeanne Martin";
    r.product = "SH-MH4";
    r.price = {84900, "EUR"};
    r.revision = 2;
    record.status = status;
    record.error = std::move(error);
    record.attempts = 3;
    record.tracking_id = "1/1788257700000-0";
    record.received_at = r.sold_at;
    record.updated_at = *core::ParseTimestamp("2026-09-01T10:16:00Z");
    EXPECT_TRUE(log_.Put({record}, "Europe/Paris"));
    return record;
  }

  channel::WorkItem OnlyQueuedItem() {
    auto claimed = queue_.Claim("test", 10, 0ms);
    EXPECT_TRUE(claimed.has_value());
    EXPECT_EQ(claimed->size(), 1u);
    if (!claimed || claimed->empty()) return {};
    auto item = channel::WorkItemFromJson(claimed->front().payload);
    EXPECT_TRUE(item.has_value()) << item.error().ToString();
    return item.value_or(channel::WorkItem{});
  }

  core::testing::FakeClock clock_;
  testing::InMemoryIntegrationLog log_;
  queue::testing::InMemoryWorkQueue queue_;
  Operator operator_;
};

TEST_F(OperatorForceTest, FailedIsRequeuedAsForcedAndMarkedPending) {
  auto before = Stored(IntegrationStatus::kFailed,
                       core::Error{ErrorCode::kProductNotLinked, "SH-MH4 is not linked"});
  auto outcome = operator_.Force(kId, false);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  EXPECT_NE(outcome->tracking_id, before.tracking_id);
  EXPECT_EQ(outcome->record.status, IntegrationStatus::kPending);

  auto stored = operator_.Show(kId);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->status, IntegrationStatus::kPending);
  EXPECT_EQ(stored->attempts, 0);
  EXPECT_EQ(stored->tracking_id, outcome->tracking_id);
  ASSERT_TRUE(stored->error.has_value());  // kept until the worker records the new outcome
  EXPECT_EQ(stored->error->code, ErrorCode::kProductNotLinked);
  EXPECT_EQ(stored->updated_at, clock_.Now());

  const channel::WorkItem item = OnlyQueuedItem();
  EXPECT_TRUE(item.forced);
  EXPECT_FALSE(item.allow_overbooking);
  EXPECT_EQ(item.reservation, before.reservation);
}

TEST_F(OperatorForceTest, IntegratedIsRefused) {
  auto record = Stored(IntegrationStatus::kIntegrated, std::nullopt);
  record.pms_reservation_id = "443591RIV";
  ASSERT_TRUE(log_.Put({record}, "Europe/Paris"));
  auto refused = operator_.Force(kId, false);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyIntegrated);
  EXPECT_EQ(refused.error().message, "already integrated as 443591RIV; nothing to force");
  EXPECT_EQ(queue_.ready_count(), 0u);
}

TEST_F(OperatorForceTest, InFlightIsRefusedButAwaitingOperatorIsForced) {
  Stored(IntegrationStatus::kPending, core::Error{ErrorCode::kPmsUnavailable, "timeout"});
  auto refused = operator_.Force(kId, false);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("still being integrated"), std::string::npos);
  EXPECT_EQ(queue_.ready_count(), 0u);

  Stored(IntegrationStatus::kPending,
         core::Error{ErrorCode::kAwaitingOperator, "option SH-LINGE is not linked"});
  ASSERT_TRUE(operator_.Force(kId, false).has_value());
  EXPECT_TRUE(OnlyQueuedItem().forced);
}

TEST_F(OperatorForceTest, NotIntegratedIsForced) {
  Stored(IntegrationStatus::kNotIntegrated,
         core::Error{ErrorCode::kGatewayClassicMode, "gateway in classic mode"});
  ASSERT_TRUE(operator_.Force(kId, false).has_value());
  EXPECT_TRUE(OnlyQueuedItem().forced);
}

TEST_F(OperatorForceTest, NoAvailabilityRetriesNormallyUnlessOverbookingIsAllowed) {
  Stored(IntegrationStatus::kFailed, core::Error{ErrorCode::kNoAvailability, "no unit left"});
  auto normal = operator_.Force(kId, false);
  ASSERT_TRUE(normal.has_value());
  EXPECT_NE(normal->message.find("--allow-overbooking"), std::string::npos) << normal->message;
  EXPECT_FALSE(OnlyQueuedItem().allow_overbooking);

  Stored(IntegrationStatus::kFailed, core::Error{ErrorCode::kNoAvailability, "no unit left"});
  auto overbook = operator_.Force(kId, true);
  ASSERT_TRUE(overbook.has_value());
  const channel::WorkItem item = OnlyQueuedItem();
  EXPECT_TRUE(item.forced);
  EXPECT_TRUE(item.allow_overbooking);
}

TEST_F(OperatorForceTest, UnknownAndMalformedIds) {
  EXPECT_EQ(operator_.Force(kId, false).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(operator_.Force("riviera", false).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(operator_.Show("a/b/c/d").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(OperatorForceTest, StoreDownQueuesNothing) {
  Stored(IntegrationStatus::kFailed, core::Error{ErrorCode::kPmsRejected, "refused"});
  log_.SetUnavailable(true);
  EXPECT_EQ(operator_.Force(kId, false).error().code, ErrorCode::kStoreUnavailable);
  EXPECT_EQ(queue_.ready_count(), 0u);
  log_.SetUnavailable(false);
  queue_.SetUnavailable(true);
  EXPECT_EQ(operator_.Force(kId, false).error().code, ErrorCode::kStoreUnavailable);
  queue_.SetUnavailable(false);
  EXPECT_EQ(operator_.Show(kId)->status, IntegrationStatus::kFailed);
}

TEST_F(OperatorForceTest, ListCounts) {
  Stored(IntegrationStatus::kFailed, core::Error{ErrorCode::kPmsRejected, "refused"});
  auto list = operator_.List({"riviera", *core::YearMonth::Parse("2026-09"),
                              MonthIndex::kByStayDate, OutcomeFilter::kFailed});
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->count, 1u);
  EXPECT_EQ(list->records.at(0).id(), kId);
}

}  // namespace
}  // namespace chansync::integration
