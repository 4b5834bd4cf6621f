#include "chansync/postings/testing/scripted_posting_desk.h"

namespace chansync::postings::testing {
namespace {

template <typename T>
core::Result<T> AnswerOr(const std::optional<core::Result<T>>& scripted, T neutral) {
  if (scripted) return *scripted;
  return neutral;
}

PostingAccepted AcceptedAs(const std::string& id, core::CivilDate date) {
  return PostingAccepted{.id = id, .state = PostingState::kPending, .business_date = date};
}

}  // namespace

void ScriptedPostingDesk::Script(Answers answers) {
  std::lock_guard lock(mutex_);
  answers_ = std::move(answers);
}

std::vector<ScriptedPostingDesk::Call> ScriptedPostingDesk::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::optional<Posting> ScriptedPostingDesk::last_posting() const {
  std::lock_guard lock(mutex_);
  return last_posting_;
}

std::optional<RoomChargeTicket> ScriptedPostingDesk::last_ticket() const {
  std::lock_guard lock(mutex_);
  return last_ticket_;
}

std::vector<Posting> ScriptedPostingDesk::last_all() const {
  std::lock_guard lock(mutex_);
  return last_all_;
}

std::optional<PostingSetup> ScriptedPostingDesk::last_setup() const {
  std::lock_guard lock(mutex_);
  return last_setup_;
}

std::optional<PostingState> ScriptedPostingDesk::last_day_filter() const {
  std::lock_guard lock(mutex_);
  return last_day_filter_;
}

void ScriptedPostingDesk::Record(std::string method, const core::PropertyId& property,
                                 std::string argument) {
  calls_.push_back({std::move(method), property, std::move(argument)});
}

core::Result<std::vector<InHouseStay>> ScriptedPostingDesk::SearchGuests(
    const core::PropertyId& property, std::string_view text) {
  std::lock_guard lock(mutex_);
  Record("SearchGuests", property, std::string(text));
  return AnswerOr(answers_.guests, std::vector<InHouseStay>{});
}

core::Result<PostingAccepted> ScriptedPostingDesk::Submit(Posting posting) {
  std::lock_guard lock(mutex_);
  Record("Submit", posting.property, posting.Id());
  last_posting_ = posting;
  return AnswerOr(answers_.submit, AcceptedAs(posting.Id(), posting.business_date));
}

core::Result<std::vector<PostingAccepted>> ScriptedPostingDesk::SubmitAll(
    const core::PropertyId& property, std::vector<Posting> postings) {
  std::lock_guard lock(mutex_);
  Record("SubmitAll", property, std::to_string(postings.size()));
  last_all_ = std::move(postings);
  return AnswerOr(answers_.submit_all, std::vector<PostingAccepted>{});
}

core::Result<std::vector<PostingAccepted>> ScriptedPostingDesk::SubmitTicket(
    const RoomChargeTicket& ticket) {
  std::lock_guard lock(mutex_);
  Record("SubmitTicket", ticket.property, ticket.pos_id + "/" + ticket.ticket_id);
  last_ticket_ = ticket;
  return AnswerOr(answers_.ticket, std::vector<PostingAccepted>{});
}

core::Result<PostingAccepted> ScriptedPostingDesk::Void(const core::PropertyId& property,
                                                        std::string_view posting_id) {
  std::lock_guard lock(mutex_);
  Record("Void", property, std::string(posting_id));
  return AnswerOr(answers_.void_posting, AcceptedAs(std::string(posting_id) + ":void", {}));
}

core::Result<std::vector<PostingAccepted>> ScriptedPostingDesk::VoidTicket(
    const core::PropertyId& property, std::string_view pos_id, std::string_view ticket_id) {
  std::lock_guard lock(mutex_);
  Record("VoidTicket", property, std::string(pos_id) + "/" + std::string(ticket_id));
  return AnswerOr(answers_.void_ticket, std::vector<PostingAccepted>{});
}

core::Result<PostingRecord> ScriptedPostingDesk::Get(const core::PropertyId& property,
                                                     std::string_view posting_id) {
  std::lock_guard lock(mutex_);
  Record("Get", property, std::string(posting_id));
  return AnswerOr(answers_.get, PostingRecord{});
}

core::Result<DayReport> ScriptedPostingDesk::Day(const core::PropertyId& property,
                                                 core::CivilDate date,
                                                 std::optional<PostingState> only) {
  std::lock_guard lock(mutex_);
  Record("Day", property, date.ToString());
  last_day_filter_ = only;
  return AnswerOr(answers_.day, DayReport{.property = property, .business_date = date});
}

core::Result<PostingRecord> ScriptedPostingDesk::Force(const core::PropertyId& property,
                                                       std::string_view posting_id) {
  std::lock_guard lock(mutex_);
  Record("Force", property, std::string(posting_id));
  return AnswerOr(answers_.force, PostingRecord{});
}

core::Result<EndOfDayRecord> ScriptedPostingDesk::EndOfDay(const core::PropertyId& property,
                                                           std::optional<core::CivilDate> day) {
  std::lock_guard lock(mutex_);
  Record("EndOfDay", property, day ? day->ToString() : "");
  return AnswerOr(answers_.end_of_day, EndOfDayRecord{.property = property});
}

core::Result<PostingSetup> ScriptedPostingDesk::GetSetup(const core::PropertyId& property) {
  std::lock_guard lock(mutex_);
  Record("GetSetup", property, "");
  return AnswerOr(answers_.setup, PostingSetup{});
}

core::Status ScriptedPostingDesk::PutSetup(const core::PropertyId& property,
                                           const PostingSetup& setup) {
  std::lock_guard lock(mutex_);
  Record("PutSetup", property, "");
  last_setup_ = setup;
  return answers_.put_setup.value_or(core::Ok());
}

core::Status ScriptedPostingDesk::ReplaceSetup(const core::PropertyId& property,
                                               const PostingSetup&, const PostingSetup& setup) {
  std::lock_guard lock(mutex_);
  Record("ReplaceSetup", property, "");
  last_setup_ = setup;
  return answers_.put_setup.value_or(core::Ok());
}

}  // namespace chansync::postings::testing
