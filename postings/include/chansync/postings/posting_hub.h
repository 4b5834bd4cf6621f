#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/clock.h"
#include "chansync/postings/end_of_day_store.h"
#include "chansync/postings/folio_pms_directory.h"
#include "chansync/postings/posting_desk.h"
#include "chansync/postings/posting_log.h"
#include "chansync/postings/posting_properties.h"
#include "chansync/postings/posting_setup_store.h"

namespace chansync::queue {
class WorkQueue;
}  // namespace chansync::queue

namespace chansync::postings {

class PostingAttempts;

struct PostingHubOptions {
  // Deadline of the PMS calls the hub makes while a caller waits: a till's guest search, the
  // stay a refund is dated by, a forced posting, an end-of-day summary.
  std::chrono::milliseconds pms_deadline{3000};
  // Single submissions (Submit) that arrive together are accepted together, one store read,
  // one queue batch and one record write for all of them (core::GroupCommitter), each still
  // answered on its own. Off, each is accepted by its caller's thread.
  bool group_commit = false;
};

// The PostingDesk of chansync (SPEC §2, §5). A posting is accepted once durable in Redis: its
// JSON goes into the postings work queue (shard key: the property), then its record is created
// pending in the PostingLog; a crash between the two loses nothing, since the PostingWorker
// creates a missing record from the queued posting. Duplicates (same id, same content) answer the
// first record and queue nothing; the same id with other content is CONFLICT (when two such
// submissions race, the one whose record is created first wins, and the worker drops the
// other's queued copy). Posting ids derive from the source, so they are the PMS idempotency keys.
//
// Business dates come from the property's zone (PostingProperties) and closing time
// (PostingSetupStore). Force makes the attempt itself (PostingAttempts, as the worker does) and
// answers the outcome; a transient PMS failure there leaves the posting pending and queued for
// the worker's retries. EndOfDay records the summary once (EndOfDayStore) before sending it, so
// every process and retry sends the same summary under the same idempotency key.
//
// Thread-safe; every port must outlive the hub.
class PostingHub final : public PostingDesk {
 public:
  PostingHub(queue::WorkQueue& queue, PostingLog& log, PostingSetupStore& setups,
             EndOfDayStore& end_of_days, PostingProperties& properties, FolioPmsDirectory& pms,
             const core::Clock& clock, PostingHubOptions options = {});
  ~PostingHub() override;

  core::Result<std::vector<InHouseStay>> SearchGuests(const core::PropertyId& property,
                                                      std::string_view text) override;
  core::Result<PostingAccepted> Submit(Posting posting) override;
  core::Result<std::vector<PostingAccepted>> SubmitTicket(const RoomChargeTicket& ticket) override;
  core::Result<std::vector<PostingAccepted>> SubmitAll(const core::PropertyId& property,
                                                       std::vector<Posting> postings) override;
  core::Result<PostingAccepted> Void(const core::PropertyId& property,
                                     std::string_view posting_id) override;
  core::Result<std::vector<PostingAccepted>> VoidTicket(const core::PropertyId& property,
                                                        std::string_view pos_id,
                                                        std::string_view ticket_id) override;
  core::Result<PostingRecord> Get(const core::PropertyId& property,
                                  std::string_view posting_id) override;
  core::Result<DayReport> Day(const core::PropertyId& property, core::CivilDate date,
                              std::optional<PostingState> only) override;
  core::Result<PostingRecord> Force(const core::PropertyId& property,
                                    std::string_view posting_id) override;
  core::Result<EndOfDayRecord> EndOfDay(const core::PropertyId& property,
                                        std::optional<core::CivilDate> day) override;
  core::Result<PostingSetup> GetSetup(const core::PropertyId& property) override;
  core::Status PutSetup(const core::PropertyId& property, const PostingSetup& setup) override;
  core::Status ReplaceSetup(const core::PropertyId& property, const PostingSetup& expected,
                            const PostingSetup& setup) override;

 private:
  // A posting about to be accepted; `dated` when its business date came from the caller (a
  // resubmission without a date matches a stored posting of any date).
  struct Candidate {
    Posting posting;
    bool dated = true;
  };

  core::Result<core::Property> PropertyOf(const core::PropertyId& property);
  // The property's business date now.
  core::Result<core::CivilDate> Today(const core::Property& property);
  core::Result<FolioPms*> PmsOf(const core::Property& property);
  // Fills the business date of an undated posting and dates a refund (RefundDate).
  core::Status Date(Candidate& candidate, const core::Property& property);
  // Answers the void of `original` (a duplicate when it exists), or checks the void window.
  core::Status CheckVoidable(const PostingRecord& original, core::CivilDate void_date);
  // Accepts postings of one property, all or none: the stored ones are answered as they stand
  // (CONFLICT when one differs), the new ones are queued in one batch, then recorded.
  core::Result<std::vector<PostingAccepted>> Accept(const core::PropertyId& property,
                                                    std::vector<Candidate> candidates);
  // Accepts postings of one property each on its own: a conflict or a failure answers only the
  // postings it concerns.
  std::vector<core::Result<PostingAccepted>> AcceptEach(const core::PropertyId& property,
                                                        std::vector<Candidate> candidates);
  // For each candidate, its answer when it was accepted before (a duplicate, or CONFLICT), or
  // nullopt when it is new: one read of the log.
  using Answer = core::Result<PostingAccepted>;
  core::Result<std::vector<std::optional<Answer>>> Lookup(const core::PropertyId& property,
                                                          const std::vector<Candidate>& candidates);
  // Queues the new candidates in one batch, then records them: one answer each, in order.
  core::Result<std::vector<Answer>> StoreNew(const std::vector<const Candidate*>& fresh);
  core::Result<RevenueSummary> Summarize(const core::PropertyId& property, core::CivilDate day);
  core::Result<EndOfDayRecord> SendEndOfDay(EndOfDayRecord record);
  postings::FolioCallOptions PmsCall() const;

  queue::WorkQueue& queue_;
  PostingLog& log_;
  PostingSetupStore& setups_;
  EndOfDayStore& end_of_days_;
  PostingProperties& properties_;
  FolioPmsDirectory& pms_;
  const core::Clock& clock_;
  const PostingHubOptions options_;
  std::unique_ptr<PostingAttempts> attempts_;
  struct SubmitBatcher;
  std::unique_ptr<SubmitBatcher> submits_;  // with group_commit only; last: it calls the above
};

// Whether `stored` and `incoming` are the same posting: equal in every field, the business date
// aside when the incoming one came without a date.
bool SamePosting(const Posting& stored, const Posting& incoming, bool incoming_dated);

// INVALID_ARGUMENT unless `posting_id` has the form of a posting id (PostingIdOf).
core::Status ValidatePostingId(std::string_view posting_id);

}  // namespace chansync::postings
