#include "chansync/test/chansync_server.h"

#include <sys/stat.h>

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

bool Names(const std::vector<std::string>& args, std::string_view flag) {
  return std::find(args.begin(), args.end(), flag) != args.end();
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

const std::string& TestSecretsKeyFile() {
  // One key per test run, shared by every server of the run, so a restarted server opens the
  // tokens its predecessor sealed.
  static const TempDir dir;
  static const std::string path = [] {
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char key[32];
    random.read(reinterpret_cast<char*>(key), sizeof key);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char byte : key) hex += {kHex[byte >> 4], kHex[byte & 15]};
    const std::string file = dir.path() + "/secrets.key";
    std::ofstream(file) << hex << '\n';
    chmod(file.c_str(), 0600);
    return file;
  }();
  return path;
}

ChansyncServer::ChansyncServer(const std::string& redis_endpoint,
                               std::vector<std::string> extra_args) {
  std::vector<std::string> create{BuiltBinary("app/chansync"),
                                  "keys",
                                  "create",
                                  "--role",
                                  "vendor",
                                  "--name",
                                  "tests",
                                  "--redis",
                                  redis_endpoint};
  // A store behind a password: the key is made with the credentials serve is given.
  for (const char* flag : {"--redis-user", "--redis-password-file"}) {
    auto it = std::find(extra_args.begin(), extra_args.end(), flag);
    if (it != extra_args.end() && std::next(it) != extra_args.end()) {
      create.push_back(*it);
      create.push_back(*std::next(it));
    }
  }
  const auto created = RunCommand(create);
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
  if (!Names(extra_args, "--http-listen")) {
    argv.insert(argv.end(), {"--http-listen", "127.0.0.1:0"});
  }
  if (!Names(extra_args, "--secrets-key-file") && !Names(extra_args, "--pms-token-storage")) {
    argv.insert(argv.end(), {"--secrets-key-file", TestSecretsKeyFile()});
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
