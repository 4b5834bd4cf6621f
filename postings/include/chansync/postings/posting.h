#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/money.h"

namespace chansync::postings {

// A charge adds to what a folio owes (revenue, under a revenue centre); a payment settles it
// (under a payment type).
enum class PostingKind { kCharge, kPayment };

std::string_view PostingKindName(PostingKind kind);  // "charge" | "payment"
core::Result<PostingKind> ParsePostingKind(std::string_view text);

// Where a posting comes from: the till or spa system, its ticket (or order) and the ticket's
// line. The source names a posting: the same source is the same posting, however often it is
// sent.
struct PostingSource {
  std::string pos_id;     // the point of sale ("bar", "spa"), an identifier
  std::string ticket_id;  // an identifier
  int line = 1;           // 1..9999

  friend bool operator==(const PostingSource&, const PostingSource&) = default;
};

// What a posting is booked on: a stay's guest folio, or an internal (paymaster) account by name.
struct PostingTarget {
  enum class Kind { kStay, kAccount };
  Kind kind = Kind::kStay;
  std::string id;  // the PMS stay id, or the account's name ("Deposit")

  friend bool operator==(const PostingTarget&, const PostingTarget&) = default;
};

std::string_view TargetKindName(PostingTarget::Kind kind);  // "stay" | "account"
core::Result<PostingTarget::Kind> ParseTargetKind(std::string_view text);

inline constexpr int kMaxLine = 9999;
// 10^10 minor units (100 million euros) in either direction: far above any till ticket, low
// enough that sums of a business day never overflow.
inline constexpr int64_t kMaxPostingMinorUnits = 10'000'000'000;

struct Posting {
  core::PropertyId property;
  PostingKind kind = PostingKind::kCharge;
  // Negative for a void or a refund. A tip is on top of the amount, of the same sign and
  // currency, and is booked under the same revenue centre or payment type.
  core::Money amount;
  int64_t tip_minor_units = 0;
  std::string revenue_centre;  // a charge's, empty for a payment
  std::string payment_type;    // a payment's, empty for a charge
  core::CivilDate business_date;
  PostingSource source;
  PostingTarget target;
  // The id of the posting this one voids; empty for anything else. A void reuses the source of
  // what it voids, so it too is made at most once.
  std::string voids;

  // The posting's id within its property, derived from its source alone (never chosen by a
  // client): "<pos>:<ticket>:<line>", with ":void" for the void of that line. It is the
  // idempotency key sent to the PMS, so a charge is made at most once by construction.
  std::string Id() const;

  friend bool operator==(const Posting&, const Posting&) = default;
};

// The id a posting from `source` has; with `is_void`, the id of its void.
std::string PostingIdOf(const PostingSource& source, bool is_void);

// INVALID_ARGUMENT naming the field: identifiers (property, pos, ticket, target, revenue centre
// or payment type, each 1..64 of [A-Za-z0-9._-]; an account name 1..64 bytes of text), line
// 1..9999, a currency code, a non-zero amount within ±10^10 minor units, a tip of the amount's
// sign (or zero), a revenue centre exactly on charges and a payment type exactly on payments,
// and a void only of the same source.
core::Status ValidatePosting(const Posting& posting);

// The void of `original`: the same source, target, centre or type, negated amount and tip,
// booked on `business_date`. Whether the void is still allowed is CheckVoidWindow's
// (business_date.h) to say.
Posting VoidOf(const Posting& original, core::CivilDate business_date);

}  // namespace chansync::postings
