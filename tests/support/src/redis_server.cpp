#include "chansync/test/redis_server.h"

#include <fstream>
#include <stdexcept>

namespace chansync::test {

RedisServer::RedisServer(Options options) : options_(std::move(options)) {
  socket_path_ = dir_.path() + "/redis.sock";
  port_ = FreeTcpPort();
  Start();
}

void RedisServer::Start() {
  std::vector<std::string> argv{"redis-server",
                                "--port",
                                std::to_string(port_),
                                "--bind",
                                "127.0.0.1",
                                "--unixsocket",
                                socket_path_,
                                "--unixsocketperm",
                                "700",
                                "--dir",
                                dir_.path(),
                                "--save",
                                "",
                                "--appendonly",
                                options_.append_only ? "yes" : "no",
                                "--daemonize",
                                "no",
                                "--loglevel",
                                "warning"};
  if (!options_.password.empty()) {
    // In a file, as a deployment would have it, so the password is not on a command line.
    const std::string conf = dir_.path() + "/users.conf";
    std::ofstream(conf) << "user default off\n"
                        << "user " << options_.user << " on >" << options_.password
                        << " ~* &* +@all\n";
    argv.insert(argv.begin() + 1, conf);
  }
  argv.insert(argv.end(), options_.extra_args.begin(), options_.extra_args.end());
  process_ = ChildProcess(argv, dir_.path() + "/redis.log");
  auto pool = NewPool(1);
  const bool up =
      WaitUntil([&] { return pool->Command({"PING"}).has_value(); }, std::chrono::seconds(30));
  if (!up)
    throw std::runtime_error("redis-server did not start; see " + dir_.path() + "/redis.log");
}

RedisServer::~RedisServer() { process_.Stop(); }

redis::RedisEndpoint RedisServer::parsed_endpoint() const {
  return *redis::RedisEndpoint::Parse(endpoint());
}

std::unique_ptr<redis::RedisPool> RedisServer::NewPool(int size) const {
  redis::RedisOptions options;
  options.pool_size = size;
  if (!options_.password.empty()) {
    options.user = options_.user;
    options.password = options_.password;
  }
  return std::make_unique<redis::RedisPool>(parsed_endpoint(), options);
}

void RedisServer::FlushAll() {
  auto pool = NewPool(1);
  (void)pool->Command({"FLUSHALL"});
}

void RedisServer::Kill() { process_.Stop(9); }

void RedisServer::Restart() { Start(); }

}  // namespace chansync::test
