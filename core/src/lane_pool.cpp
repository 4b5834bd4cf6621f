#include "chansync/core/lane_pool.h"

namespace chansync::core {

LanePool::LanePool(size_t lanes) {
  for (size_t i = 1; i < lanes; ++i) threads_.emplace_back([this] { Lane(); });
}

LanePool::~LanePool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

// Takes indexes under the lock: a task is a PMS round trip (hundreds of microseconds), so the
// lock is never the contended part, and it keeps next_ and count_ plain.
void LanePool::Drain() {
  std::unique_lock lock(mutex_);
  while (next_ < count_) {
    const size_t index = next_++;
    const auto* task = task_;
    lock.unlock();
    (*task)(index);
    lock.lock();
  }
}

void LanePool::Lane() {
  unsigned seen = 0;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      ++busy_;
    }
    Drain();
    std::lock_guard lock(mutex_);
    if (--busy_ == 0) work_done_.notify_one();
  }
}

void LanePool::Run(size_t count, const std::function<void(size_t)>& task) {
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    count_ = count;
    next_ = 0;
    ++generation_;
  }
  // Wake only as many lanes as there is work for beyond the caller's share.
  const size_t helpers = std::min(threads_.size(), count > 0 ? count - 1 : 0);
  for (size_t i = 0; i < helpers; ++i) work_ready_.notify_one();
  Drain();
  std::unique_lock lock(mutex_);
  work_done_.wait(lock, [&] { return busy_ == 0; });
  task_ = nullptr;
}

}  // namespace chansync::core
