#include "chansync/pms/testing/in_memory_pms_directory.h"

namespace chansync::pms::testing {

void InMemoryPmsDirectory::Assign(const core::PropertyId& property, Pms& pms) {
  std::lock_guard lock(mutex_);
  assigned_[property] = &pms;
}

void InMemoryPmsDirectory::SetUnusable(const core::PropertyId& property, bool unusable) {
  std::lock_guard lock(mutex_);
  if (unusable) {
    unusable_.insert(property);
  } else {
    unusable_.erase(property);
  }
}

core::Result<Pms*> InMemoryPmsDirectory::For(const core::Property& property) {
  RETURN_IF_ERROR(RequirePmsEndpoint(property));
  std::lock_guard lock(mutex_);
  if (unusable_.contains(property.id)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the PMS connection of property " + property.id + " is unusable");
  }
  if (auto it = assigned_.find(property.id); it != assigned_.end()) return it->second;
  if (fallback_ != nullptr) return fallback_;
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "property " + property.id + " has no PMS in this directory");
}

}  // namespace chansync::pms::testing
