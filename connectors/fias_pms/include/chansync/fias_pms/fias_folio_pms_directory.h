#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/fias/link_settings.h"
#include "chansync/fias_pms/fias_interface.h"
#include "chansync/fias_pms/relay_directory.h"
#include "chansync/postings/folio_pms_directory.h"

namespace chansync::fias_pms {

// The folio side of each property's PMS, FIAS where the property's connection says so
// (core::PmsKind::kFias) and `http` for every other. One FiasInterface (link, guest index,
// client) per interface "host:port", started on first use and kept for the directory's
// lifetime: a change of a running interface's key or code page counts from the next start.
// An interface serves one property (its P#s are the property's): a second property naming it
// is INVALID_ARGUMENT. Thread-safe; `http`, `sequences`, `outbox` and `clock` must outlive it.
class FiasFolioPmsDirectory final : public postings::FolioPmsDirectory, public RelayDirectory {
 public:
  FiasFolioPmsDirectory(postings::FolioPmsDirectory& http, FiasSequences& sequences,
                        FiasOutbox& outbox, const core::Clock& clock,
                        fias::LinkSettings defaults = {}, FiasFolioClientOptions options = {});
  ~FiasFolioPmsDirectory() override;

  // INVALID_ARGUMENT for a FIAS connection whose address, key or code page is unusable.
  core::Result<postings::FolioPms*> For(const core::Property& property) override;

  // The relay of each FIAS property started so far.
  std::vector<PropertyRelay> Relays() const override;

 private:
  struct Running {
    std::string property;
    std::unique_ptr<FiasInterface> interface;
  };

  core::Result<fias::LinkSettings> SettingsOf(const core::Property& property) const;

  postings::FolioPmsDirectory& http_;
  FiasSequences& sequences_;
  FiasOutbox& outbox_;
  const core::Clock& clock_;
  const fias::LinkSettings defaults_;
  const FiasFolioClientOptions options_;
  mutable std::mutex mutex_;
  std::map<std::string, Running> interfaces_;  // by "host:port"
};

}  // namespace chansync::fias_pms
