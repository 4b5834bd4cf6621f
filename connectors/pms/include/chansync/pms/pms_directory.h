#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "chansync/core/error.h"
#include "chansync/core/property.h"

namespace chansync::pms {
class Pms;
}  // namespace chansync::pms

namespace chansync::pms {

// Finds the PMS client of a property. Thread-safe.
class PmsDirectory {
 public:
  virtual ~PmsDirectory() = default;
  // The client stays valid for the directory's lifetime. INVALID_ARGUMENT when the property's
  // PMS connection is unusable (no endpoint, bad URL).
  virtual core::Result<pms::Pms*> For(const core::Property& property) = 0;
};

// OK when `property` names an HTTP PMS endpoint, else the INVALID_ARGUMENT every directory
// answers (UNIMPLEMENTED for a FIAS interface, which these HTTP clients cannot reach).
core::Status RequirePmsEndpoint(const core::Property& property);

// One kept-alive libcurl client per PMS endpoint and credentials, made on first use. https
// endpoints are verified against `ca_file` (PEM), or the system's trust store when it is empty.
class CurlPmsDirectory final : public PmsDirectory {
 public:
  explicit CurlPmsDirectory(std::string ca_file = {});
  ~CurlPmsDirectory() override;
  core::Result<pms::Pms*> For(const core::Property& property) override;

 private:
  const std::string ca_file_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<pms::Pms>> clients_;
};

}  // namespace chansync::pms
