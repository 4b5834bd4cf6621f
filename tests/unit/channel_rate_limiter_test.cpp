// Per-channel token buckets: a burst is admitted at once, then the refill rate; channels do not
// share a bucket; the refusal says when to come back.
#include "chansync/channel/channel_rate_limiter.h"

#include <gtest/gtest.h>

#include <chrono>

#include "chansync/core/testing/fake_clock.h"

namespace chansync::channel {
namespace {

using std::chrono::milliseconds;

int AdmittedOf(ChannelRateLimiter& limiter, const std::string& channel, int attempts) {
  int admitted = 0;
  for (int i = 0; i < attempts; ++i) admitted += limiter.Admit(channel).has_value();
  return admitted;
}

TEST(ChannelRateLimiterTest, AdmitsTheBurstThenRefusesWithARetryHint) {
  core::testing::FakeClock clock;
  ChannelRateLimiter limiter({.per_second = 10, .burst = 5}, clock);
  EXPECT_EQ(AdmittedOf(limiter, "secureholiday", 5), 5);

  auto refused = limiter.Admit("secureholiday");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(refused.error().retry_after, milliseconds(100)) << "one token every 100 ms";
  EXPECT_NE(refused.error().message.find("secureholiday"), std::string::npos);
  EXPECT_NE(refused.error().message.find("retry after 100 ms"), std::string::npos)
      << refused.error().message;
}

TEST(ChannelRateLimiterTest, RefillsAtTheRateUpToTheBurst) {
  core::testing::FakeClock clock;
  ChannelRateLimiter limiter({.per_second = 10, .burst = 5}, clock);
  EXPECT_EQ(AdmittedOf(limiter, "c", 5), 5);
  clock.Advance(milliseconds(250));
  EXPECT_EQ(AdmittedOf(limiter, "c", 5), 2) << "2.5 tokens refilled";
  auto refused = limiter.Admit("c");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().retry_after, milliseconds(50)) << "half a token is left";

  clock.Advance(std::chrono::hours(1));
  EXPECT_EQ(AdmittedOf(limiter, "c", 10), 5) << "a long pause refills the burst, no more";
}

TEST(ChannelRateLimiterTest, ChannelsHaveABucketEach) {
  core::testing::FakeClock clock;
  ChannelRateLimiter limiter({.per_second = 1, .burst = 2}, clock);
  EXPECT_EQ(AdmittedOf(limiter, "a", 3), 2);
  EXPECT_EQ(AdmittedOf(limiter, "b", 3), 2);
}

TEST(ChannelRateLimiterTest, ZeroPerSecondTurnsTheLimitOff) {
  core::testing::FakeClock clock;
  ChannelRateLimiter limiter({.per_second = 0, .burst = 1}, clock);
  EXPECT_FALSE(limiter.enabled());
  EXPECT_EQ(AdmittedOf(limiter, "a", 1000), 1000);
}

TEST(ChannelRateLimiterTest, IdleChannelsAreForgottenWithoutLiftingAnyLimit) {
  core::testing::FakeClock clock;
  ChannelRateLimiter limiter({.per_second = 1, .burst = 1}, clock);
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_TRUE(limiter.Admit("once-" + std::to_string(i)).has_value());
  }
  EXPECT_EQ(limiter.tracked_channels(), 10'000u);
  clock.Advance(std::chrono::seconds(2));  // every bucket is full again
  ASSERT_TRUE(limiter.Admit("busy").has_value());
  EXPECT_EQ(limiter.tracked_channels(), 1u) << "full buckets dropped";
  EXPECT_FALSE(limiter.Admit("busy").has_value()) << "an empty bucket is kept";
}

}  // namespace
}  // namespace chansync::channel
