#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace chansync::core {

// Threads that stay up from one batch to the next, so a worker spreads a batch's reservations
// over its lanes without starting (and tearing down) threads per batch.
//
// Thread-safety: Run from one thread at a time (the owning worker's).
class LanePool {
 public:
  // `lanes` counts the caller of Run, so lanes - 1 threads are started (none for 0 or 1).
  explicit LanePool(size_t lanes);
  ~LanePool();
  LanePool(const LanePool&) = delete;
  LanePool& operator=(const LanePool&) = delete;

  // Calls task(i) once for every i in [0, count), on up to `lanes` threads including the
  // caller's, and returns when every call has returned. `task` must not throw.
  void Run(size_t count, const std::function<void(size_t)>& task);

 private:
  void Lane();
  void Drain();

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable work_done_;
  const std::function<void(size_t)>* task_ = nullptr;
  size_t count_ = 0;
  size_t next_ = 0;
  size_t busy_ = 0;  // lanes (threads, not the caller) still inside the current Run
  unsigned generation_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace chansync::core
