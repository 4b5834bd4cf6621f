#pragma once

#include <map>
#include <mutex>

#include "chansync/linking/property_store.h"

namespace chansync::linking::testing {

// PropertyStore in memory, with the same contract as RedisPropertyStore. Thread-safe.
class InMemoryPropertyStore final : public PropertyStore {
 public:
  core::Status CreateProperty(const core::Property& property) override;
  core::Status UpdateProperty(const core::Property& property) override;
  core::Result<core::Property> GetProperty(const core::PropertyId& id) override;
  core::Result<std::vector<core::Result<core::Property>>> GetProperties(
      const std::vector<core::PropertyId>& ids) override;
  core::Result<std::vector<core::Property>> ListProperties() override;
  core::Status CreateChannel(const core::Channel& channel) override;
  core::Status UpdateChannel(const core::Channel& channel) override;
  core::Result<core::Channel> GetChannel(const core::ChannelId& id) override;
  core::Result<std::vector<core::Channel>> ListChannels() override;
  core::Status SetChannelProducts(const core::PropertyId& property, const core::ChannelId& channel,
                                  const std::vector<core::ChannelProduct>& products) override;
  core::Result<std::vector<core::ChannelProduct>> GetChannelProducts(
      const core::PropertyId& property, const core::ChannelId& channel) override;
  core::Result<std::vector<core::ChannelId>> ListPropertyChannels(
      const core::PropertyId& property) override;
  core::Status SetPmsCatalog(const core::PropertyId& property,
                             const core::PmsCatalog& catalog) override;
  core::Result<core::PmsCatalog> GetPmsCatalog(const core::PropertyId& property) override;

 private:
  // NOT_FOUND unless both exist; callers hold mutex_.
  core::Status CheckKnown(const core::PropertyId& property, const core::ChannelId* channel) const;

  mutable std::mutex mutex_;
  std::map<core::PropertyId, core::Property> properties_;
  std::map<core::ChannelId, core::Channel> channels_;
  std::map<core::PropertyId, std::map<core::ChannelId, std::vector<core::ChannelProduct>>> sold_;
  std::map<core::PropertyId, core::PmsCatalog> catalogs_;
};

}  // namespace chansync::linking::testing
