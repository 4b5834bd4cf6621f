#include "chansync/fias_pms/fias_folio_client.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "chansync/fias/record_codec.h"

namespace chansync::fias_pms {
namespace {

using core::ErrorCode;
using core::Fail;

core::Error Unimplemented(std::string_view what) {
  return core::Error{ErrorCode::kUnimplemented,
                     std::string(what) + " is not part of FIAS: the interface has no such record"};
}

// A PL lists several guests with each field's values separated by '\'.
std::vector<std::string> ListedValues(std::string_view list) {
  std::vector<std::string> values;
  size_t start = 0;
  for (;;) {
    const size_t end = list.find('\\', start);
    values.emplace_back(list.substr(start, end - start));
    if (end == std::string_view::npos) return values;
    start = end + 1;
  }
}

// The link's errors say the outcome is unknown; a posting then waits in the outbox.
bool IsLinkFailure(const core::Error& error) {
  return error.code == ErrorCode::kPmsUnavailable || error.code == ErrorCode::kDeadlineExceeded;
}

}  // namespace

FiasFolioClient::FiasFolioClient(core::PropertyId property, fias::RequestLink& link,
                                 GuestIndex& index, FiasSequences& sequences, FiasOutbox& outbox,
                                 const core::Clock& clock, FiasFolioClientOptions options)
    : property_(std::move(property)),
      link_(link),
      index_(index),
      sequences_(sequences),
      outbox_(outbox),
      clock_(clock),
      options_(options) {}

core::Status FiasFolioClient::CheckProperty(const core::PropertyId& property) const {
  if (property == property_) return core::Ok();
  return Fail(ErrorCode::kInvalidArgument,
              "the FIAS link of " + property_ + " was asked about property " + property);
}

core::Status FiasFolioClient::LinkUp(const postings::FolioCallOptions& call) {
  auto deadline = clock_.SteadyNow() + options_.wait_for_link;
  if (call.deadline) deadline = std::min(deadline, *call.deadline);
  if (link_.WaitAlive(deadline)) return core::Ok();
  const fias::LinkStatus status = link_.status();
  return Fail(ErrorCode::kPmsUnavailable,
              "the FIAS link of " + property_ + " is down: " + status.last_failure);
}

core::Status FiasFolioClient::ResyncIfNew() {
  const fias::LinkStatus status = link_.status();
  {
    std::lock_guard lock(status_mutex_);
    if (!status.alive || status.connections == resynced_connection_) return core::Ok();
  }
  ASSIGN_OR_RETURN(auto records, link_.Call(fias::Record("DR")));
  index_.Replace(records);
  std::lock_guard lock(status_mutex_);
  resynced_connection_ = status.connections;
  return core::Ok();
}

core::Status FiasFolioClient::FreshIndex(const postings::FolioCallOptions& call) {
  if (!index_.synced()) {
    RETURN_IF_ERROR(LinkUp(call));
    return ResyncIfNew();
  }
  // A resync failing here leaves the index as events kept it: still the best answer.
  if (auto resynced = ResyncIfNew(); !resynced) {
    spdlog::warn("FIAS {}: resync failed: {}", property_, resynced.error().ToString());
  }
  return core::Ok();
}

core::Result<std::vector<postings::InHouseStay>> FiasFolioClient::SearchStays(
    const core::PropertyId& property, const std::string& search,
    const postings::FolioCallOptions& call) {
  RETURN_IF_ERROR(CheckProperty(property));
  RETURN_IF_ERROR(FreshIndex(call));
  return index_.Search(search);
}

core::Result<postings::InHouseStay> FiasFolioClient::GetStay(
    const core::PropertyId& property, const std::string& stay_id,
    const postings::FolioCallOptions& call) {
  RETURN_IF_ERROR(CheckProperty(property));
  RETURN_IF_ERROR(FreshIndex(call));
  if (auto stay = index_.Find(stay_id)) return *stay;
  return Fail(ErrorCode::kNotFound,
              "guest " + stay_id + " is not in house at " + property_ + " (FIAS)");
}

core::Result<std::vector<postings::Folio>> FiasFolioClient::ListFolios(
    const core::PropertyId& property, const postings::FolioCallOptions&) {
  RETURN_IF_ERROR(CheckProperty(property));
  return std::unexpected(Unimplemented("listing folios"));
}

core::Result<core::CivilDate> FiasFolioClient::BusinessDate(const core::PropertyId& property,
                                                            const postings::FolioCallOptions&) {
  RETURN_IF_ERROR(CheckProperty(property));
  return std::unexpected(Unimplemented("asking the business date"));
}

core::Status FiasFolioClient::PostRevenueSummary(const core::PropertyId& property,
                                                 const postings::RevenueSummary&,
                                                 const postings::FolioCallOptions&) {
  RETURN_IF_ERROR(CheckProperty(property));
  // Each charge already went to its sales outlet: the PMS sums them itself.
  return std::unexpected(Unimplemented("a revenue summary"));
}

core::Result<postings::PmsPostingReceipt> FiasFolioClient::Post(
    const postings::PmsPostingRequest& request, const postings::FolioCallOptions& call) {
  std::lock_guard lock(post_mutex_);
  return PostLocked(request, call);
}

std::vector<core::Result<postings::PmsPostingReceipt>> FiasFolioClient::PostMany(
    const std::vector<postings::PmsPostingRequest>& requests, size_t,
    const postings::FolioCallOptions& call) {
  std::vector<core::Result<postings::PmsPostingReceipt>> results;
  std::lock_guard lock(post_mutex_);
  std::optional<core::Error> link_failed;
  for (const postings::PmsPostingRequest& request : requests) {
    if (link_failed) {
      results.push_back(std::unexpected(core::Error{
          ErrorCode::kPmsUnavailable,
          "not sent: the FIAS link failed on an earlier posting: " + link_failed->message}));
      continue;
    }
    results.push_back(PostLocked(request, call));
    if (!results.back() && IsLinkFailure(results.back().error())) {
      link_failed = results.back().error();
    }
  }
  return results;
}

core::Status FiasFolioClient::ResolveOutstanding() {
  std::lock_guard lock(post_mutex_);
  return ResolveLocked();
}

FiasFolioClient::Outcome FiasFolioClient::PostLocked(const postings::PmsPostingRequest& request,
                                                     const postings::FolioCallOptions& call) {
  RETURN_IF_ERROR(CheckProperty(request.posting.property));
  if (request.idempotency_key.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a FIAS posting needs an idempotency key");
  }
  RETURN_IF_ERROR(LinkUp(call));
  RETURN_IF_ERROR(ResolveLocked());
  if (auto answered = resolved_.find(request.idempotency_key); answered != resolved_.end()) {
    const fias::Record answer = std::move(answered->second);
    resolved_.erase(answered);
    return ReceiptOf(answer, request);
  }
  if (auto resynced = ResyncIfNew(); !resynced) {
    spdlog::warn("FIAS {}: resync failed: {}", property_, resynced.error().ToString());
  }
  ASSIGN_OR_RETURN(const FiasDestination destination, DestinationOf(request));
  ASSIGN_OR_RETURN(const int64_t sequence,
                   sequences_.SequenceOf(property_, request.idempotency_key));
  const OutboxEntry entry{
      .sequence = sequence,
      .idempotency_key = request.idempotency_key,
      .record = fias::EncodeRecord(PostingRecordOf(request, destination, sequence, clock_.Now()))};
  // Written down before it is sent: whatever happens next, the posting is resolved by its P#.
  RETURN_IF_ERROR(outbox_.Put(property_, entry));
  ASSIGN_OR_RETURN(const fias::Record answer, SendEntry(entry));
  return ReceiptOf(answer, request);
}

core::Status FiasFolioClient::ResolveLocked() {
  if (!unresolved_) return core::Ok();
  resolved_.clear();
  ASSIGN_OR_RETURN(const std::vector<OutboxEntry> entries, outbox_.Outstanding(property_));
  for (const OutboxEntry& entry : entries) {
    spdlog::info("FIAS {}: resending unanswered posting P# {} ({})", property_, entry.sequence,
                 entry.idempotency_key);
    auto answer = SendEntry(entry);
    if (!answer) {
      return Fail(answer.error().code, "posting P# " + std::to_string(entry.sequence) +
                                           " sent before is unresolved: " + answer.error().message);
    }
    resolved_[entry.idempotency_key] = std::move(*answer);
  }
  unresolved_ = false;
  return core::Ok();
}

core::Result<fias::Record> FiasFolioClient::SendEntry(const OutboxEntry& entry) {
  ASSIGN_OR_RETURN(const fias::Record record, fias::ParseRecord(entry.record));
  {
    std::lock_guard lock(status_mutex_);
    outstanding_ = 1;
  }
  Note(&RelayStatus::last_sent, entry.record);
  auto answer = link_.Call(record);
  if (!answer || answer->empty()) {
    // The outcome is unknown until the P# is sent again: the entry stays in the outbox.
    unresolved_ = true;
    core::Error error = answer ? core::Error{ErrorCode::kPmsUnavailable, "an empty answer"}
                               : std::move(answer.error());
    Note(&RelayStatus::last_failure, entry.record, error.message);
    if (error.code != ErrorCode::kDeadlineExceeded) error.code = ErrorCode::kPmsUnavailable;
    return std::unexpected(std::move(error));
  }
  const fias::Record& pa = answer->front();
  const std::string acknowledged = fias::EncodeRecord(pa);
  Note(&RelayStatus::last_acknowledged, acknowledged);
  if (auto settled = Settle(entry, pa); !settled) {
    unresolved_ = true;
    return std::unexpected(std::move(settled.error()));
  }
  if (IsRefusal(pa)) {
    Note(&RelayStatus::last_failure, acknowledged, "answer status " + std::string(pa.GetOr("AS")));
  } else {
    Note(&RelayStatus::last_success, acknowledged);
  }
  return pa;
}

core::Status FiasFolioClient::Settle(const OutboxEntry& entry, const fias::Record& answer) {
  if (IsRefusal(answer)) {
    RETURN_IF_ERROR(sequences_.Forget(property_, entry.idempotency_key, entry.sequence));
  }
  RETURN_IF_ERROR(outbox_.Remove(property_, entry.sequence));
  std::lock_guard lock(status_mutex_);
  outstanding_ = 0;
  return core::Ok();
}

core::Result<FiasDestination> FiasFolioClient::DestinationOf(
    const postings::PmsPostingRequest& request) {
  const postings::PostingTarget& target = request.posting.target;
  if (target.kind == postings::PostingTarget::Kind::kAccount) {
    // An internal account is a room of its own in the PMS, set up under the account's name.
    return FiasDestination{.room = target.id};
  }
  const std::optional<postings::InHouseStay> stay = index_.Find(target.id);
  if (!stay) return Inquire(FiasDestination{.guest_number = target.id});
  FiasDestination known{.room = stay->room, .guest_number = target.id};
  if (options_.inquire_before_posting) return Inquire(known);
  return known;
}

core::Result<FiasDestination> FiasFolioClient::Inquire(FiasDestination asked) {
  ASSIGN_OR_RETURN(const int64_t sequence, sequences_.NewSequence(property_));
  const fias::Record inquiry = InquiryOf(asked, sequence);
  Note(&RelayStatus::last_sent, fias::EncodeRecord(inquiry));
  auto answer = link_.Call(inquiry);
  if (!answer || answer->empty()) {
    core::Error error = answer ? core::Error{ErrorCode::kPmsUnavailable, "an empty answer"}
                               : std::move(answer.error());
    Note(&RelayStatus::last_failure, fias::EncodeRecord(inquiry), error.message);
    return std::unexpected(std::move(error));
  }
  const fias::Record& list = answer->front();
  Note(&RelayStatus::last_acknowledged, fias::EncodeRecord(list));
  const std::vector<std::string> rooms = ListedValues(list.GetOr("RN"));
  const std::vector<std::string> guests = ListedValues(list.GetOr("G#"));
  for (size_t i = 0; i < guests.size() && i < rooms.size(); ++i) {
    if (list.GetOr("AS") == "OK" && guests[i] == asked.guest_number &&
        (asked.room.empty() || rooms[i] == asked.room)) {
      return FiasDestination{.room = rooms[i], .guest_number = guests[i]};
    }
  }
  return Fail(ErrorCode::kNotFound, "the interface has no guest " + asked.guest_number +
                                        (asked.room.empty() ? "" : " in room " + asked.room) +
                                        " at " + property_);
}

void FiasFolioClient::Note(std::optional<RelayEvent> RelayStatus::*slot, std::string record,
                           std::string reason) {
  std::lock_guard lock(status_mutex_);
  relay_.*slot = RelayEvent{std::move(record), clock_.Now(), std::move(reason)};
}

RelayStatus FiasFolioClient::relay_status() const {
  const fias::LinkStatus link = link_.status();
  std::lock_guard lock(status_mutex_);
  RelayStatus status = relay_;
  status.ok = link.alive;
  status.since = link.since;
  status.link_failure = link.last_failure;
  status.connections = link.connections;
  status.outstanding = outstanding_;
  return status;
}

}  // namespace chansync::fias_pms
