#include <gtest/gtest.h>

#include "postings_hub_fixture.h"

namespace chansync::postings::hub_fixture {
namespace {

using core::ErrorCode;
using std::chrono::milliseconds;

TEST(PostingBackoffTest, DoublesFromTheBaseUpToTheCap) {
  const milliseconds base(500), cap(60'000);
  EXPECT_EQ(PostingBackoff(1, base, cap), milliseconds(500));
  EXPECT_EQ(PostingBackoff(2, base, cap), milliseconds(1000));
  EXPECT_EQ(PostingBackoff(5, base, cap), milliseconds(8000));
  EXPECT_EQ(PostingBackoff(8, base, cap), cap);
  EXPECT_EQ(PostingBackoff(1'000'000, base, cap), cap);
}

TEST_F(HubTest, APmsOutageKeepsThePostingPendingWithBackoffAndBooksItOnceBack) {
  pms_.SetDown(true);
  ASSERT_TRUE(hub_.Submit(BarCharge("T1", 1, 1250)));
  Drain();
  PostingRecord waiting = Record("bar:T1:1");
  EXPECT_EQ(waiting.state, PostingState::kPending);
  EXPECT_EQ(waiting.error_code, "PMS_UNAVAILABLE");
  EXPECT_EQ(waiting.attempts, 1);

  clock_.Advance(milliseconds(499));
  EXPECT_EQ(*worker_.RunOnce(), 0u);  // not due before the first backoff
  clock_.Advance(milliseconds(1));
  Drain();
  EXPECT_EQ(Record("bar:T1:1").attempts, 2);
  clock_.Advance(milliseconds(999));
  EXPECT_EQ(*worker_.RunOnce(), 0u);  // the second waits twice as long

  pms_.SetDown(false);
  clock_.Advance(milliseconds(1));
  Drain();
  const PostingRecord posted = Record("bar:T1:1");
  EXPECT_EQ(posted.state, PostingState::kPosted);
  EXPECT_EQ(posted.attempts, 3);
  EXPECT_TRUE(posted.error_code.empty());
  EXPECT_EQ(pms_.book().stats().postings, 1);
  EXPECT_TRUE(queue_.dead_letters().empty());
}

TEST_F(HubTest, AStopBetweenQueueingAndRecordingLosesNothing) {
  log_.SetInsertsFailing(true);
  auto lost_answer = hub_.Submit(BarCharge("T1", 1, 1250));
  ASSERT_FALSE(lost_answer);
  EXPECT_EQ(lost_answer.error().code, ErrorCode::kStoreUnavailable);
  log_.SetInsertsFailing(false);

  Drain();  // the worker records it from the queued posting, then books it
  EXPECT_EQ(Record("bar:T1:1").state, PostingState::kPosted);
  auto retried = hub_.Submit(BarCharge("T1", 1, 1250));
  ASSERT_TRUE(retried);
  EXPECT_TRUE(retried->duplicate);
  EXPECT_EQ(pms_.book().stats().postings, 1);
}

TEST_F(HubTest, AQueuedCopyThatLostAConflictIsNeverSent) {
  log_.SetInsertsFailing(true);
  ASSERT_FALSE(hub_.Submit(BarCharge("T1", 1, 1250)));  // queued, never recorded
  log_.SetInsertsFailing(false);
  auto winner = hub_.Submit(BarCharge("T1", 1, 990));  // recorded first: it wins
  ASSERT_TRUE(winner) << winner.error().ToString();
  Drain();
  EXPECT_EQ(Record("bar:T1:1").posting.amount.minor_units, 990);
  EXPECT_EQ(Balance("F-S1"), (core::Money{990, "EUR"}));
  EXPECT_EQ(pms_.posts(), 1);
}

TEST_F(HubTest, ARedeliveredPostingIsNotSentAgainOnceRecordedPosted) {
  ASSERT_TRUE(hub_.Submit(BarCharge("T1", 1, 1250)));
  auto claimed = queue_.Claim("crashed", 10, milliseconds(0));
  ASSERT_EQ(claimed->size(), 1u);
  // The consumer stops before acknowledging; its message comes back after the reclaim time.
  Drain();
  EXPECT_EQ(Record("bar:T1:1").state, PostingState::kPending);
  ASSERT_TRUE(hub_.Force(kLodge, "bar:T1:1"));  // pending: answered as it stands
  clock_.Advance(std::chrono::seconds(31));
  Drain();
  EXPECT_EQ(Record("bar:T1:1").state, PostingState::kPosted);
  ASSERT_TRUE(queue_.Enqueue(kLodge, (*claimed)[0].payload));  // a stray copy
  Drain();
  EXPECT_EQ(pms_.posts(), 1);
}

}  // namespace
}  // namespace chansync::postings::hub_fixture
