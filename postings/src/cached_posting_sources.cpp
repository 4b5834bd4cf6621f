#include "chansync/postings/cached_posting_sources.h"

namespace chansync::postings {

core::Result<core::Property> CachedPostingProperties::Get(const core::PropertyId& property) {
  if (auto kept = kept_.Find(property)) return std::move(*kept);
  const uint64_t generation = kept_.Generation();
  ASSIGN_OR_RETURN(core::Property found, source_.Get(property));
  kept_.Keep(property, found, generation);
  return found;
}

core::Result<PostingSetup> CachedPostingSetupStore::Get(const core::PropertyId& property) const {
  if (auto kept = kept_.Find(property)) return std::move(*kept);
  const uint64_t generation = kept_.Generation();
  ASSIGN_OR_RETURN(PostingSetup setup, source_.Get(property));
  kept_.Keep(property, setup, generation);
  return setup;
}

core::Status CachedPostingSetupStore::Put(const core::PropertyId& property,
                                          const PostingSetup& setup) {
  // Forgotten whatever the outcome: a failed write may still have landed.
  const core::Status stored = source_.Put(property, setup);
  kept_.Forget(property);
  return stored;
}

core::Status CachedPostingSetupStore::Replace(const core::PropertyId& property,
                                              const PostingSetup& expected,
                                              const PostingSetup& setup) {
  const core::Status stored = source_.Replace(property, expected, setup);
  kept_.Forget(property);
  return stored;
}

}  // namespace chansync::postings
