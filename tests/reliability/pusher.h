#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "census.h"
#include "estate.h"

namespace chansync::test::reliability {

// Pushes reservations over HTTP from several threads the way a portal does: each one again and
// again until it is answered 202, pausing `retry_after` after anything else. The HTTP port is
// read before every attempt, so a scenario can point the pushers at a restarted server.
class RetryingPusher {
 public:
  struct Item {
    Channel channel;
    std::string id;
    std::string body;
  };
  struct Pace {
    int threads = 6;
    std::chrono::milliseconds between{0};  // after each accepted push, per thread
    std::chrono::milliseconds retry_after{50};
  };

  RetryingPusher(std::vector<Item> items, const std::atomic<int>& http_port, Pace pace);
  ~RetryingPusher();
  RetryingPusher(const RetryingPusher&) = delete;
  RetryingPusher& operator=(const RetryingPusher&) = delete;

  // Waits until every item is accepted (or Stop was called and the threads noticed).
  void Join();
  // Stops the threads after their current attempt; items not accepted by then stay so.
  void Stop();

  int64_t attempts() const { return attempts_.load(); }
  int64_t accepted() const { return accepted_.load(); }
  // The order in which item `i` was accepted (0 for the first accepted), -1 if it was not.
  int64_t AcceptedAs(size_t i) const { return accepted_as_[i].load(); }
  const std::vector<Item>& items() const { return items_; }
  // Every answer that was not 202, by "<status> <code>" ("-1" when nothing answered).
  std::map<std::string, int64_t> Refusals() const;

 private:
  void Run();

  std::vector<Item> items_;
  const std::atomic<int>& http_port_;
  Pace pace_;
  std::vector<std::atomic<int64_t>> accepted_as_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> attempts_{0};
  std::atomic<int64_t> accepted_{0};
  mutable std::mutex refusals_mutex_;
  std::map<std::string, int64_t> refusals_;
  std::vector<std::thread> threads_;
};

// The channel reservations of `items`, in their order.
std::vector<ReservationRef> RefsOf(const std::vector<RetryingPusher::Item>& items);

}  // namespace chansync::test::reliability
