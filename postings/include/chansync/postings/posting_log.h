#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/posting_desk.h"

namespace chansync::postings {

// What Insert found: the record it created, or the one stored before under the same id.
struct InsertedRecord {
  PostingRecord record;
  bool created = false;
};

// Port: one record per accepted posting, with an index per business date (in order of
// acceptance) and one per ticket (pos + ticket id). Records are keyed by (property, posting id);
// a record's posting and business date never change after it is created. Calls that take several
// records may mix properties. Errors: STORE_UNAVAILABLE when the store cannot answer, INTERNAL
// for a stored record that does not read back. Thread-safe.
class PostingLog {
 public:
  virtual ~PostingLog() = default;

  // Creates each record that has no record yet under its id, and indexes it under its business
  // date and ticket; a record already there is answered as it is and left untouched, so the
  // first writer wins. One result per record, in order.
  virtual core::Result<std::vector<InsertedRecord>> InsertMany(
      const std::vector<PostingRecord>& records) = 0;

  // Replaces the state, attempts, error, hint and receipt of existing records (outcomes), except
  // that a posted record is never turned back into a pending or failed one: the PMS booked it.
  // A record that does not exist is created and indexed (a store that lost it).
  virtual core::Status UpdateMany(const std::vector<PostingRecord>& records) = 0;

  // nullopt for an unknown id.
  virtual core::Result<std::optional<PostingRecord>> Get(const core::PropertyId& property,
                                                         std::string_view posting_id) = 0;
  // Get of each id of one property, in order.
  virtual core::Result<std::vector<std::optional<PostingRecord>>> GetMany(
      const core::PropertyId& property, const std::vector<std::string>& posting_ids) = 0;

  // The records of a business date, in order of acceptance.
  virtual core::Result<std::vector<PostingRecord>> Day(const core::PropertyId& property,
                                                       core::CivilDate business_date) = 0;
  // How many postings a business date holds.
  virtual core::Result<int64_t> DaySize(const core::PropertyId& property,
                                        core::CivilDate business_date) = 0;
  // The ids of a ticket's postings (its lines and their voids), in order of acceptance.
  virtual core::Result<std::vector<std::string>> TicketIds(const core::PropertyId& property,
                                                           std::string_view pos_id,
                                                           std::string_view ticket_id) = 0;
};

}  // namespace chansync::postings
