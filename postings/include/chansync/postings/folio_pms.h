#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/money.h"
#include "chansync/postings/folio.h"
#include "chansync/postings/mappings.h"
#include "chansync/postings/posting.h"

namespace chansync::postings {

// A posting as the PMS is asked to book it: the posting, its PMS code from the property's
// mapping, and the idempotency key that makes the PMS book it once however often it is sent.
struct PmsPostingRequest {
  Posting posting;
  PmsCode code;
  // The posting's id (Posting::Id): retries and replays by any process send the same key.
  std::string idempotency_key;
};

// What the PMS answers a booked posting with.
struct PmsPostingReceipt {
  std::string pms_posting_id;  // the PMS's own number for the posting
  std::string folio_id;        // the folio it went to
  core::Money folio_balance;   // that folio's balance right after it
};

// One line of an end-of-day revenue summary: what one point of sale took under one revenue
// centre on one business date.
struct RevenueSummaryLine {
  std::string pos_id;
  std::string revenue_centre;
  PmsCode code;  // the centre's outlet and transaction code
  core::Money amount;
  int64_t tip_minor_units = 0;
  int64_t postings = 0;  // how many postings the line sums

  friend bool operator==(const RevenueSummaryLine&, const RevenueSummaryLine&) = default;
};

struct RevenueSummary {
  core::CivilDate business_date;
  std::vector<RevenueSummaryLine> lines;
  std::string idempotency_key;  // one summary per property and business date

  friend bool operator==(const RevenueSummary&, const RevenueSummary&) = default;
};

// Per-call options: a deadline for the whole call, retries included.
struct FolioCallOptions {
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// Port: a property's PMS as the postings hub sees it — in-house stays, folios, postings and the
// business date. The HTTP adapter (connectors/pms, docs/pms-api.md) and a FIAS adapter plug in
// here. Implementations retry transient failures themselves, within the call's deadline.
//
// Errors, common to every call:
//   PMS_UNAVAILABLE   the PMS could not be reached, failed (5xx) or did not answer in time
//   PMS_REJECTED      the PMS refused the request (4xx), with its code and message
//   NOT_FOUND         an unknown stay, folio or account (where a call says so)
//   STAY_NOT_CHARGEABLE  a posting to a stay the PMS does not let be charged
//
// Thread-safe.
class FolioPms {
 public:
  virtual ~FolioPms() = default;

  // The stays whose guest name, room or company matches `search` as the PMS matches it, in any
  // state (the hub decides what a till may see).
  virtual core::Result<std::vector<InHouseStay>> SearchStays(const core::PropertyId& property,
                                                             const std::string& search,
                                                             const FolioCallOptions& call = {}) = 0;
  // NOT_FOUND for an unknown stay.
  virtual core::Result<InHouseStay> GetStay(const core::PropertyId& property,
                                            const std::string& stay_id,
                                            const FolioCallOptions& call = {}) = 0;
  // Every folio of the property, guest folios and internal accounts, with their balances.
  virtual core::Result<std::vector<Folio>> ListFolios(const core::PropertyId& property,
                                                      const FolioCallOptions& call = {}) = 0;
  // The PMS's current business date.
  virtual core::Result<core::CivilDate> BusinessDate(const core::PropertyId& property,
                                                     const FolioCallOptions& call = {}) = 0;
  // Books one posting, at most once per idempotency key: a repeat answers the first receipt.
  // INVALID_ARGUMENT without an idempotency key (nothing is sent).
  virtual core::Result<PmsPostingReceipt> Post(const PmsPostingRequest& request,
                                               const FolioCallOptions& call = {}) = 0;
  // Books several postings (any properties), `max_in_flight` at once; one result per request,
  // in order, each as Post answers it.
  virtual std::vector<core::Result<PmsPostingReceipt>> PostMany(
      const std::vector<PmsPostingRequest>& requests, size_t max_in_flight,
      const FolioCallOptions& call = {}) = 0;
  // Records a business date's revenue summary, at most once per idempotency key.
  virtual core::Status PostRevenueSummary(const core::PropertyId& property,
                                          const RevenueSummary& summary,
                                          const FolioCallOptions& call = {}) = 0;
};

}  // namespace chansync::postings
