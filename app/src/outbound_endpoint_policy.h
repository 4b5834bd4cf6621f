#pragma once

#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/linking/property_store.h"

namespace chansync::app {

// Where the service may send planning and PMS calls: https:// anywhere, http:// only to
// loopback (local simulators) unless `allow_plain_http` (--insecure-outbound). Empty means no
// endpoint and passes. INVALID_ARGUMENT "<what> <url>: http:// to a host other than loopback
// ... --insecure-outbound" otherwise; other URL problems are left to the clients' own checks.
core::Status CheckOutboundEndpoint(const std::string& what, const std::string& url,
                                   bool allow_plain_http);

// A PropertyStore that refuses, at creation and update, a property whose PMS endpoint or a
// channel whose planning endpoint CheckOutboundEndpoint refuses, then forwards to `store`.
// Every other call is forwarded as it is. Thread-safe as `store` is; `store` must outlive it.
class OutboundCheckedPropertyStore final : public linking::PropertyStore {
 public:
  OutboundCheckedPropertyStore(linking::PropertyStore& store, bool allow_plain_http)
      : store_(store), allow_plain_http_(allow_plain_http) {}

  core::Status CreateProperty(const core::Property& property) override;
  core::Status UpdateProperty(const core::Property& property) override;
  core::Result<core::Property> GetProperty(const core::PropertyId& id) override {
    return store_.GetProperty(id);
  }
  core::Result<std::vector<core::Result<core::Property>>> GetProperties(
      const std::vector<core::PropertyId>& ids) override {
    return store_.GetProperties(ids);
  }
  core::Result<std::vector<core::Property>> ListProperties() override {
    return store_.ListProperties();
  }
  core::Status CreateChannel(const core::Channel& channel) override;
  core::Status UpdateChannel(const core::Channel& channel) override;
  core::Result<core::Channel> GetChannel(const core::ChannelId& id) override {
    return store_.GetChannel(id);
  }
  core::Result<std::vector<core::Channel>> ListChannels() override { return store_.ListChannels(); }
  core::Status SetChannelProducts(const core::PropertyId& property, const core::ChannelId& channel,
                                  const std::vector<core::ChannelProduct>& products) override {
    return store_.SetChannelProducts(property, channel, products);
  }
  core::Result<std::vector<core::ChannelProduct>> GetChannelProducts(
      const core::PropertyId& property, const core::ChannelId& channel) override {
    return store_.GetChannelProducts(property, channel);
  }
  core::Result<std::vector<core::ChannelId>> ListPropertyChannels(
      const core::PropertyId& property) override {
    return store_.ListPropertyChannels(property);
  }
  core::Status SetPmsCatalog(const core::PropertyId& property,
                             const core::PmsCatalog& catalog) override {
    return store_.SetPmsCatalog(property, catalog);
  }
  core::Result<core::PmsCatalog> GetPmsCatalog(const core::PropertyId& property) override {
    return store_.GetPmsCatalog(property);
  }

 private:
  core::Status CheckProperty(const core::Property& property) const;
  core::Status CheckChannel(const core::Channel& channel) const;

  linking::PropertyStore& store_;
  const bool allow_plain_http_;
};

}  // namespace chansync::app
