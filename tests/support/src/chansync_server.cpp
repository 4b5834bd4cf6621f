#include "chansync/test/chansync_server.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace chansync::test {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The key text `chansync keys create` printed on its last line.
std::string LastLine(const std::string& text) {
  std::string line;
  std::istringstream lines(text);
  for (std::string next; std::getline(lines, next);) {
    if (!next.empty()) line = next;
  }
  return line;
}

}  // namespace

ChansyncServer::ChansyncServer(const std::string& redis_endpoint,
                               std::vector<std::string> extra_args) {
  const auto created = RunCommand({BuiltBinary("app/chansync"), "keys", "create", "--role",
                                   "vendor", "--name", "tests", "--redis", redis_endpoint});
  key_ = LastLine(created.out);
  if (created.exit_code != 0 || !key_.starts_with("csk_")) {
    throw std::runtime_error("could not make a test key: " + created.out + created.err);
  }
  key_file_ = dir_.path() + "/vendor.key";
  std::ofstream(key_file_) << key_ << '\n';
  const std::string ready = dir_.path() + "/ready";
  std::vector<std::string> argv{BuiltBinary("app/chansync"),
                                "serve",
                                "--redis",
                                redis_endpoint,
                                "--listen",
                                "127.0.0.1:0",
                                "--ready-file",
                                ready};
  if (std::find(extra_args.begin(), extra_args.end(), "--http-listen") == extra_args.end()) {
    argv.insert(argv.end(), {"--http-listen", "127.0.0.1:0"});
  }
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  process_ = ChildProcess(argv, dir_.path() + "/chansync.log");
  const bool up = WaitUntil([&] { return !ReadFile(ready).empty() || !process_.running(); },
                            std::chrono::seconds(20));
  std::istringstream lines(ReadFile(ready));
  std::getline(lines, address_);
  std::string http_line;
  if (std::getline(lines, http_line) && http_line.starts_with("http=")) {
    http_address_ = http_line.substr(5);
  }
  while (!address_.empty() && address_.back() == ' ') address_.pop_back();
  if (!up || address_.empty()) {
    throw std::runtime_error("chansync serve did not start:\n" + log());
  }
}

ChansyncServer::~ChansyncServer() { process_.Stop(); }

int ChansyncServer::http_port() const {
  const auto colon = http_address_.rfind(':');
  return colon == std::string::npos ? 0 : std::stoi(http_address_.substr(colon + 1));
}

CommandResult ChansyncServer::Cli(std::vector<std::string> args) const {
  std::vector<std::string> argv{BuiltBinary("app/chansync"), "--key-file", key_file_};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--server");
  argv.push_back(address_);
  return RunCommand(argv);
}

std::string ChansyncServer::log() const { return ReadFile(dir_.path() + "/chansync.log"); }

}  // namespace chansync::test
