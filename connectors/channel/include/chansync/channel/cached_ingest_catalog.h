#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "chansync/channel/ingest_catalog.h"
#include "chansync/core/clock.h"

namespace chansync::channel {

// Remembers the answers of another catalog for `ttl`, so the push path reads the store about
// once per second per (property, channel) instead of once per reservation. A declaration made
// meanwhile counts after at most `ttl`. Answers that say the store could not be read are not
// remembered. Thread-safe.
class CachedIngestCatalog final : public IngestCatalog {
 public:
  static constexpr std::chrono::seconds kDefaultTtl{1};
  // Beyond this many remembered pairs the cache starts over: a bound against pushes naming
  // endless unknown properties.
  static constexpr size_t kMaxEntries = 100'000;

  CachedIngestCatalog(IngestCatalog& source, const core::Clock& clock,
                      std::chrono::milliseconds ttl = kDefaultTtl)
      : source_(source), clock_(clock), ttl_(ttl) {}

  core::Result<std::vector<std::string>> ChannelProducts(const core::PropertyId& property,
                                                         const core::ChannelId& channel) override;

 private:
  struct Entry {
    core::Result<std::vector<std::string>> answer;
    std::chrono::steady_clock::time_point read_at;
  };

  IngestCatalog& source_;
  const core::Clock& clock_;
  const std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::map<std::pair<core::PropertyId, core::ChannelId>, Entry> entries_;
};

}  // namespace chansync::channel
