#include "chansync/redis/pool.h"

#include <algorithm>

namespace chansync::redis {

RedisPool::RedisPool(RedisEndpoint endpoint, RedisOptions options)
    : endpoint_(std::move(endpoint)), options_(options) {
  if (options_.pool_size < 1) options_.pool_size = 1;
}

RedisPool::~RedisPool() = default;

RedisPool::Lease::~Lease() {
  if (connection_) pool_->Release(std::move(connection_));
}

core::Result<RedisPool::Lease> RedisPool::Acquire() { return Acquire(options_.acquire_timeout); }

core::Result<RedisPool::Lease> RedisPool::Acquire(std::chrono::milliseconds wait) {
  const Clock::time_point now = Clock::now();
  return AcquireUntil(now + wait, now);
}

core::Result<RedisPool::Lease> RedisPool::AcquireFor(const CallOptions& call) {
  const Clock::time_point now = Clock::now();
  const Clock::time_point give_up = now + options_.acquire_timeout;
  return AcquireUntil(call.deadline ? std::min(*call.deadline, give_up) : give_up, now);
}

core::Result<RedisPool::Lease> RedisPool::AcquireUntil(Clock::time_point give_up,
                                                       Clock::time_point asked_at) {
  std::unique_lock lock(mutex_);
  const bool free = available_.wait_until(
      lock, give_up, [&] { return !idle_.empty() || created_ < options_.pool_size; });
  if (!free) {
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::max(give_up - asked_at, Clock::duration::zero()));
    return core::Fail(core::ErrorCode::kStoreUnavailable,
                      "no Redis connection free after " + std::to_string(waited.count()) +
                          " ms, pool of " + std::to_string(options_.pool_size));
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++created_;
  return Lease(this, std::make_unique<RedisConnection>(endpoint_, options_));
}

void RedisPool::Release(std::unique_ptr<RedisConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

core::Result<RedisReply> RedisPool::Command(const RedisCommand& argv, CallOptions call) {
  ASSIGN_OR_RETURN(auto lease, AcquireFor(call));
  return (lease)->Command(argv, call);
}

core::Result<std::vector<RedisReply>> RedisPool::Pipeline(const std::vector<RedisCommand>& commands,
                                                          CallOptions call) {
  ASSIGN_OR_RETURN(auto lease, AcquireFor(call));
  return (lease)->Pipeline(commands, call);
}

}  // namespace chansync::redis
