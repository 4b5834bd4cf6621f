#include "chansync/linking/testing/in_memory_link_store.h"

#include <string>

namespace chansync::linking::testing {
namespace {

std::string ProductKey(const ProductLink& link) {
  return link.channel + "|" + link.channel_product;
}

std::string OptionKey(const OptionLink& link) {
  return link.channel + "|" + link.channel_product + "|" + link.channel_option;
}

}  // namespace

LinkSnapshot InMemoryLinkStore::SnapshotLocked(const core::PropertyId& property) const {
  LinkSnapshot snapshot;
  auto it = links_.find(property);
  if (it == links_.end()) return snapshot;
  snapshot.version = it->second.version;
  for (const auto& [key, link] : it->second.products) snapshot.products.push_back(link);
  for (const auto& [key, link] : it->second.options) snapshot.options.push_back(link);
  return snapshot;
}

core::Result<LinkSnapshot> InMemoryLinkStore::Load(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  ++read_calls_;
  return SnapshotLocked(property);
}

core::Result<std::vector<LinkSnapshot>> InMemoryLinkStore::LoadMany(
    const std::vector<core::PropertyId>& properties) {
  std::lock_guard lock(mutex_);
  ++read_calls_;
  std::vector<LinkSnapshot> snapshots;
  snapshots.reserve(properties.size());
  for (const auto& property : properties) snapshots.push_back(SnapshotLocked(property));
  return snapshots;
}

core::Status InMemoryLinkStore::Apply(const core::PropertyId& property, uint64_t expected_version,
                                      const LinkChange& change) {
  std::function<void()> hook;
  {
    std::lock_guard lock(mutex_);
    ++apply_calls_;
    hook.swap(before_next_apply_);
  }
  if (hook) hook();
  std::lock_guard lock(mutex_);
  Links& links = links_[property];
  if (links.version != expected_version) {
    return core::Fail(core::ErrorCode::kConflict, "links of property \"" + property +
                                                      "\" are at version " +
                                                      std::to_string(links.version) + ", not " +
                                                      std::to_string(expected_version));
  }
  for (const auto& link : change.remove_products) links.products.erase(ProductKey(link));
  for (const auto& link : change.remove_options) links.options.erase(OptionKey(link));
  for (const auto& link : change.put_products) links.products[ProductKey(link)] = link;
  for (const auto& link : change.put_options) links.options[OptionKey(link)] = link;
  ++links.version;
  return core::Ok();
}

void InMemoryLinkStore::BeforeNextApply(std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  before_next_apply_ = std::move(hook);
}

int InMemoryLinkStore::read_calls() const {
  std::lock_guard lock(mutex_);
  return read_calls_;
}

int InMemoryLinkStore::apply_calls() const {
  std::lock_guard lock(mutex_);
  return apply_calls_;
}

}  // namespace chansync::linking::testing
