#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "postings_hub_fixture.h"

namespace chansync::postings::hub_fixture {
namespace {

using core::ErrorCode;
using std::chrono::hours;
using std::chrono::milliseconds;
using ::testing::HasSubstr;

TEST_F(HubTest, AcceptedPendingThenPostedOnceUnderItsIdAsTheIdempotencyKey) {
  auto accepted = hub_.Submit(BarCharge("T1", 1, 1250));
  ASSERT_TRUE(accepted) << accepted.error().ToString();
  EXPECT_EQ(accepted->id, "bar:T1:1");
  EXPECT_EQ(accepted->state, PostingState::kPending);
  EXPECT_EQ(accepted->business_date, Day("2026-06-15"));
  EXPECT_FALSE(accepted->duplicate);
  EXPECT_EQ(queue_.ready_count(), 1u);

  Drain();
  const PostingRecord record = Record("bar:T1:1");
  EXPECT_EQ(record.state, PostingState::kPosted);
  EXPECT_EQ(record.attempts, 1);
  ASSERT_TRUE(record.receipt);
  EXPECT_EQ(record.receipt->folio_id, "F-S1");
  EXPECT_EQ(Balance("F-S1"), (core::Money{1250, "EUR"}));
  auto booked = pms_.book().FolioPostings(kLodge, "F-S1");
  ASSERT_EQ(booked->size(), 1u);
  EXPECT_EQ((*booked)[0].idempotency_key, "bar:T1:1");
  EXPECT_EQ((*booked)[0].request.code.outlet, "OUT-BAR");
}

TEST_F(HubTest, ADuplicateAnswersTheFirstRecordAndOtherContentIsAConflict) {
  ASSERT_TRUE(hub_.Submit(BarCharge("T1", 1, 1250)));
  Drain();
  auto again = hub_.Submit(BarCharge("T1", 1, 1250));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->state, PostingState::kPosted);
  EXPECT_EQ(queue_.ready_count(), 0u);

  // Sent again after the closing time without a date: still the same posting.
  clock_.Advance(hours(18));
  auto next_day = hub_.Submit(BarCharge("T1", 1, 1250));
  ASSERT_TRUE(next_day);
  EXPECT_TRUE(next_day->duplicate);
  EXPECT_EQ(next_day->business_date, Day("2026-06-15"));

  auto other = hub_.Submit(BarCharge("T1", 1, 999));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(pms_.book().stats().postings, 1);
}

TEST_F(HubTest, AChargeAtTenPastOneBelongsToThePreviousBusinessDate) {
  clock_.Set(At("2026-06-15T23:10:00Z"));  // 01:10 on the 16th in Paris
  auto accepted = hub_.Submit(BarCharge("T1", 1, 800));
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->business_date, Day("2026-06-15"));
  clock_.Set(At("2026-06-16T03:30:00Z"));  // 05:30
  EXPECT_EQ(hub_.Submit(BarCharge("T2", 1, 800))->business_date, Day("2026-06-16"));
}

TEST_F(HubTest, AVoidIsAllowedOnTheSameAndNextBusinessDateOnly) {
  ASSERT_TRUE(hub_.Submit(BarCharge("T1", 1, 1250)));
  ASSERT_TRUE(hub_.Submit(BarCharge("T2", 1, 700)));
  Drain();

  clock_.Advance(hours(24));  // business date 2026-06-16
  auto voided = hub_.Void(kLodge, "bar:T1:1");
  ASSERT_TRUE(voided) << voided.error().ToString();
  EXPECT_EQ(voided->id, "bar:T1:1:void");
  EXPECT_EQ(voided->business_date, Day("2026-06-16"));
  Drain();
  EXPECT_EQ(Record("bar:T1:1:void").state, PostingState::kPosted);
  EXPECT_EQ(Balance("F-S1"), (core::Money{700, "EUR"}));

  clock_.Advance(hours(24));  // business date 2026-06-17: day +2
  auto late = hub_.Void(kLodge, "bar:T2:1");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kVoidWindowClosed);
  EXPECT_THAT(late.error().message, HasSubstr("2026-06-15"));
  // The void already made is answered as it stands, whatever the date.
  auto second = hub_.Void(kLodge, "bar:T1:1");
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->duplicate);
  EXPECT_EQ(hub_.Void(kLodge, "bar:T9:1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hub_.Void(kLodge, "bar:T1:1:void").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(HubTest, VoidingATicketVoidsEachOfItsLinesAllOrNone) {
  RoomChargeTicket ticket{.property = kLodge,
                          .pos_id = "bar",
                          .ticket_id = "T7",
                          .currency = "EUR",
                          .target = {PostingTarget::Kind::kStay, "S1"},
                          .lines = {{"bar", 1000}, {"bar", 500}},
                          .charged_minor_units = 900};
  auto accepted = hub_.SubmitTicket(ticket);
  ASSERT_TRUE(accepted) << accepted.error().ToString();
  ASSERT_EQ(accepted->size(), 2u);
  Drain();
  EXPECT_EQ(Balance("F-S1"), (core::Money{900, "EUR"}));

  auto voids = hub_.VoidTicket(kLodge, "bar", "T7");
  ASSERT_TRUE(voids) << voids.error().ToString();
  ASSERT_EQ(voids->size(), 2u);
  EXPECT_EQ((*voids)[0].id, "bar:T7:1:void");
  Drain();
  EXPECT_EQ(Balance("F-S1"), (core::Money{0, "EUR"}));
  auto again = hub_.VoidTicket(kLodge, "bar", "T7");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->size(), 2u);
  EXPECT_TRUE((*again)[0].duplicate);
  EXPECT_EQ(queue_.ready_count(), 0u);
}

TEST_F(HubTest, ARefundForAStayStillToComeIsBookedOnItsArrivalDate) {
  auto refund = hub_.Submit(BarCharge("T3", 1, -2000, "S4"));
  ASSERT_TRUE(refund) << refund.error().ToString();
  EXPECT_EQ(refund->business_date, Day("2026-08-01"));
  auto in_house = hub_.Submit(BarCharge("T4", 1, -300, "S1"));
  ASSERT_TRUE(in_house);
  EXPECT_EQ(in_house->business_date, Day("2026-06-15"));
  Drain();
  EXPECT_EQ(Record("bar:T3:1").state, PostingState::kPosted);
  EXPECT_EQ(Balance("F-S4"), (core::Money{-2000, "EUR"}));
}

TEST_F(HubTest, AnUnmappedCentreFailsUntriedThenIsPostedWhenForcedAfterItsMapping) {
  Posting spa = BarCharge("T5", 1, 4500);
  spa.revenue_centre = "spa";
  ASSERT_TRUE(hub_.Submit(spa));
  Drain();
  PostingRecord failed = Record("bar:T5:1");
  EXPECT_EQ(failed.state, PostingState::kFailed);
  EXPECT_EQ(failed.error_code, "REVENUE_CENTRE_NOT_MAPPED");
  EXPECT_THAT(failed.hint, HasSubstr("force"));
  EXPECT_EQ(failed.attempts, 0);
  EXPECT_EQ(pms_.posts(), 0);
  EXPECT_EQ(hub_.Day(kLodge, Day("2026-06-15"), PostingState::kFailed)->postings.size(), 1u);

  PostingSetup setup = MappedSetup();
  setup.revenue_centres["spa"] = {"OUT-SPA", "TC-300"};
  ASSERT_TRUE(hub_.PutSetup(kLodge, setup));
  auto forced = hub_.Force(kLodge, "bar:T5:1");
  ASSERT_TRUE(forced) << forced.error().ToString();
  EXPECT_EQ(forced->state, PostingState::kPosted);
  EXPECT_EQ(forced->forced, 1);
  EXPECT_TRUE(forced->error_code.empty());
  EXPECT_EQ(Balance("F-S1"), (core::Money{4500, "EUR"}));
  EXPECT_EQ(hub_.Force(kLodge, "bar:T5:1").error().code, ErrorCode::kAlreadyIntegrated);

  const DayReport day = *hub_.Day(kLodge, Day("2026-06-15"), std::nullopt);
  EXPECT_EQ(day.posted, 1);
  ASSERT_EQ(day.totals.size(), 1u);
  EXPECT_EQ(day.totals[0].code, "spa");
  EXPECT_EQ(day.totals[0].amount, (core::Money{4500, "EUR"}));
}

TEST_F(HubTest, ACheckedOutGuestIsNeitherFoundNorChargeable) {
  auto found = hub_.SearchGuests(kLodge, "lopez");
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_TRUE(found->empty());
  ASSERT_TRUE(hub_.Submit(BarCharge("T6", 1, 500, "S3")));
  Drain();
  const PostingRecord record = Record("bar:T6:1");
  EXPECT_EQ(record.state, PostingState::kFailed);
  EXPECT_EQ(record.error_code, "STAY_NOT_CHARGEABLE");
}

TEST_F(HubTest, ChargeTransfersOffHideTheStayAndRefuseItsCharges) {
  auto found = hub_.SearchGuests(kLodge, "dup");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "S1");
  auto rooms = hub_.SearchGuests(kLodge, "21");
  ASSERT_EQ(rooms->size(), 1u);
  EXPECT_EQ((*rooms)[0].room, "214");
  ASSERT_TRUE(hub_.Submit(BarCharge("T8", 1, 500, "S2")));
  Drain();
  EXPECT_EQ(Record("bar:T8:1").error_code, "STAY_NOT_CHARGEABLE");
  EXPECT_EQ(Balance("F-S2"), (core::Money{0, "EUR"}));
}

TEST_F(HubTest, UnknownPropertiesAndBadInputAreRefusedBeforeAnythingIsStored) {
  Posting elsewhere = BarCharge("T1", 1, 100);
  elsewhere.property = "nowhere";
  EXPECT_EQ(hub_.Submit(elsewhere).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hub_.Submit(BarCharge("T1", 1, 0)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(hub_.Get(kLodge, "bar:T1:1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hub_.Get(kLodge, "a{b}").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(hub_.SearchGuests(kLodge, "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue_.ready_count(), 0u);
}

}  // namespace
}  // namespace chansync::postings::hub_fixture
