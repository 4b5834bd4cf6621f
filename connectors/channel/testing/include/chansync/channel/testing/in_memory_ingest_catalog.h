#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "chansync/channel/ingest_catalog.h"

namespace chansync::channel::testing {

// Declarations held in memory. Properties and channels exist once named by Declare (or
// AddProperty / AddChannel); `FailWith` makes every read fail until FailWith(std::nullopt).
class InMemoryIngestCatalog final : public IngestCatalog {
 public:
  void AddProperty(const core::PropertyId& property);
  void AddChannel(const core::ChannelId& channel);
  // Adds both, and makes `products` what the channel sells at the property.
  void Declare(const core::PropertyId& property, const core::ChannelId& channel,
               std::vector<std::string> products);
  void FailWith(std::optional<core::Error> error);
  int reads() const;

  core::Result<std::vector<std::string>> ChannelProducts(const core::PropertyId& property,
                                                         const core::ChannelId& channel) override;

 private:
  mutable std::mutex mutex_;
  std::set<core::PropertyId> properties_;
  std::set<core::ChannelId> channels_;
  std::map<std::pair<core::PropertyId, core::ChannelId>, std::vector<std::string>> products_;
  std::optional<core::Error> failure_;
  int reads_ = 0;
};

}  // namespace chansync::channel::testing
