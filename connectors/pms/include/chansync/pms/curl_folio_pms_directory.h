#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "chansync/postings/folio_pms_directory.h"

namespace chansync::pms {

// The folio side of each property's PMS over HTTP: one kept-alive CurlFolioClient per PMS
// endpoint and credentials, made on first use, as CurlPmsDirectory does for reservations. https
// endpoints are verified against `ca_file` (PEM), or the system's trust store when it is empty.
// Thread-safe.
class CurlFolioPmsDirectory final : public postings::FolioPmsDirectory {
 public:
  explicit CurlFolioPmsDirectory(std::string ca_file = {});
  ~CurlFolioPmsDirectory() override;

  core::Result<postings::FolioPms*> For(const core::Property& property) override;

 private:
  const std::string ca_file_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<postings::FolioPms>> clients_;
};

}  // namespace chansync::pms
