#pragma once

#include <optional>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/reservation.h"
#include "chansync/postings/posting_desk.h"

namespace chansync::postings {

// Port: each property's end-of-day records, one per business date. A record is written once
// (the first summary recorded is the one sent, whoever computed it) and then marked sent.
// Errors: STORE_UNAVAILABLE when the store cannot answer. Thread-safe.
class EndOfDayStore {
 public:
  virtual ~EndOfDayStore() = default;

  // Stores `record` (sent_at unset) unless a record of its business date exists; answers the
  // record stored, which is `record` only when this call created it.
  virtual core::Result<EndOfDayRecord> Record(const EndOfDayRecord& record) = 0;
  // Marks the record of `date` sent at `sent_at` (kept when it was marked before).
  virtual core::Status MarkSent(const core::PropertyId& property, core::CivilDate date,
                                core::Timestamp sent_at) = 0;
  // nullopt when no summary of `date` was recorded.
  virtual core::Result<std::optional<EndOfDayRecord>> Get(const core::PropertyId& property,
                                                          core::CivilDate date) = 0;
};

}  // namespace chansync::postings
