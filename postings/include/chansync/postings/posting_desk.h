#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/money.h"
#include "chansync/core/reservation.h"
#include "chansync/postings/folio.h"
#include "chansync/postings/folio_pms.h"
#include "chansync/postings/mappings.h"
#include "chansync/postings/posting.h"
#include "chansync/postings/ticket.h"

namespace chansync::postings {

// Where an accepted posting stands. Pending: durable in Redis, on its way to the PMS (or waiting
// for it to come back). Posted: the PMS booked it (its receipt is kept). Failed: the PMS refused
// it, or it cannot be sent as it is (an unmapped revenue centre); an operator can force it again.
enum class PostingState { kPending, kPosted, kFailed };

std::string_view PostingStateName(PostingState state);  // "pending" | "posted" | "failed"
core::Result<PostingState> ParsePostingState(std::string_view text);

// What chansync knows of one posting.
struct PostingRecord {
  Posting posting;  // as accepted, business date filled in
  PostingState state = PostingState::kPending;
  int64_t attempts = 0;       // PMS attempts so far, across forcings
  int64_t forced = 0;         // how many times an operator forced it
  std::string error_code;     // the last failure's stable code (core::CodeName); empty if none
  std::string error_message;  // its human message
  std::string hint;           // what an operator can do about it (failed only)
  std::optional<PmsPostingReceipt> receipt;  // posted only
  core::Timestamp accepted_at{};
  core::Timestamp updated_at{};
};

// The answer to a posting handed to the desk: it is durable in Redis when this is returned.
struct PostingAccepted {
  std::string id;  // Posting::Id(), the PMS idempotency key
  PostingState state = PostingState::kPending;
  core::CivilDate business_date;
  // The same posting (same source, same content) was accepted before: nothing new was queued and
  // `state` is where the first one stands.
  bool duplicate = false;
};

// One line of the "Posted to PMS" report: what a point of sale posted under one revenue centre
// (charges) or payment type (payments) on a business date, counting posted postings only.
struct PostingTotal {
  std::string pos_id;
  PostingKind kind = PostingKind::kCharge;
  std::string code;  // the revenue centre of a charge, the payment type of a payment
  core::Money amount;
  int64_t tip_minor_units = 0;
  int64_t postings = 0;

  friend bool operator==(const PostingTotal&, const PostingTotal&) = default;
};

// Every posting of a property's business date with its outcome, and the totals.
struct DayReport {
  core::PropertyId property;
  core::CivilDate business_date;
  std::vector<PostingRecord> postings;  // in order of acceptance
  std::vector<PostingTotal> totals;     // by point of sale, then kind, then code
  int64_t posted = 0;
  int64_t pending = 0;
  int64_t failed = 0;
};

// A business date's end of day, as recorded: the summary is sent to the PMS once, whatever the
// number of calls and processes.
struct EndOfDayRecord {
  core::PropertyId property;
  RevenueSummary summary;
  core::Timestamp sent_at{};
  // The summary had been recorded and sent before this call: it is the stored one.
  bool already_sent = false;
};

// The postings hub as its front ends (gRPC, HTTP, CLI) see it: what a till, a spa and an
// operator can do with postings. Every method checks its input first (INVALID_ARGUMENT naming the
// field), and answers NOT_FOUND for an unknown property or posting, STORE_UNAVAILABLE when Redis
// cannot answer, PMS_UNAVAILABLE / PMS_REJECTED where it reads from the PMS. Thread-safe.
class PostingDesk {
 public:
  virtual ~PostingDesk() = default;

  // The till's guest search (FindChargeableGuests over the PMS's stays): checked-in stays with
  // charge transfers allowed whose name, room or company matches `text`.
  virtual core::Result<std::vector<InHouseStay>> SearchGuests(const core::PropertyId& property,
                                                              std::string_view text) = 0;

  // Accepts one posting. A default-constructed business date means "now": the property's
  // business date at the clock's time (BusinessDateAt, in the property's zone, with its closing
  // time). A negative charge that is not a void is a refund: on a stay still to come it is booked
  // on the stay's arrival date (RefundDate). Answered once the posting is durable in Redis; it
  // then goes to the PMS within about a second, with its id as the idempotency key, so it is
  // booked at most once whatever is retried or crashes. An unmapped revenue centre or payment
  // type is accepted and recorded failed (REVENUE_CENTRE_NOT_MAPPED / PAYMENT_TYPE_NOT_MAPPED),
  // to be forced once the mapping is set. CONFLICT when a posting with the same source but other
  // content was accepted before.
  virtual core::Result<PostingAccepted> Submit(Posting posting) = 0;

  // A ticket charged to a room or account, in whole or in part (ChargesOfTicket): one posting per
  // line that receives a share, all accepted or none.
  virtual core::Result<std::vector<PostingAccepted>> SubmitTicket(
      const RoomChargeTicket& ticket) = 0;

  // Accepts postings of one property that belong together (a spa event's postings), all or none,
  // each as Submit would: dated by the caller (INVALID_ARGUMENT for an undated one), refunds
  // re-dated, duplicates answered as they stand. INVALID_ARGUMENT for a posting of another
  // property, for two postings with one id, or for none at all.
  virtual core::Result<std::vector<PostingAccepted>> SubmitAll(const core::PropertyId& property,
                                                               std::vector<Posting> postings) = 0;

  // Voids one accepted posting by posting its negative (VoidOf) on today's business date.
  // VOID_WINDOW_CLOSED unless that is the posting's own business date or the next one.
  // A second void of the same posting is a duplicate of the first.
  virtual core::Result<PostingAccepted> Void(const core::PropertyId& property,
                                             std::string_view posting_id) = 0;

  // Voids every line of a ticket (its charges and payments not yet voided), all or none.
  virtual core::Result<std::vector<PostingAccepted>> VoidTicket(const core::PropertyId& property,
                                                                std::string_view pos_id,
                                                                std::string_view ticket_id) = 0;

  virtual core::Result<PostingRecord> Get(const core::PropertyId& property,
                                          std::string_view posting_id) = 0;

  // The "Posted to PMS" report of a business date; `only` keeps the postings in that state (the
  // totals always count the posted ones).
  virtual core::Result<DayReport> Day(const core::PropertyId& property, core::CivilDate date,
                                      std::optional<PostingState> only) = 0;

  // Sends a failed posting to the PMS again, with the same idempotency key, after the current
  // mapping. Answers the record as it stands after the attempt (posted, or failed again with the
  // new reason). ALREADY_INTEGRATED for a posted one; a pending one is answered as it stands.
  virtual core::Result<PostingRecord> Force(const core::PropertyId& property,
                                            std::string_view posting_id) = 0;

  // The end of day of `day` (by default the last closed business date): the revenue summary of
  // its posted charges per point of sale and revenue centre, recorded and sent to the PMS once.
  // INVALID_ARGUMENT for a business date not closed yet.
  virtual core::Result<EndOfDayRecord> EndOfDay(const core::PropertyId& property,
                                                std::optional<core::CivilDate> day) = 0;

  // The property's closing time, mapping tables and switches.
  virtual core::Result<PostingSetup> GetSetup(const core::PropertyId& property) = 0;
  virtual core::Status PutSetup(const core::PropertyId& property, const PostingSetup& setup) = 0;
  // PutSetup only while the stored set-up equals `expected` (PostingSetupStore::Replace):
  // CONFLICT otherwise.
  virtual core::Status ReplaceSetup(const core::PropertyId& property, const PostingSetup& expected,
                                    const PostingSetup& setup) = 0;
};

}  // namespace chansync::postings
