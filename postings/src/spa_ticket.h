#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/posting.h"

namespace chansync::postings {

// Makes the postings of one spa ticket (an order, a voucher, a membership payment): the same
// property, point of sale, ticket and currency, a line and an amount each.
struct SpaTicket {
  core::PropertyId property;
  std::string spa_id;
  std::string ticket_id;
  std::string currency;

  Posting Charge(int line, int64_t amount, const std::string& revenue_centre,
                 const PostingTarget& target, core::CivilDate date) const;
  Posting Payment(int line, int64_t amount, std::string_view payment_type,
                  const PostingTarget& target, core::CivilDate date) const;
};

// The negative of each posting, its line moved up by `line_offset`, dated `date`: a refund is a
// posting of its own (not a void, which is bound to the void window).
std::vector<Posting> NegativesOf(const std::vector<Posting>& postings, int line_offset,
                                 core::CivilDate date);

// The postings that carry an amount, each checked by ValidatePosting.
core::Result<std::vector<Posting>> Checked(std::vector<Posting> postings);

// INVALID_ARGUMENT naming `field` unless 0 < amount <= 10^10 minor units.
core::Status ValidateSpaAmount(const std::string& field, int64_t amount);

// INVALID_ARGUMENT naming `field` for a date left out.
core::Status ValidateSpaDate(const std::string& field, core::CivilDate date);

}  // namespace chansync::postings
