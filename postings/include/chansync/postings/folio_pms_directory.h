#pragma once

#include "chansync/core/error.h"
#include "chansync/core/property.h"
#include "chansync/postings/folio_pms.h"

namespace chansync::postings {

// Port: the folio side of a property's PMS. Thread-safe.
class FolioPmsDirectory {
 public:
  virtual ~FolioPmsDirectory() = default;

  // The client stays valid for the directory's lifetime. INVALID_ARGUMENT when the property's
  // PMS connection is unusable (no endpoint, bad URL).
  virtual core::Result<FolioPms*> For(const core::Property& property) = 0;
};

}  // namespace chansync::postings
