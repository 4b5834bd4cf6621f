#pragma once

#include <string>
#include <vector>

#include "chansync/test/process.h"

namespace chansync::test {

// A real `fiassim` process: its FIAS link and its control API on free loopback ports, with the
// guests of `guests_json` (the format of tools/fiassim/sample-guests.json) in house.
class FiasSimProcess {
 public:
  explicit FiasSimProcess(const std::string& guests_json,
                          std::vector<std::string> extra_flags = {});
  ~FiasSimProcess();

  int fias_port() const { return fias_port_; }
  int control_port() const { return control_port_; }
  // GETs (empty body) or POSTs a control endpoint, e.g. "/faults"; returns the answer body.
  std::string Call(const std::string& path, const std::string& body = {}) const;

 private:
  TempDir dir_;
  int fias_port_ = 0;
  int control_port_ = 0;
  ChildProcess process_;
};

}  // namespace chansync::test
