#pragma once

#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/property.h"

namespace chansync::postings {

// Port: the properties the hub posts for, as the property registry declares them (their zone
// for business dates, their PMS connection for the folio side). Thread-safe.
class PostingProperties {
 public:
  virtual ~PostingProperties() = default;

  // NOT_FOUND for an unknown property; STORE_UNAVAILABLE when the registry cannot answer.
  virtual core::Result<core::Property> Get(const core::PropertyId& property) = 0;
  // Every property, by id.
  virtual core::Result<std::vector<core::Property>> List() = 0;
};

}  // namespace chansync::postings
