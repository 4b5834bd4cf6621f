#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "chansync/core/group_committer.h"

namespace chansync::core {
namespace {

using Round = std::pair<std::string, std::vector<int>>;

// A run that holds every round until opened, so requests made meanwhile can only leave
// together in a later one; answers each request times ten and records the rounds.
class GatedRun {
 public:
  std::vector<int> Run(const std::string& group, std::vector<int> requests) {
    std::unique_lock lock(mutex_);
    rounds_.push_back({group, requests});
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    std::vector<int> answers;
    for (int request : requests) answers.push_back(request * 10);
    return answers;
  }
  void WaitForRounds(size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return rounds_.size() >= count; });
  }
  void Open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  std::vector<Round> Rounds() {
    std::lock_guard lock(mutex_);
    return rounds_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  std::vector<Round> rounds_;
};

// Yields until `committer` has `count` requests waiting; false if that never happens.
bool WaitUntilWaiting(const GroupCommitter<int, int>& committer, size_t count) {
  for (int i = 0; i < 10'000'000 && committer.waiting() < count; ++i) std::this_thread::yield();
  return committer.waiting() == count;
}

class GroupCommitterTest : public ::testing::Test {
 protected:
  GatedRun gate_;
  GroupCommitter<int, int> committer_{[this](const std::string& group, std::vector<int> requests) {
                                        return gate_.Run(group, std::move(requests));
                                      },
                                      -1};
};

TEST_F(GroupCommitterTest, RequestsMadeDuringARoundLeaveTogetherEachWithItsOwnAnswer) {
  int first = 0;
  std::vector<int> answers(8, 0);
  {
    std::jthread lone([&] { first = committer_.Submit("lodge", 1); });
    gate_.WaitForRounds(1);  // the sender holds request 1
    std::vector<std::jthread> callers;
    for (int i = 0; i < 8; ++i) {
      callers.emplace_back([&, i] { answers[i] = committer_.Submit("lodge", 100 + i); });
    }
    ASSERT_TRUE(WaitUntilWaiting(committer_, 8));
    gate_.Open();
  }
  EXPECT_EQ(first, 10);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(answers[i], (100 + i) * 10);
  const auto rounds = gate_.Rounds();
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(rounds[0].second, std::vector<int>{1});
  std::vector<int> second = rounds[1].second;
  std::sort(second.begin(), second.end());
  EXPECT_EQ(second, (std::vector<int>{100, 101, 102, 103, 104, 105, 106, 107}));
}

TEST_F(GroupCommitterTest, OneRunPerGroupKeepingTheOrderOfArrivalWithinIt) {
  std::vector<int> answers(4, 0);
  {
    std::jthread lone([&] { committer_.Submit("lodge", 1); });
    gate_.WaitForRounds(1);
    std::vector<std::jthread> callers;
    const std::vector<std::pair<std::string, int>> made = {
        {"lodge", 2}, {"spa", 3}, {"lodge", 4}, {"spa", 5}};
    for (size_t i = 0; i < made.size(); ++i) {
      callers.emplace_back(
          [&, i] { answers[i] = committer_.Submit(made[i].first, made[i].second); });
      ASSERT_TRUE(WaitUntilWaiting(committer_, i + 1));  // one at a time: a known order
    }
    gate_.Open();
  }
  EXPECT_EQ(answers, (std::vector<int>{20, 30, 40, 50}));
  const auto rounds = gate_.Rounds();
  ASSERT_EQ(rounds.size(), 3u);
  EXPECT_EQ(rounds[1], (Round{"lodge", {2, 4}}));
  EXPECT_EQ(rounds[2], (Round{"spa", {3, 5}}));
}

TEST_F(GroupCommitterTest, ShutdownFinishesTheRoundUnderWayAndAnswersTheRestStopped) {
  std::vector<int> answers(3, 0);
  {
    std::jthread lone([&] { answers[0] = committer_.Submit("lodge", 1); });
    gate_.WaitForRounds(1);
    std::jthread second([&] { answers[1] = committer_.Submit("lodge", 2); });
    ASSERT_TRUE(WaitUntilWaiting(committer_, 1));
    std::jthread stopper([&] { committer_.Shutdown(); });
    for (int i = 0; i < 10'000'000 && !committer_.stopping(); ++i) std::this_thread::yield();
    ASSERT_TRUE(committer_.stopping());
    gate_.Open();
  }
  answers[2] = committer_.Submit("lodge", 3);  // after Shutdown: refused at once
  EXPECT_EQ(answers[0], 10);
  EXPECT_EQ(answers[1], -1);
  EXPECT_EQ(answers[2], -1);
  EXPECT_EQ(gate_.Rounds().size(), 1u);
}

}  // namespace
}  // namespace chansync::core
