#pragma once

#include <string>
#include <vector>

#include "chansync/test/process.h"

namespace chansync::test {

// A secrets key file made once per test run (64 hex digits, mode 600).
const std::string& TestSecretsKeyFile();

// A real `chansync serve` process on a free loopback port, with its log in a temp dir. Before it
// starts, a vendor API key (every right) is made on its Redis; Cli() calls with it, and tests
// calling the service themselves send bearer().
class ChansyncServer {
 public:
  // `extra_args` are appended to `chansync serve --redis <redis_endpoint> ...`. The HTTP ingest
  // front end listens on a free port unless `extra_args` names --http-listen; PMS tokens are
  // sealed with TestSecretsKeyFile() unless it names --secrets-key-file or --pms-token-storage.
  ChansyncServer(const std::string& redis_endpoint, std::vector<std::string> extra_args = {});
  ~ChansyncServer();

  const std::string& address() const { return address_; }  // 127.0.0.1:PORT
  // HTTP ingest, from the ready file's second line "http=127.0.0.1:PORT".
  const std::string& http_address() const { return http_address_; }
  int http_port() const;
  const std::string& key() const { return key_; }          // the vendor key, "csk_..."
  std::string bearer() const { return "Bearer " + key_; }  // an Authorization header's value
  const std::string& key_file() const { return key_file_; }
  // Runs `chansync --key-file <vendor key> <args...> --server <address>` and captures what it
  // printed; a --key-file in `args` wins.
  CommandResult Cli(std::vector<std::string> args) const;
  std::string log() const;
  ChildProcess& process() { return process_; }

 private:
  TempDir dir_;
  std::string address_;
  std::string http_address_;
  std::string key_;
  std::string key_file_;
  ChildProcess process_;
};

}  // namespace chansync::test
