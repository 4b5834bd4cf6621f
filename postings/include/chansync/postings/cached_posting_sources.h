#pragma once

#include <chrono>

#include "chansync/core/ttl_cache.h"
#include "chansync/postings/posting_properties.h"
#include "chansync/postings/posting_setup_store.h"

namespace chansync::postings {

// Every posting reads its property (zone, PMS connection) and its set-up (closing time, mapping
// tables) once on acceptance and once per worker batch. Both change rarely, so these decorators
// keep each answer for a short ttl: a till's charge then costs no store read for them. A change
// made elsewhere counts within the ttl; a set-up stored through this process counts for every
// read that starts after it.
// Errors are never kept. Thread-safe.

class CachedPostingProperties final : public PostingProperties {
 public:
  CachedPostingProperties(PostingProperties& source, const core::Clock& clock,
                          std::chrono::milliseconds ttl = std::chrono::seconds(1))
      : source_(source), kept_(clock, ttl) {}

  core::Result<core::Property> Get(const core::PropertyId& property) override;
  core::Result<std::vector<core::Property>> List() override { return source_.List(); }

 private:
  PostingProperties& source_;
  core::TtlCache<core::PropertyId, core::Property> kept_;
};

class CachedPostingSetupStore final : public PostingSetupStore {
 public:
  CachedPostingSetupStore(PostingSetupStore& source, const core::Clock& clock,
                          std::chrono::milliseconds ttl = std::chrono::seconds(1))
      : source_(source), kept_(clock, ttl) {}

  core::Result<PostingSetup> Get(const core::PropertyId& property) const override;
  core::Status Put(const core::PropertyId& property, const PostingSetup& setup) override;
  core::Status Replace(const core::PropertyId& property, const PostingSetup& expected,
                       const PostingSetup& setup) override;

 private:
  PostingSetupStore& source_;
  mutable core::TtlCache<core::PropertyId, PostingSetup> kept_;
};

}  // namespace chansync::postings
