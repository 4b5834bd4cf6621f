#include <gtest/gtest.h>

#include "chansync/postings/end_of_day_scheduler.h"
#include "postings_hub_fixture.h"

namespace chansync::postings::hub_fixture {
namespace {

using core::ErrorCode;

class EndOfDayTest : public HubTest {
 protected:
  EndOfDayTest() {
    EXPECT_TRUE(pms_.book().SetBusinessDate(kLodge, Day("2026-03-27")));
    clock_.Set(At("2026-03-27T12:00:00Z"));
  }

  size_t Summaries() { return pms_.book().RevenueSummaries(kLodge)->size(); }

  // Charges of the bar and of the spa's till, dated `date`, booked.
  void TakeCharges(const char* date) {
    Posting spa = BarCharge("S-1", 1, 3000, "S1", date);
    spa.source.pos_id = "spa";
    ASSERT_TRUE(hub_.Submit(BarCharge("B-1", 1, 1200, "S1", date)));
    ASSERT_TRUE(hub_.Submit(BarCharge("B-2", 1, 800, "S1", date)));
    ASSERT_TRUE(hub_.Submit(spa));
    Drain();
  }

  // Charges dated `date`; the scheduler sends nothing at `just_before`, then the date's summary
  // at `closing`, once, even when a second process runs the same loop.
  void ExpectSentOnceFrom(const char* date, const char* just_before, const char* closing) {
    TakeCharges(date);
    clock_.Set(At(just_before));
    ASSERT_TRUE(scheduler_.RunDue());
    EXPECT_EQ(Summaries(), 0u);
    clock_.Set(At(closing));
    EXPECT_EQ(scheduler_.RunDue()->sent, 1);
    EXPECT_EQ((*pms_.book().RevenueSummaries(kLodge))[0].business_date, Day(date));
    EndOfDayScheduler other{hub_, properties_, setups_, log_, clock_, {.grace = {}}};
    EXPECT_EQ(other.RunDue()->sent, 1);
    clock_.Advance(std::chrono::hours(5));
    ASSERT_TRUE(scheduler_.RunDue());
    EXPECT_EQ(Summaries(), 1u);
  }

  EndOfDayScheduler scheduler_{hub_, properties_, setups_,
                               log_, clock_,      {.grace = {}, .max_wait = std::chrono::hours(1)}};
};

TEST_F(EndOfDayTest, ItsSummaryAddsUpPostedChargesPerPointOfSaleAndIsSentOnce) {
  TakeCharges("2026-03-27");
  clock_.Set(At("2026-03-28T12:00:00Z"));
  auto eod = hub_.EndOfDay(kLodge, std::nullopt);
  ASSERT_TRUE(eod) << eod.error().ToString();
  EXPECT_FALSE(eod->already_sent);
  EXPECT_EQ(eod->summary.business_date, Day("2026-03-27"));
  EXPECT_EQ(eod->summary.idempotency_key, "eod:lodge:2026-03-27");
  ASSERT_EQ(eod->summary.lines.size(), 2u);
  EXPECT_EQ(eod->summary.lines[0].pos_id, "bar");
  EXPECT_EQ(eod->summary.lines[0].amount, (core::Money{2000, "EUR"}));
  EXPECT_EQ(eod->summary.lines[0].postings, 2);
  EXPECT_EQ(eod->summary.lines[0].code.outlet, "OUT-BAR");
  EXPECT_EQ(eod->summary.lines[1].pos_id, "spa");

  auto again = hub_.EndOfDay(kLodge, Day("2026-03-27"));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->already_sent);
  EXPECT_EQ(again->summary, eod->summary);
  EXPECT_EQ(Summaries(), 1u);
  EXPECT_EQ(hub_.EndOfDay(kLodge, Day("2026-03-28")).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(EndOfDayTest, RunsAtHalfPastFiveParisTimeAcrossTheSpringChange) {
  // Clocks go from 02:00 to 03:00 on 2026-03-29: 05:30 there is 03:30 UTC.
  ExpectSentOnceFrom("2026-03-28", "2026-03-29T03:29:59Z", "2026-03-29T03:30:00Z");
}

TEST_F(EndOfDayTest, RunsAtHalfPastFiveParisTimeAcrossTheAutumnChange) {
  // Clocks go from 03:00 back to 02:00 on 2026-10-25: 05:30 there is 04:30 UTC.
  ExpectSentOnceFrom("2026-10-24", "2026-10-25T04:29:59Z", "2026-10-25T04:30:00Z");
}

TEST_F(EndOfDayTest, WaitsForPendingPostingsThenSendsWhatWasPosted) {
  TakeCharges("2026-03-27");
  pms_.SetDown(true);
  ASSERT_TRUE(hub_.Submit(BarCharge("B-3", 1, 500, "S1", "2026-03-27")));
  Drain();
  pms_.SetDown(false);
  clock_.Set(At("2026-03-28T04:30:00Z"));  // 05:30 in Paris (winter time)
  EXPECT_EQ(scheduler_.RunDue()->waiting, 1);
  EXPECT_EQ(Summaries(), 0u);
  Drain();  // the retry is due: it is booked
  EXPECT_EQ(scheduler_.RunDue()->sent, 1);
  EXPECT_EQ((*pms_.book().RevenueSummaries(kLodge))[0].lines[0].amount, (core::Money{2500, "EUR"}));
}

}  // namespace
}  // namespace chansync::postings::hub_fixture
