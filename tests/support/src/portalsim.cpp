#include "chansync/test/portalsim.h"

#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace chansync::test {

PortalSimProcess::PortalSimProcess(std::vector<std::string> extra_flags)
    : extra_flags_(std::move(extra_flags)) {
  Start();
}

PortalSimProcess::~PortalSimProcess() { process_.Stop(); }

void PortalSimProcess::Start() {
  const std::string ready = dir_.path() + "/ready";
  std::remove(ready.c_str());
  std::vector<std::string> argv{BuiltBinary("tools/portalsim/portalsim"), "--listen",
                                "127.0.0.1:" + std::to_string(port_), "--ready-file", ready};
  argv.insert(argv.end(), extra_flags_.begin(), extra_flags_.end());
  process_ = ChildProcess(argv, dir_.path() + "/portalsim.log");
  int port = 0;
  const bool up = WaitUntil([&] {
    std::ifstream in(ready);
    std::string address;
    if (!(in >> address)) return false;
    const size_t colon = address.rfind(':');
    if (colon == std::string::npos) return false;
    port = std::atoi(address.c_str() + colon + 1);
    return port > 0;
  });
  if (!up) {
    throw std::runtime_error("portalsim did not start; see " + dir_.path() + "/portalsim.log");
  }
  port_ = port;
}

void PortalSimProcess::Restart() {
  process_.Stop();
  Start();
}

std::string PortalSimProcess::Call(const std::string& path, const std::string& body) const {
  httplib::Client client(base_url());
  client.enable_server_certificate_verification(false);  // the test's own simulator
  client.set_read_timeout(5, 0);
  auto answer =
      body.empty() ? client.Get(path.c_str()) : client.Post(path.c_str(), body, "application/json");
  if (!answer) throw std::runtime_error("portalsim " + path + ": no answer");
  return answer->body;
}

}  // namespace chansync::test
