#include "chansync/pms/pms_directory.h"

#include "chansync/pms/curl_pms_client.h"

namespace chansync::pms {

CurlPmsDirectory::CurlPmsDirectory(std::string ca_file) : ca_file_(std::move(ca_file)) {}
CurlPmsDirectory::~CurlPmsDirectory() = default;

core::Status RequirePmsEndpoint(const core::Property& property) {
  if (property.pms.kind == core::PmsKind::kFias) {
    return core::Fail(core::ErrorCode::kUnimplemented,
                      "property " + property.id +
                          " reaches its PMS over FIAS, which carries postings and guest data "
                          "only, not reservations or availability");
  }
  if (!property.pms.endpoint.empty()) return core::Ok();
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "property " + property.id + " has no PMS endpoint configured");
}

core::Result<pms::Pms*> CurlPmsDirectory::For(const core::Property& property) {
  RETURN_IF_ERROR(RequirePmsEndpoint(property));
  std::lock_guard lock(mutex_);
  auto key = std::make_pair(property.pms.endpoint, property.pms.credentials);
  if (auto it = clients_.find(key); it != clients_.end()) return it->second.get();
  pms::CurlPmsClientOptions options;
  options.base_url = property.pms.endpoint;
  options.credentials = property.pms.credentials;
  options.ca_file = ca_file_;
  ASSIGN_OR_RETURN(auto client, pms::CurlPmsClient::Make(options));
  pms::Pms* raw = client.get();
  clients_.emplace(std::move(key), std::move(client));
  return raw;
}

}  // namespace chansync::pms
