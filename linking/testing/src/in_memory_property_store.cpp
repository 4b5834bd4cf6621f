#include "chansync/linking/testing/in_memory_property_store.h"

#include <string>

namespace chansync::linking::testing {
namespace {

using core::ErrorCode;
using core::Fail;

std::string Quote(const std::string& id) { return "\"" + id + "\""; }

}  // namespace

core::Status InMemoryPropertyStore::CheckKnown(const core::PropertyId& property,
                                               const core::ChannelId* channel) const {
  RETURN_IF_ERROR(core::ValidateId("property", property));
  if (!properties_.contains(property)) {
    return Fail(ErrorCode::kNotFound, "property " + Quote(property) + " not found");
  }
  if (channel == nullptr) return core::Ok();
  RETURN_IF_ERROR(core::ValidateId("channel", *channel));
  if (!channels_.contains(*channel)) {
    return Fail(ErrorCode::kNotFound, "channel " + Quote(*channel) + " not found");
  }
  return core::Ok();
}

core::Status InMemoryPropertyStore::CreateProperty(const core::Property& property) {
  RETURN_IF_ERROR(core::ValidateProperty(property));
  std::lock_guard lock(mutex_);
  if (!properties_.emplace(property.id, property).second) {
    return Fail(ErrorCode::kAlreadyExists, "property " + Quote(property.id) + " already exists");
  }
  return core::Ok();
}

core::Status InMemoryPropertyStore::UpdateProperty(const core::Property& property) {
  RETURN_IF_ERROR(core::ValidateProperty(property));
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckKnown(property.id, nullptr));
  properties_[property.id] = property;
  return core::Ok();
}

core::Result<core::Property> InMemoryPropertyStore::GetProperty(const core::PropertyId& id) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckKnown(id, nullptr));
  return properties_.at(id);
}

core::Result<std::vector<core::Result<core::Property>>> InMemoryPropertyStore::GetProperties(
    const std::vector<core::PropertyId>& ids) {
  std::vector<core::Result<core::Property>> properties;
  properties.reserve(ids.size());
  for (const auto& id : ids) properties.push_back(GetProperty(id));
  return properties;
}

core::Result<std::vector<core::Property>> InMemoryPropertyStore::ListProperties() {
  std::lock_guard lock(mutex_);
  std::vector<core::Property> out;
  for (const auto& [id, property] : properties_) out.push_back(property);
  return out;
}

core::Status InMemoryPropertyStore::CreateChannel(const core::Channel& channel) {
  RETURN_IF_ERROR(core::ValidateChannel(channel));
  std::lock_guard lock(mutex_);
  if (!channels_.emplace(channel.id, channel).second) {
    return Fail(ErrorCode::kAlreadyExists, "channel " + Quote(channel.id) + " already exists");
  }
  return core::Ok();
}

core::Status InMemoryPropertyStore::UpdateChannel(const core::Channel& channel) {
  RETURN_IF_ERROR(core::ValidateChannel(channel));
  std::lock_guard lock(mutex_);
  auto it = channels_.find(channel.id);
  if (it == channels_.end()) {
    return Fail(ErrorCode::kNotFound, "channel " + Quote(channel.id) + " not found");
  }
  it->second = channel;
  return core::Ok();
}

core::Result<core::Channel> InMemoryPropertyStore::GetChannel(const core::ChannelId& id) {
  RETURN_IF_ERROR(core::ValidateId("channel", id));
  std::lock_guard lock(mutex_);
  auto it = channels_.find(id);
  if (it == channels_.end()) {
    return Fail(ErrorCode::kNotFound, "channel " + Quote(id) + " not found");
  }
  return it->second;
}

core::Result<std::vector<core::Channel>> InMemoryPropertyStore::ListChannels() {
  std::lock_guard lock(mutex_);
  std::vector<core::Channel> out;
  for (const auto& [id, channel] : channels_) out.push_back(channel);
  return out;
}

core::Status InMemoryPropertyStore::SetChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel,
    const std::vector<core::ChannelProduct>& products) {
  RETURN_IF_ERROR(core::ValidateChannelProducts(products));
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckKnown(property, &channel));
  if (products.empty()) {
    sold_[property].erase(channel);
  } else {
    sold_[property][channel] = products;
  }
  return core::Ok();
}

core::Result<std::vector<core::ChannelProduct>> InMemoryPropertyStore::GetChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckKnown(property, &channel));
  auto by_property = sold_.find(property);
  if (by_property == sold_.end()) return std::vector<core::ChannelProduct>{};
  auto it = by_property->second.find(channel);
  if (it == by_property->second.end()) return std::vector<core::ChannelProduct>{};
  return it->second;
}

core::Result<std::vector<core::ChannelId>> InMemoryPropertyStore::ListPropertyChannels(
    const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckKnown(property, nullptr));
  std::vector<core::ChannelId> out;
  if (auto it = sold_.find(property); it != sold_.end()) {
    for (const auto& [channel, products] : it->second) out.push_back(channel);
  }
  return out;
}

core::Status InMemoryPropertyStore::SetPmsCatalog(const core::PropertyId& property,
                                                  const core::PmsCatalog& catalog) {
  RETURN_IF_ERROR(core::ValidatePmsCatalog(catalog));
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckKnown(property, nullptr));
  catalogs_[property] = catalog;
  return core::Ok();
}

core::Result<core::PmsCatalog> InMemoryPropertyStore::GetPmsCatalog(
    const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  RETURN_IF_ERROR(CheckKnown(property, nullptr));
  auto it = catalogs_.find(property);
  if (it == catalogs_.end()) return core::PmsCatalog{};
  return it->second;
}

}  // namespace chansync::linking::testing
