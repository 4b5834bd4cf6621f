#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/postings/folio.h"
#include "chansync/postings/folio_pms.h"

namespace chansync::pms {

// An in-memory PMS's folio side: stays, guest folios, internal accounts, postings, the business
// date and end-of-day revenue summaries of any number of properties, with the semantics of the
// PMS contract (docs/pms-api.md, "Folios and postings"). pmssim serves it over HTTP and the
// FolioPms twin wraps it, so both behave the same.
//
// Posting rules:
//   - a posting to a stay goes to its guest folio; the stay must allow charge transfers and be
//     checked in, or be expected with the posting dated on or after its arrival (a refund for
//     a future stay), else STAY_NOT_CHARGEABLE; a posting to an account goes to the internal
//     account of that name (NOT_FOUND otherwise);
//   - a charge adds amount and tip to the folio's balance, a payment takes them off;
//   - a charge carries an outlet and a transaction code, a payment a selector (INVALID_ARGUMENT);
//   - the amount is in the property's currency (INVALID_ARGUMENT);
//   - an idempotency key is required (INVALID_ARGUMENT); a repeat with the same request answers
//     the first receipt (the balance as it was then) and books nothing; with another request it
//     is ALREADY_EXISTS. A refused posting stores nothing, so a retry is judged afresh.
// Revenue summaries follow the same key rules.
//
// Thread-safe; each property has its own mutex, so a posting and its balance change together.
class FolioBook {
 public:
  struct PropertyData {
    core::PropertyId id;
    std::string currency = "EUR";
    core::CivilDate business_date;
    std::vector<postings::InHouseStay> stays;  // each gets a guest folio named by folio_id
    std::vector<std::string> accounts;         // internal account names ("Deposit")
  };

  struct Stats {
    int64_t postings = 0;         // postings booked
    int64_t posting_replays = 0;  // postings answered from an idempotency key
    int64_t not_chargeable = 0;   // postings refused for the stay's state or switch
    int64_t summaries = 0;        // revenue summaries recorded
  };

  // A booked posting, as the PMS keeps it.
  struct BookedPosting {
    std::string id;  // the PMS's number
    std::string idempotency_key;
    std::string folio_id;
    postings::PmsPostingRequest request;
  };

  FolioBook();
  ~FolioBook();
  FolioBook(const FolioBook&) = delete;
  FolioBook& operator=(const FolioBook&) = delete;

  // INVALID_ARGUMENT for bad ids, a bad currency, duplicate stays, folios or accounts;
  // ALREADY_EXISTS when the property is already loaded.
  core::Status AddProperty(PropertyData data);

  // The stays matching a till search (postings::MatchesSearch), in any state, by room.
  core::Result<std::vector<postings::InHouseStay>> SearchStays(const core::PropertyId& property,
                                                               const std::string& search) const;
  core::Result<postings::InHouseStay> GetStay(const core::PropertyId& property,
                                              const std::string& stay_id) const;
  // Adds the stay or replaces the one of the same id (a change made in the PMS: check-in,
  // check-out, the charge transfers switch). A new stay gets an empty guest folio.
  core::Status PutStay(const core::PropertyId& property, const postings::InHouseStay& stay);

  // Guest folios then internal accounts, each by id.
  core::Result<std::vector<postings::Folio>> Folios(const core::PropertyId& property) const;
  // The postings booked on a folio, oldest first. NOT_FOUND for an unknown folio.
  core::Result<std::vector<BookedPosting>> FolioPostings(const core::PropertyId& property,
                                                         const std::string& folio_id) const;

  core::Result<core::CivilDate> BusinessDate(const core::PropertyId& property) const;
  core::Status SetBusinessDate(const core::PropertyId& property, core::CivilDate date);

  core::Result<postings::PmsPostingReceipt> Post(const postings::PmsPostingRequest& request);

  core::Status PostRevenueSummary(const core::PropertyId& property,
                                  const postings::RevenueSummary& summary);
  // Every summary recorded, by business date.
  core::Result<std::vector<postings::RevenueSummary>> RevenueSummaries(
      const core::PropertyId& property) const;

  Stats stats() const;

 private:
  struct PropertyState;

  PropertyState* Find(const core::PropertyId& property) const;

  mutable std::shared_mutex properties_mutex_;  // guards the map, not the properties
  std::map<core::PropertyId, std::unique_ptr<PropertyState>> properties_;
  std::atomic<int64_t> postings_{0}, posting_replays_{0}, not_chargeable_{0}, summaries_{0};
};

}  // namespace chansync::pms
