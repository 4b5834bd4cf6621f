#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::pmssim {

// Failures the simulator injects into /v1 calls, switchable at run time (POST /admin/faults).
// Thread-safe.
class Faults {
 public:
  struct Verdict {
    int status = 0;  // 0 = serve the call normally
    std::string code;
    std::string message;
  };

  // Sleeps for the configured latency, then decides whether this call fails.
  Verdict Decide();

  void set_latency_ms(int ms) { latency_ms_.store(ms); }
  void set_fail_5xx_rate(double rate) { fail_5xx_rate_.store(rate); }

  // Applies the fields present in a JSON object: latency_ms, down, fail_next_5xx, reject_next,
  // reject_message, fail_5xx_rate. INVALID_ARGUMENT (and nothing changed) on a bad field.
  core::Status Apply(std::string_view json);
  std::string ToJson() const;
  int64_t injected() const { return injected_.load(std::memory_order_relaxed); }

 private:
  static bool TakeOne(std::atomic<int>& counter);

  std::atomic<int> latency_ms_{0};
  std::atomic<bool> down_{false};
  std::atomic<int> fail_next_5xx_{0};
  std::atomic<int> reject_next_{0};
  std::atomic<double> fail_5xx_rate_{0.0};
  std::atomic<int64_t> injected_{0};
  mutable std::mutex message_mutex_;
  std::string reject_message_ = "rejected by the PMS";
};

}  // namespace chansync::pmssim
