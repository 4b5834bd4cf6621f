#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "stats.h"

namespace chansync::loadgen {

struct PhaseResult {
  int64_t ok = 0;
  int64_t failed = 0;
  double seconds = 0;
  std::string first_error;
  std::vector<double> latencies_us;
};

// Runs `call(sequence)` from `threads` threads for `seconds`; call returns the error or "".
template <typename Call>
PhaseResult RunPhase(int threads, double seconds, Call call) {
  PhaseResult result;
  std::mutex mutex;
  std::atomic<int64_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        std::vector<double> mine;
        int64_t failed = 0;
        std::string error;
        while (SecondsSince(start) < seconds) {
          const auto sent = std::chrono::steady_clock::now();
          std::string outcome = call(next++);
          if (outcome.empty()) {
            mine.push_back(
                std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - sent)
                    .count());
          } else if (failed++ == 0) {
            error = outcome;
          }
        }
        std::lock_guard lock(mutex);
        result.ok += static_cast<int64_t>(mine.size());
        result.failed += failed;
        if (result.first_error.empty()) result.first_error = error;
        result.latencies_us.insert(result.latencies_us.end(), mine.begin(), mine.end());
      });
    }
  }
  result.seconds = SecondsSince(start);
  return result;
}

}  // namespace chansync::loadgen
