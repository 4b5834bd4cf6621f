#include "chansync/fias_pms/fias_folio_pms_directory.h"

#include <algorithm>

#include "chansync/fias/cryptogram.h"

namespace chansync::fias_pms {

FiasFolioPmsDirectory::FiasFolioPmsDirectory(postings::FolioPmsDirectory& http,
                                             FiasSequences& sequences, FiasOutbox& outbox,
                                             const core::Clock& clock, fias::LinkSettings defaults,
                                             FiasFolioClientOptions options)
    : http_(http),
      sequences_(sequences),
      outbox_(outbox),
      clock_(clock),
      defaults_(std::move(defaults)),
      options_(options) {}

FiasFolioPmsDirectory::~FiasFolioPmsDirectory() = default;

core::Result<fias::LinkSettings> FiasFolioPmsDirectory::SettingsOf(
    const core::Property& property) const {
  ASSIGN_OR_RETURN(const core::InterfaceAddress address,
                   core::ParseInterfaceAddress(property.pms.endpoint));
  fias::LinkSettings settings = defaults_;
  settings.host = address.host;
  settings.port = address.port;
  if (!property.pms.code_page.empty()) settings.code_page = property.pms.code_page;
  if (!property.pms.credentials.empty()) {
    auto key = fias::ParseLinkKey(property.pms.credentials);
    if (!key) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "property " + property.id + ": " + key.error().message);
    }
    settings.key = *key;
  }
  return settings;
}

core::Result<postings::FolioPms*> FiasFolioPmsDirectory::For(const core::Property& property) {
  if (property.pms.kind != core::PmsKind::kFias) return http_.For(property);
  std::lock_guard lock(mutex_);
  if (auto found = interfaces_.find(property.pms.endpoint); found != interfaces_.end()) {
    if (found->second.property != property.id) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "FIAS interface " + property.pms.endpoint + " already serves property " +
                            found->second.property + ", not " + property.id);
    }
    return &found->second.interface->client();
  }
  ASSIGN_OR_RETURN(fias::LinkSettings settings, SettingsOf(property));
  ASSIGN_OR_RETURN(auto interface, FiasInterface::Start(property.id, std::move(settings),
                                                        sequences_, outbox_, clock_, options_));
  postings::FolioPms* client = &interface->client();
  interfaces_.emplace(property.pms.endpoint, Running{property.id, std::move(interface)});
  return client;
}

std::vector<PropertyRelay> FiasFolioPmsDirectory::Relays() const {
  std::lock_guard lock(mutex_);
  std::vector<PropertyRelay> out;
  for (const auto& [address, running] : interfaces_) {
    out.push_back({running.property, address, running.interface->client().relay_status()});
  }
  std::sort(out.begin(), out.end(),
            [](const PropertyRelay& a, const PropertyRelay& b) { return a.property < b.property; });
  return out;
}

}  // namespace chansync::fias_pms
