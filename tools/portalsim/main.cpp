// portalsim: a booking portal receiving planning pushes (docs/channel-planning-api.md) and
// keeping them in memory for inspection through /admin/planning.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

#include "chansync/channel/planning_wire.h"
#include "planning_book.h"
#include "portal_api.h"

namespace chansync::portalsim {
namespace {

constexpr char kUsage[] =
    "usage: portalsim [--listen HOST:PORT] [--ready-file FILE] [--threads N] [--latency-ms N]\n"
    "                 [--max-cells N] [--keep-alive-s N]\n"
    "  --listen       address to bind (default 127.0.0.1:0, port 0 = any free port)\n"
    "  --ready-file   written with the bound HOST:PORT once listening\n"
    "  --threads      server threads; each open connection holds one (default 16)\n"
    "  --latency-ms   added before answering every /v1 call (default 0)\n"
    "  --max-cells    planning requests with more cells are refused with 413 (default 100000)\n"
    "  --keep-alive-s idle seconds before a kept-alive connection is closed (default 5)\n";

struct Flags {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string ready_file;
  int threads = 16;
  int latency_ms = 0;
  int max_cells = 100'000;
  int keep_alive_s = 5;
};

bool ParseInt(std::string_view text, int min, int max, int* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && *out >= min && *out <= max;
}

bool ParseListen(std::string_view text, Flags* flags) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  flags->host = std::string(host);
  return ParseInt(text.substr(colon + 1), 0, 65535, &flags->port);
}

bool ParseFlags(int argc, char** argv, Flags* flags, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      *error = "";
      return false;
    }
    if (i + 1 >= argc) {
      *error = std::string(flag) + " needs a value";
      return false;
    }
    const std::string_view value = argv[++i];
    bool ok = true;
    if (flag == "--listen") {
      ok = ParseListen(value, flags);
    } else if (flag == "--ready-file") {
      flags->ready_file = value;
    } else if (flag == "--threads") {
      ok = ParseInt(value, 1, 4096, &flags->threads);
    } else if (flag == "--latency-ms") {
      ok = ParseInt(value, 0, 600'000, &flags->latency_ms);
    } else if (flag == "--max-cells") {
      ok = ParseInt(value, 1, 10'000'000, &flags->max_cells);
    } else if (flag == "--keep-alive-s") {
      ok = ParseInt(value, 1, 3600, &flags->keep_alive_s);
    } else {
      *error = "unknown flag " + std::string(flag);
      return false;
    }
    if (!ok) {
      *error = "bad value for " + std::string(flag) + ": " + std::string(value);
      return false;
    }
  }
  return true;
}

// Both the signal thread and the main thread may finish the process; the first one does.
[[noreturn]] void ExitOnce(int code) {
  static std::atomic<bool> exiting{false};
  if (!exiting.exchange(true)) {
    std::printf("portalsim stopped\n");
    std::fflush(stdout);
    std::_Exit(code);
  }
  for (;;) pause();
}

// Written under a temporary name then renamed, so a reader never sees a partial address.
bool WriteReadyFile(const std::string& path, const std::string& address) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) return false;
    out << address << "\n";
    if (!out.flush()) return false;
  }
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

int Run(int argc, char** argv) {
  Flags flags;
  std::string error;
  if (!ParseFlags(argc, argv, &flags, &error)) {
    if (!error.empty()) std::fprintf(stderr, "portalsim: %s\n", error.c_str());
    std::fputs(kUsage, error.empty() ? stdout : stderr);
    return error.empty() ? 0 : 2;
  }

  PlanningBook book;
  PortalApi api(book, flags.latency_ms, flags.max_cells);

  // Signals are taken by one thread with sigwait: the server threads inherit the blocked mask,
  // and stopping the server from a real signal handler would not be async-signal-safe.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  const int threads = flags.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_max_count(1'000'000);
  server.set_keep_alive_timeout(flags.keep_alive_s);
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(64 << 20);

  // httplib listens with a backlog of 5; the socket is remembered here and listen() is called
  // again with a deep backlog once bound, so a burst of new connections is not slowed down.
  std::atomic<int> listen_fd{-1};
  server.set_socket_options([&listen_fd](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd.store(sock);
  });

  std::atomic<int> in_flight{0};
  auto handle = [&api, &in_flight](const httplib::Request& req, httplib::Response& res) {
    in_flight.fetch_add(1);
    PortalResponse answer = api.Handle(PortalRequest{req.method, req.path, &req.params, req.body});
    res.status = answer.status;
    res.set_content(std::move(answer.body), "application/json");
    in_flight.fetch_sub(1);
  };
  server.Get(".*", handle);
  server.Post(".*", handle);
  server.Put(".*", handle);
  server.Delete(".*", handle);
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      const bool not_found = res.status == 404;
      const bool too_large = res.status == 413;
      res.set_content(channel::wire::EncodeError(
                          not_found ? "NOT_FOUND" : (too_large ? "TOO_LARGE" : "INVALID"),
                          "request not understood"),
                      "application/json");
    }
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content(channel::wire::EncodeError("INTERNAL", "unexpected server error"),
                        "application/json");
      });

  const int port = flags.port == 0
                       ? server.bind_to_any_port(flags.host)
                       : (server.bind_to_port(flags.host, flags.port) ? flags.port : -1);
  if (port < 0) {
    std::fprintf(stderr, "portalsim: cannot listen on %s:%d\n", flags.host.c_str(), flags.port);
    return 1;
  }
  if (listen_fd.load() >= 0) ::listen(listen_fd.load(), SOMAXCONN);

  // Graceful stop: no new connection is accepted, requests being served are answered, then the
  // process exits. Idle kept-alive connections are not waited for (httplib would hold each one
  // for the whole keep-alive timeout).
  std::thread stopper([&server, &in_flight, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (in_flight.load() > 0 && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ExitOnce(0);
  });
  stopper.detach();

  const std::string shown_host =
      flags.host.find(':') != std::string::npos ? "[" + flags.host + "]" : flags.host;
  const std::string address = shown_host + ":" + std::to_string(port);
  std::printf("portalsim listening on %s\n", address.c_str());
  std::fflush(stdout);
  if (!flags.ready_file.empty() && !WriteReadyFile(flags.ready_file, address)) {
    std::fprintf(stderr, "portalsim: cannot write %s\n", flags.ready_file.c_str());
    return 1;
  }
  const bool clean = server.listen_after_bind();
  ExitOnce(clean ? 0 : 1);
}

}  // namespace
}  // namespace chansync::portalsim

int main(int argc, char** argv) { return chansync::portalsim::Run(argc, argv); }
