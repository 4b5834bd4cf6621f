#include "chansync/test/pmssim.h"

#include <httplib.h>

#include <fstream>
#include <stdexcept>

namespace chansync::test {

PmsSimProcess::PmsSimProcess(const std::string& data_json, std::vector<std::string> extra_flags)
    : extra_flags_(std::move(extra_flags)) {
  std::ofstream(dir_.path() + "/data.json") << data_json;
  Start();
}

PmsSimProcess::~PmsSimProcess() { process_.Stop(); }

void PmsSimProcess::Start() {
  const std::string ready = dir_.path() + "/ready";
  std::remove(ready.c_str());
  std::vector<std::string> argv{BuiltBinary("tools/pmssim/pmssim"),
                                "--data",
                                dir_.path() + "/data.json",
                                "--listen",
                                "127.0.0.1:" + std::to_string(port_),
                                "--ready-file",
                                ready};
  argv.insert(argv.end(), extra_flags_.begin(), extra_flags_.end());
  process_ = ChildProcess(argv, dir_.path() + "/pmssim.log");
  int port = 0;
  const bool up = WaitUntil([&] {
    std::ifstream in(ready);
    return static_cast<bool>(in >> port);
  });
  if (!up) throw std::runtime_error("pmssim did not start; see " + dir_.path() + "/pmssim.log");
  port_ = port;
}

void PmsSimProcess::Restart() {
  process_.Stop();
  Start();
}

std::string PmsSimProcess::Call(const std::string& path, const std::string& body) const {
  httplib::Client client(base_url());
  client.enable_server_certificate_verification(false);  // the test's own simulator
  client.set_read_timeout(5, 0);
  auto answer =
      body.empty() ? client.Get(path.c_str()) : client.Post(path.c_str(), body, "application/json");
  if (!answer) throw std::runtime_error("pmssim " + path + ": no answer");
  return answer->body;
}

}  // namespace chansync::test
