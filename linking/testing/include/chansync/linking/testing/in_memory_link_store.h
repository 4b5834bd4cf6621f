#pragma once

#include <functional>
#include <map>
#include <mutex>

#include "chansync/linking/link_store.h"

namespace chansync::linking::testing {

// LinkStore in memory, with the same compare-and-set semantics as RedisLinkStore. Thread-safe.
class InMemoryLinkStore final : public LinkStore {
 public:
  core::Result<LinkSnapshot> Load(const core::PropertyId& property) override;
  core::Status Apply(const core::PropertyId& property, uint64_t expected_version,
                     const LinkChange& change) override;

  // Runs `hook` once, at the start of the next Apply, before the version check and outside the
  // store's lock: lets a test slip a concurrent writer between a registry's check and commit.
  void BeforeNextApply(std::function<void()> hook);
  // How many Apply calls were made (committed or not).
  int apply_calls() const;

 private:
  struct Links {
    uint64_t version = 0;
    std::map<std::string, ProductLink> products;  // by channel|channel_product
    std::map<std::string, OptionLink> options;    // by channel|channel_product|channel_option
  };

  mutable std::mutex mutex_;
  std::map<core::PropertyId, Links> links_;
  std::function<void()> before_next_apply_;
  int apply_calls_ = 0;
};

}  // namespace chansync::linking::testing
