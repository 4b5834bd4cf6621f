#pragma once

#include <sys/types.h>
#include <time.h>

#include <chrono>
#include <string>
#include <vector>

namespace chansync::test {

// A temporary directory removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A child process started with execvp; stdout and stderr go to `log_path` when given.
// Killed (SIGTERM, then SIGKILL after a grace period) on destruction.
class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(std::vector<std::string> argv, std::string log_path = {});
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends `signal` and waits up to `grace` for the exit; SIGKILL afterwards. Returns the exit
  // status as from waitpid, or -1 when nothing was running.
  int Stop(int signal = 15, std::chrono::milliseconds grace = std::chrono::seconds(5));
  // Waits for the process to exit by itself; -1 on timeout.
  int Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
};

// Runs a command to completion and captures its stdout and stderr.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult RunCommand(const std::vector<std::string>& argv,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreeTcpPort();

// Path of a binary built by this CMake tree, e.g. BuiltBinary("app/chansync").
std::string BuiltBinary(const std::string& relative_path);
// Path of a file in the source tree, e.g. SourcePath("deploy/local/riviera.json").
std::string SourcePath(const std::string& relative_path);

// Polls `ready` every 10 ms until it returns true or `timeout` passes.
template <typename Predicate>
bool WaitUntil(Predicate ready, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    struct timespec ts {
      0, 10'000'000
    };
    nanosleep(&ts, nullptr);
  }
  return ready();
}

}  // namespace chansync::test
