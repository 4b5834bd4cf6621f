#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "chansync/pms/curl_pms_client.h"
#include "commands.h"
#include "stats.h"
#include "workload.h"

namespace chansync::loadgen {
namespace {

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

core::PmsProductId PmsProductOf(const core::Reservation& r) {
  return "u" + r.product.substr(r.product.rfind("-P") + 2);
}

}  // namespace

// pmssim's own rates through the same client the workers use: creates, then checks.
int BaselinePms(const Flags& flags) {
  pms::CurlPmsClientOptions options;
  options.base_url = flags.Get("pms", "http://127.0.0.1:7481");
  options.max_attempts = 1;
  auto client = pms::CurlPmsClient::Make(options);
  if (!client) {
    std::fprintf(stderr, "loadgen: %s\n", client.error().ToString().c_str());
    return 1;
  }
  WorkloadShape shape;
  shape.properties = static_cast<int>(flags.GetInt("properties", shape.properties));
  const std::string run = flags.Get("run", "baseline-pms");
  const int threads = static_cast<int>(flags.GetInt("threads", 8));
  const double seconds = static_cast<double>(flags.GetInt("seconds", 5));
  PhaseResult creates = RunPhase(threads, seconds, [&](int64_t sequence) -> std::string {
    const core::Reservation r = MakeReservation(shape, run, sequence);
    pms::CreateReservationRequest request;
    request.idempotency_key = run + ":" + std::to_string(sequence);
    request.channel = r.channel;
    request.channel_reservation_id = r.channel_reservation_id;
    request.product = PmsProductOf(r);
    request.stay = r.stay;
    request.guest_name = r.guest_name;
    request.price = r.price;
    auto created = (*client)->CreateReservation(r.property, request);
    return created ? "" : created.error().ToString();
  });
  PhaseResult checks = RunPhase(threads, seconds, [&](int64_t sequence) -> std::string {
    const core::Reservation r = MakeReservation(shape, run, sequence);
    auto checked = (*client)->Check(r.property, PmsProductOf(r), r.stay);
    if (!checked) return checked.error().ToString();
    return checked->available ? "" : "no availability";
  });
  JsonLine("baseline-pms")
      .Number("creates", static_cast<double>(creates.ok))
      .Number("create_failed", static_cast<double>(creates.failed))
      .Number("create_per_s", static_cast<double>(creates.ok) / creates.seconds)
      .Number("create_p50_us", Quantile(creates.latencies_us, 0.50))
      .Number("create_p99_us", Quantile(creates.latencies_us, 0.99))
      .Number("checks", static_cast<double>(checks.ok))
      .Number("check_failed", static_cast<double>(checks.failed))
      .Number("check_per_s", static_cast<double>(checks.ok) / checks.seconds)
      .Number("check_p50_us", Quantile(checks.latencies_us, 0.50))
      .Number("check_p99_us", Quantile(checks.latencies_us, 0.99))
      .Text("first_error", creates.first_error.empty() ? checks.first_error : creates.first_error)
      .Number("threads", threads)
      .Print();
  return creates.ok > 0 && checks.ok > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
