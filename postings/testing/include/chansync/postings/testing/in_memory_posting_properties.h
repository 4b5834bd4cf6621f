#pragma once

#include <map>
#include <mutex>

#include "chansync/postings/posting_properties.h"

namespace chansync::postings::testing {

// The PostingProperties twin: properties in a map under a mutex.
class InMemoryPostingProperties final : public PostingProperties {
 public:
  void Put(const core::Property& property);
  core::Result<core::Property> Get(const core::PropertyId& property) override;
  core::Result<std::vector<core::Property>> List() override;

 private:
  std::mutex mutex_;
  std::map<core::PropertyId, core::Property> properties_;
};

}  // namespace chansync::postings::testing
