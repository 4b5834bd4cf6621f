#include "chansync/pms/curl_folio_pms_directory.h"

#include "chansync/pms/curl_folio_client.h"
#include "chansync/pms/pms_directory.h"

namespace chansync::pms {

CurlFolioPmsDirectory::CurlFolioPmsDirectory(std::string ca_file) : ca_file_(std::move(ca_file)) {}
CurlFolioPmsDirectory::~CurlFolioPmsDirectory() = default;

core::Result<postings::FolioPms*> CurlFolioPmsDirectory::For(const core::Property& property) {
  RETURN_IF_ERROR(RequirePmsEndpoint(property));
  std::lock_guard lock(mutex_);
  auto key = std::make_pair(property.pms.endpoint, property.pms.credentials);
  if (auto it = clients_.find(key); it != clients_.end()) return it->second.get();
  CurlPmsClientOptions options;
  options.base_url = property.pms.endpoint;
  options.credentials = property.pms.credentials;
  options.ca_file = ca_file_;
  ASSIGN_OR_RETURN(auto client, CurlFolioClient::Make(options));
  postings::FolioPms* raw = client.get();
  clients_.emplace(std::move(key), std::move(client));
  return raw;
}

}  // namespace chansync::pms
