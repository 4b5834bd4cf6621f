#include "chansync/postings/posting_hub.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "chansync/core/group_committer.h"
#include "chansync/postings/business_date.h"
#include "chansync/postings/guest_search.h"
#include "chansync/queue/work_queue.h"
#include "posting_attempts.h"
#include "posting_json.h"

namespace chansync::postings {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr size_t kMaxPostingIdBytes = 200;
// Force attempts one posting; the PMS sees it alone.
constexpr size_t kForceInFlight = 1;

bool IsRefund(const Posting& posting) {
  return posting.kind == PostingKind::kCharge && posting.amount.minor_units < 0 &&
         posting.voids.empty() && posting.target.kind == PostingTarget::Kind::kStay;
}

PostingAccepted AcceptedOf(const PostingRecord& record, bool duplicate) {
  return {record.posting.Id(), record.state, record.posting.business_date, duplicate};
}

std::unexpected<core::Error> Conflict(const Posting& posting) {
  return Fail(ErrorCode::kConflict, "posting " + posting.Id() + " of property " + posting.property +
                                        " was accepted before with other content");
}

void Count(DayReport& report, PostingState state) {
  switch (state) {
    case PostingState::kPosted:
      ++report.posted;
      break;
    case PostingState::kPending:
      ++report.pending;
      break;
    case PostingState::kFailed:
      ++report.failed;
      break;
  }
}

// The totals of the posted postings, by point of sale, then kind, then code.
std::vector<PostingTotal> TotalsOf(const std::vector<PostingRecord>& records) {
  std::map<std::tuple<std::string, PostingKind, std::string>, PostingTotal> totals;
  for (const PostingRecord& record : records) {
    if (record.state != PostingState::kPosted) continue;
    const Posting& p = record.posting;
    const std::string& code = p.kind == PostingKind::kCharge ? p.revenue_centre : p.payment_type;
    PostingTotal& total = totals[{p.source.pos_id, p.kind, code}];
    total.pos_id = p.source.pos_id;
    total.kind = p.kind;
    total.code = code;
    total.amount.currency = p.amount.currency;
    total.amount.minor_units += p.amount.minor_units;
    total.tip_minor_units += p.tip_minor_units;
    ++total.postings;
  }
  std::vector<PostingTotal> out;
  out.reserve(totals.size());
  for (auto& [key, total] : totals) out.push_back(std::move(total));
  return out;
}

}  // namespace

bool SamePosting(const Posting& stored, const Posting& incoming, bool incoming_dated) {
  if (incoming_dated) return stored == incoming;
  Posting undated = incoming;
  undated.business_date = stored.business_date;
  return stored == undated;
}

core::Status ValidatePostingId(std::string_view posting_id) {
  const bool well_formed = !posting_id.empty() && posting_id.size() <= kMaxPostingIdBytes &&
                           std::all_of(posting_id.begin(), posting_id.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
                                    c == ':';
                           });
  if (well_formed) return core::Ok();
  return Fail(ErrorCode::kInvalidArgument,
              "posting_id must be \"<pos>:<ticket>:<line>\" (with \":void\" for a void)");
}

struct PostingHub::SubmitBatcher {
  SubmitBatcher(core::GroupCommitter<Candidate, Answer>::Run run, Answer stopped)
      : committer(std::move(run), std::move(stopped)) {}
  core::GroupCommitter<Candidate, Answer> committer;
};

PostingHub::PostingHub(queue::WorkQueue& queue, PostingLog& log, PostingSetupStore& setups,
                       EndOfDayStore& end_of_days, PostingProperties& properties,
                       FolioPmsDirectory& pms, const core::Clock& clock, PostingHubOptions options)
    : queue_(queue),
      log_(log),
      setups_(setups),
      end_of_days_(end_of_days),
      properties_(properties),
      pms_(pms),
      clock_(clock),
      options_(options),
      attempts_(std::make_unique<PostingAttempts>(setups, properties, pms, clock, kForceInFlight,
                                                  options.pms_deadline)) {
  if (!options_.group_commit) return;
  submits_ = std::make_unique<SubmitBatcher>(
      [this](const std::string& property, std::vector<Candidate> candidates) {
        return AcceptEach(property, std::move(candidates));
      },
      Fail(ErrorCode::kStoreUnavailable, "the postings hub is stopping"));
}

PostingHub::~PostingHub() = default;

postings::FolioCallOptions PostingHub::PmsCall() const {
  return {.deadline = clock_.SteadyNow() + options_.pms_deadline};
}

core::Result<core::Property> PostingHub::PropertyOf(const core::PropertyId& property) {
  RETURN_IF_ERROR(core::ValidateId("property", property));
  return properties_.Get(property);
}

core::Result<core::CivilDate> PostingHub::Today(const core::Property& property) {
  ASSIGN_OR_RETURN(const PostingSetup setup, setups_.Get(property.id));
  return BusinessDateAt(clock_.Now(), property.timezone, setup.end_of_day);
}

core::Result<FolioPms*> PostingHub::PmsOf(const core::Property& property) {
  return pms_.For(property);
}

core::Result<std::vector<InHouseStay>> PostingHub::SearchGuests(const core::PropertyId& property,
                                                                std::string_view text) {
  RETURN_IF_ERROR(ValidateSearch(text));
  ASSIGN_OR_RETURN(const core::Property found, PropertyOf(property));
  ASSIGN_OR_RETURN(FolioPms * pms, PmsOf(found));
  ASSIGN_OR_RETURN(auto stays, pms->SearchStays(property, std::string(text), PmsCall()));
  return FindChargeableGuests(stays, text);
}

core::Status PostingHub::Date(Candidate& candidate, const core::Property& property) {
  Posting& posting = candidate.posting;
  if (!candidate.dated) {
    ASSIGN_OR_RETURN(posting.business_date, Today(property));
  }
  if (!IsRefund(posting)) return core::Ok();
  ASSIGN_OR_RETURN(FolioPms * pms, PmsOf(property));
  ASSIGN_OR_RETURN(const InHouseStay stay, pms->GetStay(property.id, posting.target.id, PmsCall()));
  posting.business_date = RefundDate(posting.business_date, stay.dates);
  return core::Ok();
}

core::Result<PostingAccepted> PostingHub::Submit(Posting posting) {
  const bool dated = posting.business_date != core::CivilDate();
  Candidate candidate{std::move(posting), dated};
  RETURN_IF_ERROR(ValidatePosting(candidate.posting));
  ASSIGN_OR_RETURN(const core::Property property, PropertyOf(candidate.posting.property));
  RETURN_IF_ERROR(Date(candidate, property));
  if (!candidate.posting.voids.empty()) {
    ASSIGN_OR_RETURN(auto original, log_.Get(property.id, candidate.posting.voids));
    if (!original) {
      return Fail(ErrorCode::kNotFound, "posting " + candidate.posting.voids + " of property " +
                                            property.id + " is unknown: nothing to void");
    }
    RETURN_IF_ERROR(CheckVoidable(*original, candidate.posting.business_date));
  }
  if (submits_) return submits_->committer.Submit(property.id, std::move(candidate));
  ASSIGN_OR_RETURN(auto accepted, Accept(property.id, {std::move(candidate)}));
  return std::move(accepted.front());
}

core::Result<std::vector<PostingAccepted>> PostingHub::SubmitTicket(
    const RoomChargeTicket& ticket) {
  RoomChargeTicket dated = ticket;
  const bool has_date = ticket.business_date != core::CivilDate();
  ASSIGN_OR_RETURN(const core::Property property, PropertyOf(ticket.property));
  if (!has_date) {
    ASSIGN_OR_RETURN(dated.business_date, Today(property));
  }
  ASSIGN_OR_RETURN(auto charges, ChargesOfTicket(dated));
  std::vector<Candidate> candidates;
  for (Posting& charge : charges) candidates.push_back({std::move(charge), has_date});
  return Accept(property.id, std::move(candidates));
}

core::Result<std::vector<PostingAccepted>> PostingHub::SubmitAll(const core::PropertyId& property,
                                                                 std::vector<Posting> postings) {
  if (postings.empty()) return Fail(ErrorCode::kInvalidArgument, "no postings to submit");
  ASSIGN_OR_RETURN(const core::Property known, PropertyOf(property));
  std::set<std::string> ids;
  std::vector<Candidate> candidates;
  for (Posting& posting : postings) {
    RETURN_IF_ERROR(ValidatePosting(posting));
    if (posting.property != property) {
      return Fail(ErrorCode::kInvalidArgument,
                  "posting " + posting.Id() + " is of property " + posting.property);
    }
    if (posting.business_date == core::CivilDate()) {
      return Fail(ErrorCode::kInvalidArgument, "posting " + posting.Id() + " has no business date");
    }
    // Voids have their own checks (the void window): they go through Void and VoidTicket.
    if (!posting.voids.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "posting " + posting.Id() + " is a void");
    }
    if (!ids.insert(posting.Id()).second) {
      return Fail(ErrorCode::kInvalidArgument, "posting " + posting.Id() + " is there twice");
    }
    Candidate candidate{std::move(posting), true};
    RETURN_IF_ERROR(Date(candidate, known));
    candidates.push_back(std::move(candidate));
  }
  return Accept(property, std::move(candidates));
}

core::Status PostingHub::CheckVoidable(const PostingRecord& original, core::CivilDate void_date) {
  if (!original.posting.voids.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "posting " + original.posting.Id() + " is a void itself: it cannot be voided");
  }
  if (original.state == PostingState::kFailed) {
    return Fail(ErrorCode::kInvalidArgument, "posting " + original.posting.Id() +
                                                 " failed and was never booked: nothing to void");
  }
  return CheckVoidWindow(original.posting.business_date, void_date);
}

core::Result<PostingAccepted> PostingHub::Void(const core::PropertyId& property,
                                               std::string_view posting_id) {
  RETURN_IF_ERROR(ValidatePostingId(posting_id));
  ASSIGN_OR_RETURN(const core::Property found, PropertyOf(property));
  ASSIGN_OR_RETURN(auto original, log_.Get(property, posting_id));
  if (!original) {
    return Fail(ErrorCode::kNotFound,
                "posting " + std::string(posting_id) + " of property " + property + " is unknown");
  }
  // A second void is the first one's duplicate, even once the window has closed.
  ASSIGN_OR_RETURN(auto voided, log_.Get(property, PostingIdOf(original->posting.source, true)));
  if (voided && original->posting.voids.empty()) return AcceptedOf(*voided, true);
  ASSIGN_OR_RETURN(const core::CivilDate today, Today(found));
  RETURN_IF_ERROR(CheckVoidable(*original, today));
  ASSIGN_OR_RETURN(auto accepted, Accept(property, {{VoidOf(original->posting, today), true}}));
  return std::move(accepted.front());
}

core::Result<std::vector<PostingAccepted>> PostingHub::VoidTicket(const core::PropertyId& property,
                                                                  std::string_view pos_id,
                                                                  std::string_view ticket_id) {
  RETURN_IF_ERROR(core::ValidateId("pos_id", pos_id));
  RETURN_IF_ERROR(core::ValidateId("ticket_id", ticket_id));
  ASSIGN_OR_RETURN(const core::Property found, PropertyOf(property));
  ASSIGN_OR_RETURN(const auto ids, log_.TicketIds(property, pos_id, ticket_id));
  if (ids.empty()) {
    return Fail(ErrorCode::kNotFound, "ticket " + std::string(pos_id) + "/" +
                                          std::string(ticket_id) + " of property " + property +
                                          " is unknown");
  }
  ASSIGN_OR_RETURN(const auto records, log_.GetMany(property, ids));
  const std::set<std::string> known(ids.begin(), ids.end());
  ASSIGN_OR_RETURN(const core::CivilDate today, Today(found));
  std::vector<PostingAccepted> answered;
  std::vector<Candidate> voids;
  for (const auto& record : records) {
    if (!record) continue;
    const Posting& posting = record->posting;
    if (!posting.voids.empty()) {
      answered.push_back(AcceptedOf(*record, true));
      continue;
    }
    // Lines already voided are answered by their void; lines that never booked need none.
    if (known.contains(PostingIdOf(posting.source, true))) continue;
    if (record->state == PostingState::kFailed) continue;
    RETURN_IF_ERROR(CheckVoidable(*record, today));
    voids.push_back({VoidOf(posting, today), true});
  }
  if (voids.empty()) return answered;
  ASSIGN_OR_RETURN(auto accepted, Accept(property, std::move(voids)));
  answered.insert(answered.end(), accepted.begin(), accepted.end());
  return answered;
}

core::Result<std::vector<std::optional<PostingHub::Answer>>> PostingHub::Lookup(
    const core::PropertyId& property, const std::vector<Candidate>& candidates) {
  std::vector<std::string> ids;
  for (const Candidate& candidate : candidates) ids.push_back(candidate.posting.Id());
  ASSIGN_OR_RETURN(const auto stored, log_.GetMany(property, ids));
  std::vector<std::optional<Answer>> answers(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!stored[i]) continue;
    const Candidate& candidate = candidates[i];
    if (SamePosting(stored[i]->posting, candidate.posting, candidate.dated)) {
      answers[i] = AcceptedOf(*stored[i], true);
    } else {
      answers[i] = Conflict(candidate.posting);
    }
  }
  return answers;
}

core::Result<std::vector<PostingHub::Answer>> PostingHub::StoreNew(
    const std::vector<const Candidate*>& fresh) {
  std::vector<queue::EnqueueItem> items;
  std::vector<PostingRecord> records;
  const core::Timestamp now = clock_.Now();
  for (const Candidate* candidate : fresh) {
    const Posting& posting = candidate->posting;
    items.push_back({posting.property, json::EncodePosting(posting)});
    PostingRecord record;
    record.posting = posting;
    record.accepted_at = now;
    record.updated_at = now;
    records.push_back(std::move(record));
  }
  // Queued first: a crash before the record exists loses nothing, the worker creates it.
  RETURN_IF_ERROR(queue_.EnqueueBatch(items));
  ASSIGN_OR_RETURN(const auto inserted, log_.InsertMany(records));
  std::vector<Answer> answers;
  for (size_t k = 0; k < fresh.size(); ++k) {
    const PostingRecord& record = inserted[k].record;
    // Another submission (or the worker) created the record first: ours loses if it differs.
    if (!inserted[k].created && record.posting != records[k].posting) {
      answers.push_back(Conflict(records[k].posting));
    } else {
      answers.push_back(AcceptedOf(record, false));
    }
  }
  return answers;
}

core::Result<std::vector<PostingAccepted>> PostingHub::Accept(const core::PropertyId& property,
                                                              std::vector<Candidate> candidates) {
  ASSIGN_OR_RETURN(auto known, Lookup(property, candidates));
  std::vector<const Candidate*> fresh;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (known[i] && !*known[i]) return std::unexpected(known[i]->error());
    if (!known[i]) fresh.push_back(&candidates[i]);
  }
  if (!fresh.empty()) {
    ASSIGN_OR_RETURN(auto stored, StoreNew(fresh));
    auto next = stored.begin();
    for (auto& answer : known) {
      if (!answer) answer = std::move(*next++);
      if (!*answer) return std::unexpected(answer->error());
    }
  }
  std::vector<PostingAccepted> out;
  out.reserve(known.size());
  for (auto& answer : known) out.push_back(std::move(**answer));
  return out;
}

std::vector<PostingHub::Answer> PostingHub::AcceptEach(const core::PropertyId& property,
                                                       std::vector<Candidate> candidates) {
  auto known = Lookup(property, candidates);
  if (!known) return std::vector<Answer>(candidates.size(), std::unexpected(known.error()));
  std::vector<const Candidate*> fresh;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!(*known)[i]) fresh.push_back(&candidates[i]);
  }
  core::Result<std::vector<Answer>> stored = std::vector<Answer>();
  if (!fresh.empty()) stored = StoreNew(fresh);
  std::vector<Answer> answers;
  size_t next = 0;
  for (auto& answer : *known) {
    if (answer) {
      answers.push_back(std::move(*answer));
    } else if (!stored) {
      answers.push_back(std::unexpected(stored.error()));
    } else {
      answers.push_back(std::move((*stored)[next++]));
    }
  }
  return answers;
}

core::Result<PostingRecord> PostingHub::Get(const core::PropertyId& property,
                                            std::string_view posting_id) {
  RETURN_IF_ERROR(ValidatePostingId(posting_id));
  RETURN_IF_ERROR(PropertyOf(property));
  ASSIGN_OR_RETURN(auto record, log_.Get(property, posting_id));
  if (!record) {
    return Fail(ErrorCode::kNotFound,
                "posting " + std::string(posting_id) + " of property " + property + " is unknown");
  }
  return std::move(*record);
}

core::Result<DayReport> PostingHub::Day(const core::PropertyId& property, core::CivilDate date,
                                        std::optional<PostingState> only) {
  RETURN_IF_ERROR(PropertyOf(property));
  ASSIGN_OR_RETURN(auto records, log_.Day(property, date));
  DayReport report;
  report.property = property;
  report.business_date = date;
  report.totals = TotalsOf(records);
  for (PostingRecord& record : records) {
    Count(report, record.state);
    if (only && record.state != *only) continue;
    report.postings.push_back(std::move(record));
  }
  return report;
}

core::Result<PostingRecord> PostingHub::Force(const core::PropertyId& property,
                                              std::string_view posting_id) {
  ASSIGN_OR_RETURN(PostingRecord record, Get(property, posting_id));
  if (record.state == PostingState::kPosted) {
    return Fail(ErrorCode::kAlreadyIntegrated,
                "posting " + record.posting.Id() + " is already booked in the PMS");
  }
  if (record.state == PostingState::kPending) return record;
  ++record.forced;
  AttemptOutcome outcome = std::move(attempts_->Run({record}).front());
  if (outcome.retry) {
    // The worker retries it from the queue, with its backoff, under the same idempotency key.
    RETURN_IF_ERROR(queue_.Enqueue(property, json::EncodePosting(outcome.record.posting)));
  }
  RETURN_IF_ERROR(log_.UpdateMany({outcome.record}));
  return std::move(outcome.record);
}

core::Result<RevenueSummary> PostingHub::Summarize(const core::PropertyId& property,
                                                   core::CivilDate day) {
  ASSIGN_OR_RETURN(const PostingSetup setup, setups_.Get(property));
  ASSIGN_OR_RETURN(const auto records, log_.Day(property, day));
  std::map<std::pair<std::string, std::string>, RevenueSummaryLine> lines;
  for (const PostingRecord& record : records) {
    const Posting& p = record.posting;
    if (record.state != PostingState::kPosted || p.kind != PostingKind::kCharge) continue;
    RevenueSummaryLine& line = lines[{p.source.pos_id, p.revenue_centre}];
    if (line.postings == 0) {
      line.pos_id = p.source.pos_id;
      line.revenue_centre = p.revenue_centre;
      // A booked charge had its code; a mapping removed since leaves the line without one.
      line.code = PmsCodeOf(p, setup).value_or(PmsCode{});
      line.amount.currency = p.amount.currency;
    }
    line.amount.minor_units += p.amount.minor_units;
    line.tip_minor_units += p.tip_minor_units;
    ++line.postings;
  }
  RevenueSummary summary;
  summary.business_date = day;
  summary.idempotency_key = "eod:" + property + ":" + day.ToString();
  for (auto& [key, line] : lines) summary.lines.push_back(std::move(line));
  return summary;
}

core::Result<EndOfDayRecord> PostingHub::SendEndOfDay(EndOfDayRecord record) {
  ASSIGN_OR_RETURN(const core::Property property, PropertyOf(record.property));
  ASSIGN_OR_RETURN(FolioPms * pms, PmsOf(property));
  RETURN_IF_ERROR(pms->PostRevenueSummary(record.property, record.summary, PmsCall()));
  record.sent_at = clock_.Now();
  RETURN_IF_ERROR(
      end_of_days_.MarkSent(record.property, record.summary.business_date, record.sent_at));
  // Another process may have marked it first: the stored send time is the one to answer.
  ASSIGN_OR_RETURN(auto stored, end_of_days_.Get(record.property, record.summary.business_date));
  if (stored) record.sent_at = stored->sent_at;
  return record;
}

core::Result<EndOfDayRecord> PostingHub::EndOfDay(const core::PropertyId& property,
                                                  std::optional<core::CivilDate> day) {
  ASSIGN_OR_RETURN(const core::Property found, PropertyOf(property));
  ASSIGN_OR_RETURN(const PostingSetup setup, setups_.Get(property));
  ASSIGN_OR_RETURN(const core::CivilDate today,
                   BusinessDateAt(clock_.Now(), found.timezone, setup.end_of_day));
  const core::CivilDate date = day.value_or(today.AddDays(-1));
  if (date >= today) {
    return Fail(ErrorCode::kInvalidArgument, "business date " + date.ToString() + " of property " +
                                                 property + " is not closed yet (today is " +
                                                 today.ToString() + ")");
  }
  ASSIGN_OR_RETURN(auto stored, end_of_days_.Get(property, date));
  if (stored && stored->sent_at != core::Timestamp{}) {
    stored->already_sent = true;
    return std::move(*stored);
  }
  if (!stored) {
    ASSIGN_OR_RETURN(RevenueSummary summary, Summarize(property, date));
    ASSIGN_OR_RETURN(stored, end_of_days_.Record({property, std::move(summary), {}, false}));
  }
  return SendEndOfDay(std::move(*stored));
}

core::Result<PostingSetup> PostingHub::GetSetup(const core::PropertyId& property) {
  RETURN_IF_ERROR(PropertyOf(property));
  return setups_.Get(property);
}

core::Status PostingHub::PutSetup(const core::PropertyId& property, const PostingSetup& setup) {
  RETURN_IF_ERROR(PropertyOf(property));
  return setups_.Put(property, setup);
}

core::Status PostingHub::ReplaceSetup(const core::PropertyId& property,
                                      const PostingSetup& expected, const PostingSetup& setup) {
  RETURN_IF_ERROR(PropertyOf(property));
  return setups_.Replace(property, expected, setup);
}

}  // namespace chansync::postings
