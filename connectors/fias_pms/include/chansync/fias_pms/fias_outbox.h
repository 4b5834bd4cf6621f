#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chansync/core/error.h"
#include "chansync/core/ids.h"

namespace chansync::fias_pms {

// A posting written down before it goes on the link: its P#, idempotency key and the record
// exactly as sent (fias::EncodeRecord, without framing).
struct OutboxEntry {
  int64_t sequence = 0;
  std::string idempotency_key;
  std::string record;

  friend bool operator==(const OutboxEntry&, const OutboxEntry&) = default;
};

// Port: the postings of a property sent on its FIAS link whose answer (PA) has not come yet.
// An entry is put before its posting is sent and removed once its PA is in, so after a lost
// link or a restart whatever is left is resent, with its P#, before anything else.
// Errors: STORE_UNAVAILABLE when the store cannot be reached. Thread-safe.
class FiasOutbox {
 public:
  virtual ~FiasOutbox() = default;

  virtual core::Status Put(const core::PropertyId& property, const OutboxEntry& entry) = 0;
  virtual core::Status Remove(const core::PropertyId& property, int64_t sequence) = 0;
  // The entries left, by P#.
  virtual core::Result<std::vector<OutboxEntry>> Outstanding(const core::PropertyId& property) = 0;
};

}  // namespace chansync::fias_pms
