#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "chansync/core/clock.h"
#include "chansync/fias/request_link.h"
#include "chansync/fias_pms/fias_outbox.h"
#include "chansync/fias_pms/fias_sequences.h"
#include "chansync/fias_pms/guest_index.h"
#include "chansync/fias_pms/posting_records.h"
#include "chansync/fias_pms/relay_status.h"
#include "chansync/postings/folio_pms.h"

namespace chansync::fias_pms {

struct FiasFolioClientOptions {
  // How long a call waits for a link that is down to come back before PMS_UNAVAILABLE.
  std::chrono::milliseconds wait_for_link = std::chrono::seconds(5);
  // Ask the interface (PR inquiry by room) whether the guest is in that room before every
  // guest posting; without it only a guest the index does not know is asked for.
  bool inquire_before_posting = false;
};

// The postings' FolioPms port over one property's FIAS link (docs/fias.md, "Postings over
// FIAS"). Exactly once: a posting's P# is its idempotency key's (FiasSequences), the posting is
// put in the FiasOutbox before it is sent and taken out once its PA is in; after a lost link or
// a restart, the outbox is resent with the same P#s before anything else, and the interface
// answers a P# it booked with its first PA. One posting at a time; PostMany posts one after the
// other. Stays come from the GuestIndex, resynced (DR) once on each new connection.
//
// Errors, besides those of FolioPms:
//   INVALID_ARGUMENT  a posting without an idempotency key, or of another property
//   NOT_FOUND         GetStay of a guest not in house; a posting the interface answers UR / NG
//   PMS_UNAVAILABLE   the link is down, or was lost before the answer (the posting is resent
//                     first on the next call), or an earlier posting is still unresolved
//   UNIMPLEMENTED     ListFolios, BusinessDate, PostRevenueSummary: FIAS has no such record
//
// Thread-safe. `link`, `index`, `sequences`, `outbox` and `clock` must outlive the client.
class FiasFolioClient final : public postings::FolioPms {
 public:
  FiasFolioClient(core::PropertyId property, fias::RequestLink& link, GuestIndex& index,
                  FiasSequences& sequences, FiasOutbox& outbox, const core::Clock& clock,
                  FiasFolioClientOptions options = {});

  core::Result<std::vector<postings::InHouseStay>> SearchStays(
      const core::PropertyId& property, const std::string& search,
      const postings::FolioCallOptions& call = {}) override;
  core::Result<postings::InHouseStay> GetStay(const core::PropertyId& property,
                                              const std::string& stay_id,
                                              const postings::FolioCallOptions& call = {}) override;
  core::Result<std::vector<postings::Folio>> ListFolios(
      const core::PropertyId& property, const postings::FolioCallOptions& call = {}) override;
  core::Result<core::CivilDate> BusinessDate(const core::PropertyId& property,
                                             const postings::FolioCallOptions& call = {}) override;
  core::Result<postings::PmsPostingReceipt> Post(
      const postings::PmsPostingRequest& request,
      const postings::FolioCallOptions& call = {}) override;
  // One after the other; once the link fails, the rest answer PMS_UNAVAILABLE unsent.
  std::vector<core::Result<postings::PmsPostingReceipt>> PostMany(
      const std::vector<postings::PmsPostingRequest>& requests, size_t max_in_flight,
      const postings::FolioCallOptions& call = {}) override;
  core::Status PostRevenueSummary(const core::PropertyId& property,
                                  const postings::RevenueSummary& summary,
                                  const postings::FolioCallOptions& call = {}) override;

  // Resends what the outbox holds (after a restart, or a link lost before an answer). Post
  // does it first; callers may do it sooner.
  core::Status ResolveOutstanding();

  RelayStatus relay_status() const;

 private:
  // A posting's fate once its PA is in: the receipt or the refusal.
  using Outcome = core::Result<postings::PmsPostingReceipt>;

  core::Status CheckProperty(const core::PropertyId& property) const;
  // Waits for the link within the call's deadline and the options' wait.
  core::Status LinkUp(const postings::FolioCallOptions& call);
  // On a connection not resynced yet, replaces the guest index from a DR.
  core::Status ResyncIfNew();
  // The index, synced once at least (waiting for the link when it never was).
  core::Status FreshIndex(const postings::FolioCallOptions& call);
  core::Result<FiasDestination> DestinationOf(const postings::PmsPostingRequest& request);
  core::Result<FiasDestination> Inquire(FiasDestination asked);
  Outcome PostLocked(const postings::PmsPostingRequest& request,
                     const postings::FolioCallOptions& call);
  core::Status ResolveLocked();
  // Sends an outbox entry and settles it: its PA, or the link's error (the entry stays).
  core::Result<fias::Record> SendEntry(const OutboxEntry& entry);
  // Takes a posting out of the outbox once its PA is in (forgetting its P# when refused).
  core::Status Settle(const OutboxEntry& entry, const fias::Record& answer);
  void Note(std::optional<RelayEvent> RelayStatus::*slot, std::string record,
            std::string reason = {});

  const core::PropertyId property_;
  fias::RequestLink& link_;
  GuestIndex& index_;
  FiasSequences& sequences_;
  FiasOutbox& outbox_;
  const core::Clock& clock_;
  const FiasFolioClientOptions options_;

  std::mutex post_mutex_;  // one posting (or resolution) at a time
  // Whether the outbox may hold entries: at start (a restart), and after a link error.
  bool unresolved_ = true;
  // Postings answered while resolving, by idempotency key, for the Post that asked for them.
  std::map<std::string, fias::Record> resolved_;

  mutable std::mutex status_mutex_;  // guards what follows
  int64_t resynced_connection_ = 0;
  int64_t outstanding_ = 0;
  RelayStatus relay_;
};

}  // namespace chansync::fias_pms
