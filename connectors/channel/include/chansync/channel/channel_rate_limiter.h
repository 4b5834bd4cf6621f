#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "chansync/core/clock.h"
#include "chansync/core/error.h"

namespace chansync::channel {

// How fast one channel may push: a token bucket refilled at `per_second`, holding at most
// `burst` tokens (a quiet channel may push `burst` reservations at once). `per_second` 0 turns
// the limit off.
struct RateLimit {
  int64_t per_second = 2000;
  int64_t burst = 4000;
};

// Per-channel admission of pushed reservations: one token per reservation, a batch counting
// each of its reservations. Time comes from the clock's steady time, so tests drive the
// refill with a FakeClock.
// Thread-safe; `clock` must outlive it.
class ChannelRateLimiter {
 public:
  ChannelRateLimiter(RateLimit limit, const core::Clock& clock);

  // Takes one token from `channel`'s bucket. RATE_LIMITED when it is empty, with
  // Error::retry_after set to when the next token is due (at least 1 ms) and the message naming
  // the channel, its limit and that wait.
  core::Status Admit(std::string_view channel);

  bool enabled() const { return limit_.per_second > 0; }
  // Channels whose bucket is kept: those that pushed lately. A bucket that refilled completely
  // admits as a missing one would, so full buckets are dropped once many are kept.
  size_t tracked_channels() const;

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point refilled_at;
  };
  void Refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const;
  // Forgets the buckets that refilled completely, so names pushed once do not accumulate.
  void ForgetFullBuckets(std::chrono::steady_clock::time_point now);

  const RateLimit limit_;
  const core::Clock& clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mutex_
  size_t sweep_at_;                                  // guarded by mutex_
};

}  // namespace chansync::channel
