#pragma once

#include <map>
#include <mutex>

#include "chansync/postings/posting_setup_store.h"

namespace chansync::postings::testing {

// The PostingSetupStore twin: set-ups in a map under a mutex.
class InMemoryPostingSetupStore final : public PostingSetupStore {
 public:
  core::Result<PostingSetup> Get(const core::PropertyId& property) const override;
  core::Status Put(const core::PropertyId& property, const PostingSetup& setup) override;
  core::Status Replace(const core::PropertyId& property, const PostingSetup& expected,
                       const PostingSetup& setup) override;

 private:
  mutable std::mutex mutex_;
  std::map<core::PropertyId, PostingSetup> setups_;
};

}  // namespace chansync::postings::testing
