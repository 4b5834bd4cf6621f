#include "chansync/channel/cached_ingest_catalog.h"

namespace chansync::channel {

core::Result<std::vector<std::string>> CachedIngestCatalog::ChannelProducts(
    const core::PropertyId& property, const core::ChannelId& channel) {
  const auto now = clock_.SteadyNow();
  auto key = std::make_pair(property, channel);
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && now - it->second.read_at < ttl_) return it->second.answer;
  }
  // Read outside the lock: a slow store must not hold every other pair's pushes back.
  auto answer = source_.ChannelProducts(property, channel);
  const bool definite = answer || answer.error().code == core::ErrorCode::kNotFound;
  if (!definite) return answer;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(std::move(key), Entry{answer, now});
  return answer;
}

}  // namespace chansync::channel
