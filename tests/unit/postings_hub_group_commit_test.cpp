#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "postings_hub_fixture.h"

namespace chansync::postings::hub_fixture {
namespace {

using core::ErrorCode;

// The fixture's lodge, with single submissions accepted together (PostingHubOptions).
class GroupCommitHubTest : public HubTest {
 protected:
  PostingHub grouped_{queue_,      log_,       setups_, end_of_days_,
                      properties_, directory_, clock_,  {.group_commit = true}};
};

TEST_F(GroupCommitHubTest, ConcurrentSubmissionsAreEachAcceptedAndBookedOnce) {
  constexpr int kTills = 4;
  constexpr int kPerTill = 25;
  std::vector<std::vector<core::Result<PostingAccepted>>> answers(kTills);
  {
    std::vector<std::jthread> tills;
    for (int t = 0; t < kTills; ++t) {
      tills.emplace_back([&, t] {
        for (int i = 0; i < kPerTill; ++i) {
          const std::string ticket = "T" + std::to_string(t) + "-" + std::to_string(i);
          answers[t].push_back(grouped_.Submit(BarCharge(ticket.c_str(), 1, 100 + i)));
        }
      });
    }
  }
  for (const auto& till : answers) {
    for (const auto& answer : till) {
      ASSERT_TRUE(answer) << answer.error().ToString();
      EXPECT_FALSE(answer->duplicate);
      EXPECT_EQ(answer->state, PostingState::kPending);
    }
  }
  EXPECT_EQ(queue_.ready_count(), static_cast<size_t>(kTills * kPerTill));
  Drain();
  EXPECT_EQ(pms_.book().stats().postings, kTills * kPerTill);
  int64_t sum = 0;
  for (int i = 0; i < kPerTill; ++i) sum += kTills * (100 + i);
  EXPECT_EQ(Balance("F-S1"), (core::Money{sum, "EUR"}));
}

TEST_F(GroupCommitHubTest, DuplicatesAndConflictsAreAnsweredEachOnItsOwn) {
  ASSERT_TRUE(grouped_.Submit(BarCharge("T1", 1, 1250)));
  auto again = grouped_.Submit(BarCharge("T1", 1, 1250));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->duplicate);
  auto other = grouped_.Submit(BarCharge("T1", 1, 999));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  auto next = grouped_.Submit(BarCharge("T2", 1, 500));
  ASSERT_TRUE(next) << next.error().ToString();
  EXPECT_FALSE(next->duplicate);
  EXPECT_EQ(queue_.ready_count(), 2u);
}

TEST_F(GroupCommitHubTest, AStoreFailureFailsTheSubmissionAndStoresNothing) {
  queue_.SetUnavailable(true);
  auto refused = grouped_.Submit(BarCharge("T1", 1, 1250, "S1", "2026-06-15"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kStoreUnavailable);
  queue_.SetUnavailable(false);
  EXPECT_FALSE(grouped_.Get(kLodge, "bar:T1:1"));
  auto accepted = grouped_.Submit(BarCharge("T1", 1, 1250));
  ASSERT_TRUE(accepted) << accepted.error().ToString();
  EXPECT_FALSE(accepted->duplicate);
}

}  // namespace
}  // namespace chansync::postings::hub_fixture
