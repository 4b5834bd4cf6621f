#include "chansync/pms/folio_book.h"

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <unordered_map>

#include "chansync/pms/folio_wire.h"
#include "chansync/postings/guest_search.h"

namespace chansync::pms {
namespace {

using core::ErrorCode;
using core::Fail;
using postings::CheckInState;
using postings::Folio;
using postings::FolioKind;
using postings::InHouseStay;
using postings::PostingKind;
using postings::PostingTarget;

constexpr size_t kMaxKeyLength = 256;

core::Status CheckKey(const std::string& key) {
  if (key.empty() || key.size() > kMaxKeyLength) {
    return Fail(ErrorCode::kInvalidArgument, "Idempotency-Key must be 1..256 characters");
  }
  return core::Ok();
}

// Whether the PMS books a posting on `stay`: see the class comment.
core::Status CheckPostable(const InHouseStay& stay, core::CivilDate business_date) {
  if (!stay.charge_transfers_allowed) {
    return Fail(ErrorCode::kStayNotChargeable,
                "stay " + stay.id + " does not allow charge transfers");
  }
  const bool future_dated =
      stay.state == CheckInState::kExpected && business_date >= stay.dates.arrival;
  if (stay.state != CheckInState::kCheckedIn && !future_dated) {
    return Fail(ErrorCode::kStayNotChargeable,
                "stay " + stay.id + " is " + std::string(postings::CheckInStateName(stay.state)));
  }
  return core::Ok();
}

core::Status CheckCode(const postings::PmsPostingRequest& request) {
  const postings::PmsCode& code = request.code;
  if (request.posting.kind == PostingKind::kCharge) {
    if (code.outlet.empty() || code.transaction_code.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "a charge needs outlet and transaction_code");
    }
  } else if (code.payment_selector.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a payment needs payment_selector");
  }
  return core::Ok();
}

}  // namespace

struct FolioBook::PropertyState {
  struct Replay {
    std::string fingerprint;
    postings::PmsPostingReceipt receipt;
  };

  mutable std::mutex mutex;
  std::string currency;
  core::CivilDate business_date;
  std::map<std::string, InHouseStay> stays;
  std::map<std::string, Folio> folios;
  std::map<std::string, std::string> account_folios;           // account name -> folio id
  std::map<std::string, std::vector<BookedPosting>> postings;  // by folio id
  std::unordered_map<std::string, Replay> replays;
  std::map<std::string, std::string> summary_fingerprints;  // by idempotency key
  std::vector<postings::RevenueSummary> summaries;
  uint32_t next_posting = 1;

  void OpenGuestFolio(const InHouseStay& stay) {
    Folio& folio = folios[stay.folio_id];
    folio.id = stay.folio_id;
    folio.kind = FolioKind::kGuest;
    folio.name = stay.first_name.empty() ? stay.last_name : stay.first_name + " " + stay.last_name;
    folio.stay_id = stay.id;
    if (folio.balance.currency.empty()) folio.balance = {0, currency};
  }

  core::Result<std::string> FolioOf(const postings::Posting& posting) const {
    if (posting.target.kind == PostingTarget::Kind::kAccount) {
      auto it = account_folios.find(posting.target.id);
      if (it == account_folios.end()) {
        return Fail(ErrorCode::kNotFound, "no internal account \"" + posting.target.id + "\"");
      }
      return it->second;
    }
    auto it = stays.find(posting.target.id);
    if (it == stays.end()) return Fail(ErrorCode::kNotFound, "no stay " + posting.target.id);
    RETURN_IF_ERROR(CheckPostable(it->second, posting.business_date));
    return it->second.folio_id;
  }
};

FolioBook::FolioBook() = default;
FolioBook::~FolioBook() = default;

FolioBook::PropertyState* FolioBook::Find(const core::PropertyId& property) const {
  std::shared_lock lock(properties_mutex_);
  auto it = properties_.find(property);
  return it == properties_.end() ? nullptr : it->second.get();
}

#define CHANSYNC_FIND_PROPERTY(state, property)                                            \
  PropertyState* state = Find(property);                                                   \
  if (state == nullptr) return Fail(ErrorCode::kNotFound, "unknown property " + property); \
  std::lock_guard lock(state->mutex)

core::Status FolioBook::AddProperty(PropertyData data) {
  RETURN_IF_ERROR(core::ValidateId("property", data.id));
  if (!core::IsCurrencyCode(data.currency)) {
    return Fail(ErrorCode::kInvalidArgument, "currency of " + data.id + " must be ISO 4217");
  }
  auto state = std::make_unique<PropertyState>();
  state->currency = data.currency;
  state->business_date = data.business_date;
  for (const InHouseStay& stay : data.stays) {
    RETURN_IF_ERROR(core::ValidateId("stays[].id", stay.id));
    RETURN_IF_ERROR(core::ValidateId("stays[].folio_id", stay.folio_id));
    if (!state->stays.emplace(stay.id, stay).second || state->folios.contains(stay.folio_id)) {
      return Fail(ErrorCode::kInvalidArgument, "stay or folio of " + stay.id + " is duplicated");
    }
    state->OpenGuestFolio(stay);
  }
  for (const std::string& account : data.accounts) {
    if (account.empty() || state->account_folios.contains(account)) {
      return Fail(ErrorCode::kInvalidArgument, "account \"" + account + "\" is empty or repeated");
    }
    char id[16];
    std::snprintf(id, sizeof id, "PF%03zu", state->account_folios.size() + 1);
    state->account_folios[account] = id;
    state->folios[id] = Folio{id, FolioKind::kInternalAccount, account, "", {0, data.currency}};
  }
  std::unique_lock lock(properties_mutex_);
  if (!properties_.emplace(data.id, std::move(state)).second) {
    return Fail(ErrorCode::kAlreadyExists, "property " + data.id + " is already loaded");
  }
  return core::Ok();
}

core::Result<std::vector<InHouseStay>> FolioBook::SearchStays(const core::PropertyId& property,
                                                              const std::string& search) const {
  CHANSYNC_FIND_PROPERTY(state, property);
  std::vector<InHouseStay> found;
  for (const auto& [id, stay] : state->stays) {
    if (postings::MatchesSearch(stay, search)) found.push_back(stay);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const InHouseStay& a, const InHouseStay& b) { return a.room < b.room; });
  return found;
}

core::Result<InHouseStay> FolioBook::GetStay(const core::PropertyId& property,
                                             const std::string& stay_id) const {
  CHANSYNC_FIND_PROPERTY(state, property);
  auto it = state->stays.find(stay_id);
  if (it == state->stays.end()) return Fail(ErrorCode::kNotFound, "no stay " + stay_id);
  return it->second;
}

core::Status FolioBook::PutStay(const core::PropertyId& property, const InHouseStay& stay) {
  RETURN_IF_ERROR(core::ValidateId("id", stay.id));
  RETURN_IF_ERROR(core::ValidateId("folio_id", stay.folio_id));
  CHANSYNC_FIND_PROPERTY(state, property);
  auto folio = state->folios.find(stay.folio_id);
  if (folio != state->folios.end() && folio->second.stay_id != stay.id) {
    return Fail(ErrorCode::kInvalidArgument, "folio " + stay.folio_id + " is another's");
  }
  state->stays[stay.id] = stay;
  state->OpenGuestFolio(stay);
  return core::Ok();
}

core::Result<std::vector<Folio>> FolioBook::Folios(const core::PropertyId& property) const {
  CHANSYNC_FIND_PROPERTY(state, property);
  std::vector<Folio> folios;
  for (FolioKind kind : {FolioKind::kGuest, FolioKind::kInternalAccount}) {
    for (const auto& [id, folio] : state->folios) {
      if (folio.kind == kind) folios.push_back(folio);
    }
  }
  return folios;
}

core::Result<std::vector<FolioBook::BookedPosting>> FolioBook::FolioPostings(
    const core::PropertyId& property, const std::string& folio_id) const {
  CHANSYNC_FIND_PROPERTY(state, property);
  if (!state->folios.contains(folio_id)) return Fail(ErrorCode::kNotFound, "no folio " + folio_id);
  auto it = state->postings.find(folio_id);
  return it == state->postings.end() ? std::vector<BookedPosting>{} : it->second;
}

core::Result<core::CivilDate> FolioBook::BusinessDate(const core::PropertyId& property) const {
  CHANSYNC_FIND_PROPERTY(state, property);
  return state->business_date;
}

core::Status FolioBook::SetBusinessDate(const core::PropertyId& property, core::CivilDate date) {
  CHANSYNC_FIND_PROPERTY(state, property);
  state->business_date = date;
  return core::Ok();
}

core::Result<postings::PmsPostingReceipt> FolioBook::Post(
    const postings::PmsPostingRequest& request) {
  RETURN_IF_ERROR(CheckKey(request.idempotency_key));
  const postings::Posting& posting = request.posting;
  RETURN_IF_ERROR(postings::ValidatePosting(posting));
  RETURN_IF_ERROR(CheckCode(request));
  CHANSYNC_FIND_PROPERTY(state, posting.property);
  const std::string fingerprint = wire::EncodePostingRequest(request);
  if (auto replay = state->replays.find(request.idempotency_key); replay != state->replays.end()) {
    if (replay->second.fingerprint != fingerprint) {
      return Fail(ErrorCode::kAlreadyExists,
                  "Idempotency-Key " + request.idempotency_key + " was used for another posting");
    }
    posting_replays_.fetch_add(1, std::memory_order_relaxed);
    return replay->second.receipt;
  }
  if (posting.amount.currency != state->currency) {
    return Fail(ErrorCode::kInvalidArgument, "amount must be in " + state->currency);
  }
  auto folio_id = state->FolioOf(posting);
  if (!folio_id) {
    if (folio_id.error().code == ErrorCode::kStayNotChargeable) {
      not_chargeable_.fetch_add(1, std::memory_order_relaxed);
    }
    return std::unexpected(folio_id.error());
  }
  Folio& folio = state->folios[*folio_id];
  const int64_t total = posting.amount.minor_units + posting.tip_minor_units;
  folio.balance.minor_units += posting.kind == PostingKind::kCharge ? total : -total;
  char number[16];
  std::snprintf(number, sizeof number, "P%06u", state->next_posting++);
  state->postings[folio.id].push_back({number, request.idempotency_key, folio.id, request});
  postings::PmsPostingReceipt receipt{number, folio.id, folio.balance};
  state->replays[request.idempotency_key] = {fingerprint, receipt};
  postings_.fetch_add(1, std::memory_order_relaxed);
  return receipt;
}

core::Status FolioBook::PostRevenueSummary(const core::PropertyId& property,
                                           const postings::RevenueSummary& summary) {
  RETURN_IF_ERROR(CheckKey(summary.idempotency_key));
  CHANSYNC_FIND_PROPERTY(state, property);
  const std::string fingerprint = wire::EncodeRevenueSummary(summary);
  auto [it, fresh] = state->summary_fingerprints.emplace(summary.idempotency_key, fingerprint);
  if (!fresh) {
    if (it->second != fingerprint) {
      return Fail(ErrorCode::kAlreadyExists,
                  "Idempotency-Key " + summary.idempotency_key + " was used for another summary");
    }
    return core::Ok();
  }
  state->summaries.push_back(summary);
  std::stable_sort(state->summaries.begin(), state->summaries.end(),
                   [](const auto& a, const auto& b) { return a.business_date < b.business_date; });
  summaries_.fetch_add(1, std::memory_order_relaxed);
  return core::Ok();
}

core::Result<std::vector<postings::RevenueSummary>> FolioBook::RevenueSummaries(
    const core::PropertyId& property) const {
  CHANSYNC_FIND_PROPERTY(state, property);
  return state->summaries;
}

#undef CHANSYNC_FIND_PROPERTY

FolioBook::Stats FolioBook::stats() const {
  return {postings_.load(), posting_replays_.load(), not_chargeable_.load(), summaries_.load()};
}

}  // namespace chansync::pms
