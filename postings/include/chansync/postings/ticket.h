#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/postings/posting.h"

namespace chansync::postings {

// A till ticket charged, in whole or in part, to a room or an internal account. The rest of the
// ticket was settled at the till by other tenders (card, cash), which the PMS never sees.
struct RoomChargeTicket {
  core::PropertyId property;
  std::string pos_id;
  std::string ticket_id;
  std::string currency;
  core::CivilDate business_date;
  PostingTarget target;

  struct Line {
    std::string revenue_centre;
    int64_t amount_minor_units = 0;  // the line's price, before any split
  };
  std::vector<Line> lines;  // ticket lines 1..n, in order
  // The part of the ticket's total charged to the target; the whole total when nothing else
  // paid. 0 < charged <= total.
  int64_t charged_minor_units = 0;
  // The tip given on the room tender; it goes with the first posting.
  int64_t tip_minor_units = 0;
};

// The charges a (partially) room-charged ticket posts: one per line that receives a share, each
// under its line's revenue centre and numbered by its line, so revenue stays assigned as it was
// sold. The charged part is shared out in proportion to the lines' amounts; the cents that
// proportion cannot split go one each to the lines with the largest remainders (the earlier line
// first on a tie), so the postings add up to the charged part exactly. A line whose share is 0 is
// left out. INVALID_ARGUMENT naming the field for a ticket without lines, a line not positive, a
// charged part outside (0, total] or a negative tip; every posting is then checked by
// ValidatePosting.
core::Result<std::vector<Posting>> ChargesOfTicket(const RoomChargeTicket& ticket);

// Splits `total` between `weights` (each >= 0, their sum > 0) in proportion, by largest
// remainder: the parts sum to `total` exactly, and each part is within one unit of its exact
// proportional share. Exposed for the end-of-day summary and tests.
std::vector<int64_t> ShareInProportion(int64_t total, const std::vector<int64_t>& weights);

}  // namespace chansync::postings
