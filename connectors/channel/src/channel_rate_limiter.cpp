#include "chansync/channel/channel_rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace chansync::channel {
namespace {

using std::chrono::duration;
using std::chrono::milliseconds;

// Beyond this many channels tracked at once, the full (idle) buckets are dropped: a full bucket
// and a missing one admit alike. The next sweep waits until the map doubled, so a flood of new
// names costs amortised constant time per push.
constexpr size_t kTrackedChannelsBeforeSweep = 10'000;

}  // namespace

ChannelRateLimiter::ChannelRateLimiter(RateLimit limit, const core::Clock& clock)
    : limit_(limit), clock_(clock), sweep_at_(kTrackedChannelsBeforeSweep) {}

size_t ChannelRateLimiter::tracked_channels() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void ChannelRateLimiter::Refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const {
  const double elapsed_s = duration<double>(now - bucket.refilled_at).count();
  if (elapsed_s <= 0) return;
  bucket.tokens = std::min(static_cast<double>(limit_.burst),
                           bucket.tokens + elapsed_s * static_cast<double>(limit_.per_second));
  bucket.refilled_at = now;
}

void ChannelRateLimiter::ForgetFullBuckets(std::chrono::steady_clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Refill(it->second, now);
    it =
        it->second.tokens >= static_cast<double>(limit_.burst) ? buckets_.erase(it) : std::next(it);
  }
  sweep_at_ = std::max(kTrackedChannelsBeforeSweep, 2 * buckets_.size());
}

core::Status ChannelRateLimiter::Admit(std::string_view channel) {
  if (!enabled()) return core::Ok();
  const auto now = clock_.SteadyNow();
  std::lock_guard lock(mutex_);
  auto found = buckets_.find(std::string(channel));
  if (found == buckets_.end()) {
    if (buckets_.size() >= sweep_at_) ForgetFullBuckets(now);
    found = buckets_.emplace(std::string(channel), Bucket{static_cast<double>(limit_.burst), now})
                .first;
  }
  Bucket& bucket = found->second;
  Refill(bucket, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return core::Ok();
  }
  const double wait_ms = (1 - bucket.tokens) * 1000 / static_cast<double>(limit_.per_second);
  const milliseconds retry_after(std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait_ms))));
  core::Error limited{core::ErrorCode::kRateLimited,
                      "channel " + std::string(channel) + " pushes more than " +
                          std::to_string(limit_.per_second) + " reservations/s (burst " +
                          std::to_string(limit_.burst) + "); retry after " +
                          std::to_string(retry_after.count()) + " ms"};
  limited.retry_after = retry_after;
  return std::unexpected(std::move(limited));
}

}  // namespace chansync::channel
