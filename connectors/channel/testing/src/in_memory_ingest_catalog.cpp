#include "chansync/channel/testing/in_memory_ingest_catalog.h"

namespace chansync::channel::testing {

void InMemoryIngestCatalog::AddProperty(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  properties_.insert(property);
}

void InMemoryIngestCatalog::AddChannel(const core::ChannelId& channel) {
  std::lock_guard lock(mutex_);
  channels_.insert(channel);
}

void InMemoryIngestCatalog::Declare(const core::PropertyId& property,
                                    const core::ChannelId& channel,
                                    std::vector<std::string> products) {
  std::lock_guard lock(mutex_);
  properties_.insert(property);
  channels_.insert(channel);
  products_[{property, channel}] = std::move(products);
}

void InMemoryIngestCatalog::FailWith(std::optional<core::Error> error) {
  std::lock_guard lock(mutex_);
  failure_ = std::move(error);
}

int InMemoryIngestCatalog::reads() const {
  std::lock_guard lock(mutex_);
  return reads_;
}

core::Result<std::vector<std::string>> InMemoryIngestCatalog::ChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel) {
  std::lock_guard lock(mutex_);
  ++reads_;
  if (failure_) return std::unexpected(*failure_);
  if (!properties_.contains(property)) {
    return core::Fail(core::ErrorCode::kNotFound, "property \"" + property + "\" not found");
  }
  if (!channels_.contains(channel)) {
    return core::Fail(core::ErrorCode::kNotFound, "channel \"" + channel + "\" not found");
  }
  auto it = products_.find({property, channel});
  return it == products_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace chansync::channel::testing
