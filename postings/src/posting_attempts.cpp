#include "posting_attempts.h"

#include <map>

namespace chansync::postings {
namespace {

// Where one property's postings go.
struct PropertyRoute {
  core::Result<PostingSetup> setup;
  core::Result<FolioPms*> pms;
};

void Settle(AttemptOutcome& outcome, const core::Error& error, core::Timestamp now,
            bool attempted) {
  PostingRecord& record = outcome.record;
  if (attempted) ++record.attempts;
  record.error_code = std::string(core::CodeName(error.code));
  record.error_message = error.message;
  record.updated_at = now;
  outcome.retry = core::IsRetried(core::RetryClassOf(error.code));
  if (outcome.retry) {
    record.state = PostingState::kPending;
    record.hint.clear();
  } else {
    record.state = PostingState::kFailed;
    record.hint = HintFor(error.code);
  }
}

void SettlePosted(AttemptOutcome& outcome, PmsPostingReceipt receipt, core::Timestamp now) {
  PostingRecord& record = outcome.record;
  ++record.attempts;
  record.state = PostingState::kPosted;
  record.error_code.clear();
  record.error_message.clear();
  record.hint.clear();
  record.receipt = std::move(receipt);
  record.updated_at = now;
  outcome.retry = false;
}

}  // namespace

std::string HintFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kRevenueCentreNotMapped:
      return "map the revenue centre to a PMS sales outlet in the property's posting set-up, "
             "then force the posting";
    case core::ErrorCode::kPaymentTypeNotMapped:
      return "map the payment type to a PMS payment selector in the property's posting set-up, "
             "then force the posting";
    case core::ErrorCode::kStayNotChargeable:
      return "the PMS does not let this stay be charged (not checked in, or charge transfers "
             "off): post it elsewhere, or fix the stay in the PMS and force the posting";
    case core::ErrorCode::kNotFound:
      return "the PMS does not know the stay or account: check the target";
    case core::ErrorCode::kPmsRejected:
      return "the PMS refused the posting: see its message, fix the cause, then force it";
    default:
      return "see the message; force the posting once the cause is fixed";
  }
}

PostingAttempts::PostingAttempts(PostingSetupStore& setups, PostingProperties& properties,
                                 FolioPmsDirectory& pms, const core::Clock& clock,
                                 size_t max_in_flight, std::chrono::milliseconds pms_deadline)
    : setups_(setups),
      properties_(properties),
      pms_(pms),
      clock_(clock),
      max_in_flight_(max_in_flight),
      pms_deadline_(pms_deadline) {}

std::vector<AttemptOutcome> PostingAttempts::Run(const std::vector<PostingRecord>& records) {
  const core::Timestamp now = clock_.Now();
  std::vector<AttemptOutcome> outcomes;
  outcomes.reserve(records.size());
  for (const PostingRecord& record : records) outcomes.push_back({record, false});

  std::map<core::PropertyId, PropertyRoute> routes;
  std::map<FolioPms*, std::vector<size_t>> by_pms;
  std::map<FolioPms*, std::vector<PmsPostingRequest>> requests;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const Posting& posting = outcomes[i].record.posting;
    auto route = routes.find(posting.property);
    if (route == routes.end()) {
      auto property = properties_.Get(posting.property);
      PropertyRoute found{setups_.Get(posting.property),
                          property ? pms_.For(*property)
                                   : core::Result<FolioPms*>(std::unexpected(property.error()))};
      route = routes.emplace(posting.property, std::move(found)).first;
    }
    if (!route->second.setup) {
      Settle(outcomes[i], route->second.setup.error(), now, false);
      continue;
    }
    auto code = PmsCodeOf(posting, *route->second.setup);
    if (!code) {
      Settle(outcomes[i], code.error(), now, false);
      continue;
    }
    if (!route->second.pms) {
      Settle(outcomes[i], route->second.pms.error(), now, false);
      continue;
    }
    FolioPms* pms = *route->second.pms;
    by_pms[pms].push_back(i);
    requests[pms].push_back({posting, std::move(*code), posting.Id()});
  }

  const postings::FolioCallOptions call{.deadline = clock_.SteadyNow() + pms_deadline_};
  for (auto& [pms, sent] : requests) {
    auto results = pms->PostMany(sent, max_in_flight_, call);
    const std::vector<size_t>& indexes = by_pms[pms];
    for (size_t k = 0; k < indexes.size(); ++k) {
      AttemptOutcome& outcome = outcomes[indexes[k]];
      if (results[k]) {
        SettlePosted(outcome, std::move(*results[k]), now);
      } else {
        Settle(outcome, results[k].error(), now, true);
      }
    }
  }
  return outcomes;
}

}  // namespace chansync::postings
