#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "chansync/fias_pms/fias_sequences.h"

namespace chansync::fias_pms::testing {

// FiasSequences in memory, with RedisFiasSequences's rules (one counter per property, wrapping
// after kMaxSequence). `SetLast` moves a property's counter, to test the wrap. Thread-safe.
class InMemoryFiasSequences final : public FiasSequences {
 public:
  core::Result<int64_t> SequenceOf(const core::PropertyId& property,
                                   const std::string& key) override {
    if (key.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "no key");
    std::lock_guard lock(mutex_);
    auto [at, added] = sequences_.try_emplace({property, key}, 0);
    if (added) at->second = NextLocked(property);
    return at->second;
  }
  core::Result<int64_t> NewSequence(const core::PropertyId& property) override {
    std::lock_guard lock(mutex_);
    return NextLocked(property);
  }
  core::Status Forget(const core::PropertyId& property, const std::string& key,
                      int64_t sequence) override {
    std::lock_guard lock(mutex_);
    auto found = sequences_.find({property, key});
    if (found != sequences_.end() && found->second == sequence) sequences_.erase(found);
    return core::Ok();
  }

  void SetLast(const core::PropertyId& property, int64_t last) {
    std::lock_guard lock(mutex_);
    last_[property] = last;
  }
  size_t size() const {
    std::lock_guard lock(mutex_);
    return sequences_.size();
  }

 private:
  int64_t NextLocked(const core::PropertyId& property) {
    int64_t& last = last_[property];
    last = last >= kMaxSequence ? 1 : last + 1;
    return last;
  }

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, int64_t> sequences_;
  std::map<std::string, int64_t> last_;
};

}  // namespace chansync::fias_pms::testing
