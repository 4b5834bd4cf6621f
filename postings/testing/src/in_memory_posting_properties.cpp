#include "chansync/postings/testing/in_memory_posting_properties.h"

namespace chansync::postings::testing {

void InMemoryPostingProperties::Put(const core::Property& property) {
  std::lock_guard lock(mutex_);
  properties_[property.id] = property;
}

core::Result<core::Property> InMemoryPostingProperties::Get(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  auto it = properties_.find(property);
  if (it == properties_.end()) {
    return core::Fail(core::ErrorCode::kNotFound, "unknown property " + property);
  }
  return it->second;
}

core::Result<std::vector<core::Property>> InMemoryPostingProperties::List() {
  std::lock_guard lock(mutex_);
  std::vector<core::Property> out;
  for (const auto& [id, property] : properties_) out.push_back(property);
  return out;
}

}  // namespace chansync::postings::testing
