#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/reservation_json.h"
#include "commands.h"
#include "service_access.h"
#include "stats.h"
#include "workload.h"

namespace chansync::loadgen {

// Keep-alive POST /v1/channels/{channel}/reservations from `threads` clients; counts 202s.
int IngestHttp(const Flags& flags) {
  const WorkloadShape shape = ShapeFrom(flags);
  const std::string run = flags.Get("run", "ingest-http");
  const std::string address = flags.Get("http", "127.0.0.1:7480");
  const auto colon = address.rfind(':');
  const std::string host = address.substr(0, colon);
  const int port = std::atoi(address.substr(colon + 1).c_str());
  const std::string key = ApiKeyFrom(flags).value_or("");
  const int threads = static_cast<int>(flags.GetInt("threads", 8));
  const double seconds = static_cast<double>(flags.GetInt("seconds", 5));
  std::atomic<int64_t> next{0}, ok{0}, failed{0};
  std::string first_error;
  std::mutex error_mutex;
  std::vector<double> latencies_us;
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> clients;
    for (int t = 0; t < threads; ++t) {
      clients.emplace_back([&] {
        httplib::Client client(host, port);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        if (!key.empty()) client.set_bearer_token_auth(key);
        std::vector<double> mine;
        while (SecondsSince(start) < seconds) {
          const core::Reservation r = MakeReservation(shape, run, next++);
          const std::string body = core::ReservationToJson(r);
          const auto sent = std::chrono::steady_clock::now();
          auto response =
              client.Post("/v1/channels/" + r.channel + "/reservations", body, "application/json");
          if (response && response->status == 202) {
            ++ok;
            mine.push_back(
                std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - sent)
                    .count());
            continue;
          }
          ++failed;
          std::lock_guard lock(error_mutex);
          if (first_error.empty()) {
            first_error = response ? std::to_string(response->status) + " " + response->body
                                   : httplib::to_string(response.error());
          }
        }
        std::lock_guard lock(error_mutex);
        latencies_us.insert(latencies_us.end(), mine.begin(), mine.end());
      });
    }
  }
  const double elapsed = SecondsSince(start);
  JsonLine("ingest-http")
      .Number("ops", static_cast<double>(ok))
      .Number("failed", static_cast<double>(failed))
      .Text("first_error", first_error)
      .Number("seconds", elapsed)
      .Number("ops_per_s", static_cast<double>(ok) / elapsed)
      .Number("threads", threads)
      .Number("p50_us", Quantile(latencies_us, 0.50))
      .Number("p99_us", Quantile(latencies_us, 0.99))
      .Print();
  return ok > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
