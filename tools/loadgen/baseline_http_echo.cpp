#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "chansync/core/reservation_json.h"
#include "commands.h"
#include "stats.h"
#include "workload.h"

namespace chansync::loadgen {

// A cpp-httplib server that answers every POST with its body, loaded by keep-alive clients:
// the ceiling for the HTTP ingest surface, by default with the body size of one reservation.
int BaselineHttpEcho(const Flags& flags) {
  const std::string sample = core::ReservationToJson(MakeReservation({}, "echo", 1));
  const auto payload_bytes =
      static_cast<size_t>(flags.GetInt("payload-bytes", static_cast<long long>(sample.size())));
  const int threads = static_cast<int>(flags.GetInt("threads", 8));
  const double seconds = static_cast<double>(flags.GetInt("seconds", 5));
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads + 2); };
  server.set_tcp_nodelay(true);
  server.Post("/echo", [](const httplib::Request& request, httplib::Response& response) {
    response.set_content(request.body, "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    std::fprintf(stderr, "loadgen: cannot start the echo server\n");
    return 1;
  }
  std::jthread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const std::string body(payload_bytes, 'x');
  std::atomic<int64_t> ok{0}, failed{0};
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> clients;
    for (int t = 0; t < threads; ++t) {
      clients.emplace_back([&] {
        httplib::Client client("127.0.0.1", port);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);
        while (SecondsSince(start) < seconds) {
          auto response = client.Post("/echo", body, "application/json");
          if (response && response->status == 200 && response->body.size() == body.size()) {
            ++ok;
          } else {
            ++failed;
          }
        }
      });
    }
  }
  const double elapsed = SecondsSince(start);
  server.stop();
  JsonLine("baseline-http-echo")
      .Number("ops", static_cast<double>(ok))
      .Number("failed", static_cast<double>(failed))
      .Number("seconds", elapsed)
      .Number("ops_per_s", static_cast<double>(ok) / elapsed)
      .Number("threads", threads)
      .Number("payload_bytes", static_cast<double>(payload_bytes))
      .Print();
  return ok > 0 ? 0 : 1;
}

}  // namespace chansync::loadgen
