#include "chansync/tools/sim_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "chansync/core/stop_signals.h"

namespace chansync::tools {
namespace {

// Both the signal thread and the main thread may finish the process; the first one does.
[[noreturn]] void ExitOnce(const std::string& name, int code) {
  static std::atomic<bool> exiting{false};
  if (!exiting.exchange(true)) {
    std::printf("%s stopped\n", name.c_str());
    std::fflush(stdout);
    std::_Exit(code);
  }
  for (;;) pause();
}

void Configure(httplib::Server& server, const SimServerOptions& options) {
  const int threads = options.flags.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_max_count(1'000'000);
  server.set_keep_alive_timeout(options.flags.keep_alive_s);
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options.max_payload_bytes);

  const ErrorEncoder encode = options.encode_error;
  server.set_error_handler(
      [encode, codes = options.error_codes](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        auto code = codes.find(res.status);
        res.set_content(
            encode(code == codes.end() ? "INVALID" : code->second, "request not understood"),
            "application/json");
      });
  server.set_exception_handler(
      [encode](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content(encode("INTERNAL", "unexpected server error"), "application/json");
      });
}

void Route(httplib::Server& server, const std::vector<std::string>& methods,
           const httplib::Server::Handler& handle) {
  for (const std::string& method : methods) {
    if (method == "GET") server.Get(".*", handle);
    if (method == "POST") server.Post(".*", handle);
    if (method == "PUT") server.Put(".*", handle);
    if (method == "DELETE") server.Delete(".*", handle);
  }
}

}  // namespace

int RunSimServer(const SimServerOptions& options,
                 std::function<SimResponse(const SimRequest&)> handler) {
  // Signals are taken by one thread with sigwait: the server threads inherit the blocked mask,
  // and stopping the server from a real signal handler would not be async-signal-safe.
  const auto stop_signals = core::StopSignals::Block();

  const ServerFlags& flags = options.flags;
  if (flags.tls_cert.empty() != flags.tls_key.empty()) {
    std::fprintf(stderr, "%s: --tls-cert and --tls-key go together\n", options.name.c_str());
    return 1;
  }
  const bool tls = !flags.tls_cert.empty();
  std::unique_ptr<httplib::Server> serving =
      tls ? std::make_unique<httplib::SSLServer>(flags.tls_cert.c_str(), flags.tls_key.c_str())
          : std::make_unique<httplib::Server>();
  if (!serving->is_valid()) {
    std::fprintf(stderr, "%s: cannot load the certificate %s with the key %s\n",
                 options.name.c_str(), flags.tls_cert.c_str(), flags.tls_key.c_str());
    return 1;
  }
  httplib::Server& server = *serving;
  Configure(server, options);

  // httplib listens with a backlog of 5: a burst of new connections (a pool of clients
  // starting together) would see SYNs dropped and retried a second later. The socket is
  // remembered here and listen() is called again with a deep backlog once bound.
  std::atomic<int> listen_fd{-1};
  // Not httplib's default, which adds SO_REUSEPORT: a second simulator on the same port would
  // start and take half the connections instead of failing.
  server.set_socket_options([&listen_fd](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd.store(sock);
  });

  std::atomic<int> in_flight{0};
  Route(server, options.methods,
        [&handler, &in_flight](const httplib::Request& req, httplib::Response& res) {
          in_flight.fetch_add(1);
          const std::string& authorization = req.get_header_value("Authorization");
          const std::string& key = req.get_header_value("Idempotency-Key");
          SimResponse answer =
              handler(SimRequest{req.method, req.path, &req.params, authorization, key, req.body});
          res.status = answer.status;
          res.set_content(std::move(answer.body), "application/json");
          in_flight.fetch_sub(1);
        });

  const int port = flags.port == 0
                       ? server.bind_to_any_port(flags.host)
                       : (server.bind_to_port(flags.host, flags.port) ? flags.port : -1);
  if (port < 0) {
    std::fprintf(stderr, "%s: cannot listen on %s:%d (is the port already in use?)\n",
                 options.name.c_str(), flags.host.c_str(), flags.port);
    return 1;
  }
  if (listen_fd.load() >= 0) ::listen(listen_fd.load(), SOMAXCONN);

  // Graceful stop: no new connection is accepted, requests being served are answered, then the
  // process exits. Idle kept-alive connections are not waited for (httplib would hold each one
  // for the whole keep-alive timeout).
  std::thread stopper([&server, &in_flight, stop_signals, name = options.name] {
    stop_signals.Wait();
    server.stop();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (in_flight.load() > 0 && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ExitOnce(name, 0);
  });
  stopper.detach();

  const std::string address = ShowAddress(flags.host, port);
  std::printf("%s listening on %s%s\n", options.name.c_str(), address.c_str(),
              tls ? " (https)" : "");
  std::fflush(stdout);
  const std::string ready = options.ready_file_holds_host ? address : std::to_string(port);
  if (!flags.ready_file.empty() && !WriteReadyFile(flags.ready_file, ready)) {
    std::fprintf(stderr, "%s: cannot write %s\n", options.name.c_str(), flags.ready_file.c_str());
    return 1;
  }
  const bool clean = server.listen_after_bind();
  ExitOnce(options.name, clean ? 0 : 1);
}

}  // namespace chansync::tools
