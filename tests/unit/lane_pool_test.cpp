#include "chansync/core/lane_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <latch>
#include <set>
#include <thread>
#include <vector>

namespace chansync::core {
namespace {

TEST(LanePoolTest, RunsEveryIndexExactlyOnceBatchAfterBatch) {
  LanePool pool(4);
  for (size_t count : {0u, 1u, 2u, 3u, 7u, 64u, 1000u, 5u}) {
    std::vector<std::atomic<int>> calls(count);
    pool.Run(count, [&](size_t i) { ++calls[i]; });
    for (size_t i = 0; i < count; ++i) EXPECT_EQ(calls[i], 1) << "index " << i << " of " << count;
  }
}

TEST(LanePoolTest, RunsTasksOnSeveralThreadsAtOnce) {
  // Three tasks that each wait for the two others can only finish on three threads.
  LanePool pool(3);
  for (int round = 0; round < 20; ++round) {
    std::barrier all_three(3);
    std::mutex mutex;
    std::set<std::thread::id> threads;
    pool.Run(3, [&](size_t) {
      {
        std::lock_guard lock(mutex);
        threads.insert(std::this_thread::get_id());
      }
      all_three.arrive_and_wait();
    });
    EXPECT_EQ(threads.size(), 3u);
    EXPECT_TRUE(threads.contains(std::this_thread::get_id()));
  }
}

TEST(LanePoolTest, ReturnsOnlyWhenEveryTaskHasReturned) {
  LanePool pool(8);
  for (int round = 0; round < 50; ++round) {
    std::atomic<int> finished = 0;
    // Every third task returns only after all the others have, so it is the last to return;
    // eight lanes leave room for the others while the six slow ones wait.
    std::latch others_done(10);
    pool.Run(16, [&](size_t i) {
      if (i % 3 == 0) {
        others_done.wait();
      } else {
        others_done.count_down();
      }
      ++finished;
    });
    EXPECT_EQ(finished, 16);
  }
}

TEST(LanePoolTest, OneLaneRunsEverythingOnTheCaller) {
  LanePool pool(1);
  std::set<std::thread::id> threads;
  pool.Run(10, [&](size_t) { threads.insert(std::this_thread::get_id()); });
  EXPECT_EQ(threads, std::set<std::thread::id>{std::this_thread::get_id()});
}

}  // namespace
}  // namespace chansync::core
