#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace chansync::channel {

// A fixed set of threads running posted tasks in order of arrival, for work that waits (a
// batch's round trip to the store, an availability check's PMS call) and so must stay off the
// HTTP server's event threads.
// Thread-safe. The destructor runs every task already posted, then joins.
class TaskThreads {
 public:
  explicit TaskThreads(size_t threads);
  ~TaskThreads();
  TaskThreads(const TaskThreads&) = delete;
  TaskThreads& operator=(const TaskThreads&) = delete;

  void Post(std::move_only_function<void()> task);

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable posted_;
  std::deque<std::move_only_function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace chansync::channel
