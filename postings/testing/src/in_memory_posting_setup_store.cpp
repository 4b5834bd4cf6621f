#include "chansync/postings/testing/in_memory_posting_setup_store.h"

namespace chansync::postings::testing {

core::Result<PostingSetup> InMemoryPostingSetupStore::Get(const core::PropertyId& property) const {
  std::lock_guard lock(mutex_);
  auto it = setups_.find(property);
  return it == setups_.end() ? PostingSetup{} : it->second;
}

core::Status InMemoryPostingSetupStore::Put(const core::PropertyId& property,
                                            const PostingSetup& setup) {
  RETURN_IF_ERROR(ValidatePostingSetup(setup));
  std::lock_guard lock(mutex_);
  setups_[property] = setup;
  return core::Ok();
}

core::Status InMemoryPostingSetupStore::Replace(const core::PropertyId& property,
                                                const PostingSetup& expected,
                                                const PostingSetup& setup) {
  RETURN_IF_ERROR(ValidatePostingSetup(setup));
  std::lock_guard lock(mutex_);
  auto it = setups_.find(property);
  if ((it == setups_.end() ? PostingSetup{} : it->second) != expected) {
    return core::Fail(core::ErrorCode::kConflict,
                      "the posting set-up of " + property + " was changed meanwhile");
  }
  setups_[property] = setup;
  return core::Ok();
}

}  // namespace chansync::postings::testing
