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
  core::Result<std::vector<LinkSnapshot>> LoadMany(
      const std::vector<core::PropertyId>& properties) override;
  core::Status Apply(const core::PropertyId& property, uint64_t expected_version,
                     const LinkChange& change) override;

  // Runs `hook` once, at the start of the next Apply, before the version check and outside the
  // store's lock: lets a test slip a concurrent writer between a registry's check and commit.
  void BeforeNextApply(std::function<void()> hook);
  // How many Apply calls were made (committed or not).
  int apply_calls() const;
  // How many reads were made: a Load or a LoadMany counts one, as each is one round trip.
  int read_calls() const;

 private:
  struct Links {
    uint64_t version = 0;
    std::map<std::string, ProductLink> products;  // by channel|channel_product
    std::map<std::string, OptionLink> options;    // by channel|channel_product|channel_option
  };

  LinkSnapshot SnapshotLocked(const core::PropertyId& property) const;

  mutable std::mutex mutex_;
  std::map<core::PropertyId, Links> links_;
  std::function<void()> before_next_apply_;
  int apply_calls_ = 0;
  int read_calls_ = 0;
};

}  // namespace chansync::linking::testing
