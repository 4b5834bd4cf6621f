#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "chansync/channel/request_deadlines.h"
#include "chansync/core/testing/fake_clock.h"

namespace chansync::channel {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class RequestDeadlinesTest : public ::testing::Test {
 protected:
  // Advances the clock, sweeps, and tells which sockets were cut by that sweep.
  std::vector<int> After(std::chrono::milliseconds wait) {
    clock_.Advance(wait);
    cut_.clear();
    deadlines_.Sweep();
    return cut_;
  }

  core::testing::FakeClock clock_;
  std::vector<int> cut_;
  RequestDeadlines deadlines_{
      RequestTimeouts{.headers = seconds(10), .body = seconds(30), .keep_alive = seconds(5)},
      clock_, [this](int socket) { cut_.push_back(socket); }};
};

TEST_F(RequestDeadlinesTest, HeadersThatDoNotCompleteInTimeAreCutHoweverSlowlyTheyCome) {
  auto* trickling = deadlines_.Opened(7);
  auto* prompt = deadlines_.Opened(8);
  deadlines_.RequestLineReceived(trickling);
  deadlines_.RequestLineReceived(prompt);
  deadlines_.HeadersReceived(prompt);
  deadlines_.RequestReceived(prompt);
  EXPECT_EQ(After(milliseconds(9999)), std::vector<int>{});
  EXPECT_EQ(After(milliseconds(1)), std::vector<int>{7});
  EXPECT_EQ(After(seconds(60)), std::vector<int>{}) << "cut once; the request handled has none";
  deadlines_.Closed(trickling);
  EXPECT_EQ(deadlines_.open_connections(), 1u);
}

TEST_F(RequestDeadlinesTest, TheBodyIsDueItsOwnTimeAfterTheHeaders) {
  auto* connection = deadlines_.Opened(7);
  clock_.Advance(seconds(9));
  deadlines_.HeadersReceived(connection);
  EXPECT_EQ(After(seconds(29)), std::vector<int>{}) << "the headers' deadline no longer counts";
  EXPECT_EQ(After(seconds(1)), std::vector<int>{7});
}

TEST_F(RequestDeadlinesTest, AKeptAliveConnectionsNextRequestStartsWithItsRequestLine) {
  auto* connection = deadlines_.Opened(7);
  deadlines_.HeadersReceived(connection);
  deadlines_.RequestReceived(connection);
  deadlines_.Answered(connection);
  clock_.Advance(seconds(4));  // quiet, within the keep-alive
  deadlines_.RequestLineReceived(connection);
  EXPECT_EQ(After(milliseconds(9999)), std::vector<int>{});
  EXPECT_EQ(After(milliseconds(1)), std::vector<int>{7});
}

TEST_F(RequestDeadlinesTest, ARequestLineThatNeverCompletesStartsTheClockAfterTheKeepAlive) {
  auto* connection = deadlines_.Opened(7);
  deadlines_.RequestReceived(connection);
  deadlines_.Answered(connection);
  EXPECT_EQ(After(milliseconds(14999)), std::vector<int>{});
  EXPECT_EQ(After(milliseconds(1)), std::vector<int>{7});
}

TEST_F(RequestDeadlinesTest, ARequestLineAfterTheKeepAliveDoesNotExtendTheDeadline) {
  auto* connection = deadlines_.Opened(7);
  deadlines_.RequestReceived(connection);
  deadlines_.Answered(connection);
  clock_.Advance(seconds(12));  // the request line trickled in
  deadlines_.RequestLineReceived(connection);
  EXPECT_EQ(After(seconds(3)), std::vector<int>{7});
}

TEST_F(RequestDeadlinesTest, ANullConnectionIsIgnored) {
  deadlines_.RequestLineReceived(nullptr);
  deadlines_.HeadersReceived(nullptr);
  deadlines_.RequestReceived(nullptr);
  deadlines_.Answered(nullptr);
  deadlines_.Closed(nullptr);
  EXPECT_EQ(deadlines_.open_connections(), 0u);
  EXPECT_EQ(deadlines_.Sweep(), 0u);
}

}  // namespace
}  // namespace chansync::channel
