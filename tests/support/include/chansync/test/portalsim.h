#pragma once

#include <string>
#include <vector>

#include "chansync/test/process.h"
#include "chansync/test/test_ca.h"

namespace chansync::test {

// A real `portalsim` process (a booking portal receiving planning pushes) on a free loopback
// port.
class PortalSimProcess {
 public:
  explicit PortalSimProcess(std::vector<std::string> extra_flags = {});
  ~PortalSimProcess();

  // https:// when started with --tls-cert (test_ca.h).
  std::string base_url() const {
    return (ServesTls(extra_flags_) ? "https" : "http") + std::string("://127.0.0.1:") +
           std::to_string(port_);
  }
  int port() const { return port_; }
  // The planning endpoint of `channel` on this portal.
  std::string PlanningUrl(const std::string& channel) const {
    return base_url() + "/v1/channels/" + channel + "/planning";
  }
  // GETs (empty body) or POSTs an endpoint, e.g. "/admin/faults"; returns the answer body.
  std::string Call(const std::string& path, const std::string& body = {}) const;
  int Stop() { return process_.Stop(); }
  // Starts it again on the same port (after Stop), with nothing stored.
  void Restart();

 private:
  void Start();

  TempDir dir_;
  std::vector<std::string> extra_flags_;
  int port_ = 0;
  ChildProcess process_;
};

}  // namespace chansync::test
