#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "chansync/postings/posting_desk.h"

namespace chansync::postings::testing {

// A PostingDesk twin for the front ends' tests: it records every call and answers what the test
// scripted (the `answer` member of the method), else a neutral success: no guests, a submission
// accepted pending under the posting's own id, an empty report, the default set-up.
// Thread-safe.
class ScriptedPostingDesk final : public PostingDesk {
 public:
  // One call as received: the method's name, the property and the other arguments as text
  // ("bar:T1:1" for a posting, "bar/T1" for a ticket, the search text, the day).
  struct Call {
    std::string method;
    core::PropertyId property;
    std::string argument;

    friend bool operator==(const Call&, const Call&) = default;
  };

  // The scripted answers; unset: the neutral success described above.
  struct Answers {
    std::optional<core::Result<std::vector<InHouseStay>>> guests;
    std::optional<core::Result<PostingAccepted>> submit;
    std::optional<core::Result<std::vector<PostingAccepted>>> ticket;
    std::optional<core::Result<std::vector<PostingAccepted>>> submit_all;
    std::optional<core::Result<PostingAccepted>> void_posting;
    std::optional<core::Result<std::vector<PostingAccepted>>> void_ticket;
    std::optional<core::Result<PostingRecord>> get;
    std::optional<core::Result<DayReport>> day;
    std::optional<core::Result<PostingRecord>> force;
    std::optional<core::Result<EndOfDayRecord>> end_of_day;
    std::optional<core::Result<PostingSetup>> setup;
    std::optional<core::Status> put_setup;
  };

  void Script(Answers answers);
  std::vector<Call> calls() const;
  // The last posting, ticket and set-up handed in; nullopt before the first.
  std::optional<Posting> last_posting() const;
  std::optional<RoomChargeTicket> last_ticket() const;
  // The postings of the last SubmitAll; empty before the first.
  std::vector<Posting> last_all() const;
  std::optional<PostingSetup> last_setup() const;
  std::optional<PostingState> last_day_filter() const;

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
  // Recorded as "ReplaceSetup"; answers as PutSetup does.
  core::Status ReplaceSetup(const core::PropertyId& property, const PostingSetup& expected,
                            const PostingSetup& setup) override;

 private:
  void Record(std::string method, const core::PropertyId& property, std::string argument);

  mutable std::mutex mutex_;
  Answers answers_;
  std::vector<Call> calls_;
  std::optional<Posting> last_posting_;
  std::optional<RoomChargeTicket> last_ticket_;
  std::vector<Posting> last_all_;
  std::optional<PostingSetup> last_setup_;
  std::optional<PostingState> last_day_filter_;
};

}  // namespace chansync::postings::testing
