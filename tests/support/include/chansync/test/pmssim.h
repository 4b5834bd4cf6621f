#pragma once

#include <string>
#include <vector>

#include "chansync/test/process.h"
#include "chansync/test/test_ca.h"

namespace chansync::test {

// A real `pmssim` process on a free loopback port, serving the properties of `data_json`
// (the format of tools/pmssim/sample-data.json).
class PmsSimProcess {
 public:
  explicit PmsSimProcess(const std::string& data_json, std::vector<std::string> extra_flags = {});
  ~PmsSimProcess();

  // https:// when started with --tls-cert (test_ca.h).
  std::string base_url() const {
    return (ServesTls(extra_flags_) ? "https" : "http") + std::string("://127.0.0.1:") +
           std::to_string(port_);
  }
  int port() const { return port_; }
  // GETs (empty body) or POSTs an endpoint, e.g. "/admin/faults"; returns the answer body.
  std::string Call(const std::string& path, const std::string& body = {}) const;
  int Stop() { return process_.Stop(); }
  // Starts it again on the same port (after Stop), with the same data file.
  void Restart();

 private:
  void Start();

  TempDir dir_;
  std::vector<std::string> extra_flags_;
  int port_ = 0;
  ChildProcess process_;
};

}  // namespace chansync::test
