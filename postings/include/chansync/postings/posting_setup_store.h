#pragma once

#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/mappings.h"

namespace chansync::postings {

// Port: each property's posting set-up (closing time, mapping tables, switches). Thread-safe.
class PostingSetupStore {
 public:
  virtual ~PostingSetupStore() = default;

  // The property's set-up; the defaults (closing at 05:30, empty tables, switches off) when none
  // was ever stored. STORE_UNAVAILABLE when the store cannot answer.
  virtual core::Result<PostingSetup> Get(const core::PropertyId& property) const = 0;
  // Replaces the property's set-up after ValidatePostingSetup (INVALID_ARGUMENT).
  // STORE_UNAVAILABLE when the store cannot answer.
  virtual core::Status Put(const core::PropertyId& property, const PostingSetup& setup) = 0;
  // Replaces the set-up only while the stored one (the defaults when none was stored) equals
  // `expected`; CONFLICT otherwise, and nothing changes. For read-modify-write callers (an admin
  // changing one row), so two changes made at once never silently lose one.
  virtual core::Status Replace(const core::PropertyId& property, const PostingSetup& expected,
                               const PostingSetup& setup) = 0;
};

}  // namespace chansync::postings
