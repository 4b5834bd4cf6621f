#include "chansync/auth/cached_pairing.h"

namespace chansync::auth {
namespace {

// Bounds the memory a portal naming ever new properties can take.
constexpr size_t kMaxAnswers = 100000;

}  // namespace

std::optional<bool> CachedPairing::PairsIfKnown(const core::PropertyId& property,
                                                const core::ChannelId& channel) {
  const auto now = clock_.SteadyNow();
  std::lock_guard lock(mutex_);
  auto it = answers_.find(std::make_pair(property, channel));
  if (it != answers_.end() && now - it->second.at < ttl_) return it->second.paired;
  return std::nullopt;
}

core::Result<bool> CachedPairing::Pairs(const core::PropertyId& property,
                                        const core::ChannelId& channel) {
  if (auto known = PairsIfKnown(property, channel)) return *known;
  const auto now = clock_.SteadyNow();
  auto pair = std::make_pair(property, channel);
  ASSIGN_OR_RETURN(const bool paired, source_.Pairs(property, channel));
  std::lock_guard lock(mutex_);
  if (answers_.size() >= kMaxAnswers) answers_.clear();
  answers_[std::move(pair)] = Answer{paired, now};
  return paired;
}

}  // namespace chansync::auth
