#include "chansync/test/fiassim.h"

#include <httplib.h>

#include <fstream>
#include <stdexcept>

namespace chansync::test {

FiasSimProcess::FiasSimProcess(const std::string& guests_json,
                               std::vector<std::string> extra_flags) {
  std::ofstream(dir_.path() + "/guests.json") << guests_json;
  const std::string fias_ready = dir_.path() + "/fias.ready";
  const std::string control_ready = dir_.path() + "/control.ready";
  std::vector<std::string> argv{BuiltBinary("tools/fiassim/fiassim"),
                                "--data",
                                dir_.path() + "/guests.json",
                                "--fias-ready-file",
                                fias_ready,
                                "--ready-file",
                                control_ready};
  argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
  process_ = ChildProcess(argv, dir_.path() + "/fiassim.log");
  const bool up = WaitUntil([&] {
    std::ifstream fias(fias_ready);
    std::ifstream control(control_ready);
    return static_cast<bool>(fias >> fias_port_) && static_cast<bool>(control >> control_port_);
  });
  if (!up) throw std::runtime_error("fiassim did not start; see " + dir_.path() + "/fiassim.log");
}

FiasSimProcess::~FiasSimProcess() { process_.Stop(); }

std::string FiasSimProcess::Call(const std::string& path, const std::string& body) const {
  httplib::Client client("127.0.0.1", control_port_);
  client.set_read_timeout(5, 0);
  auto answer =
      body.empty() ? client.Get(path.c_str()) : client.Post(path.c_str(), body, "application/json");
  if (!answer) throw std::runtime_error("fiassim " + path + ": no answer");
  return answer->body;
}

}  // namespace chansync::test
