#include "chansync/fias_pms/posting_records.h"

#include "chansync/fias/wire_values.h"

namespace chansync::fias_pms {
namespace {

using core::ErrorCode;
using core::Fail;

std::string AnswerOf(const fias::Record& answer) {
  return "P# " + std::string(answer.GetOr("P#")) + " room " + std::string(answer.GetOr("RN"));
}

}  // namespace

fias::Record PostingRecordOf(const postings::PmsPostingRequest& request,
                             const FiasDestination& destination, int64_t sequence,
                             std::chrono::system_clock::time_point now) {
  const postings::Posting& posting = request.posting;
  const fias::WireDateTime at = fias::WireDateTimeOf(now);
  fias::Record record(destination.guest_number.empty() ? "PS" : "PR");
  record.Set("RN", destination.room);
  if (!destination.guest_number.empty()) record.Set("G#", destination.guest_number);
  // TA is what the folio is charged, the tip included; TP says which part of it is the tip.
  record.Set("TA", fias::FormatAmount(posting.amount.minor_units + posting.tip_minor_units));
  if (posting.tip_minor_units != 0) record.Set("TP", fias::FormatAmount(posting.tip_minor_units));
  record.Set("P#", std::to_string(sequence));
  // The interface maps a sales outlet to its transaction codes and a payment method (selector)
  // to its payment code: chansync names the outlet or the selector, never a PMS code.
  if (posting.kind == postings::PostingKind::kCharge) {
    record.Set("SO", request.code.outlet);
  } else {
    record.Set("PM", request.code.payment_selector);
  }
  record.Set("CT", request.idempotency_key).Set("WS", posting.source.pos_id);
  record.Set("DA", at.date).Set("TI", at.time);
  return record;
}

fias::Record InquiryOf(const FiasDestination& destination, int64_t sequence) {
  fias::Record record("PR");
  if (!destination.room.empty()) record.Set("RN", destination.room);
  if (!destination.guest_number.empty()) record.Set("G#", destination.guest_number);
  return record.Set("P#", std::to_string(sequence));
}

bool IsRefusal(const fias::Record& answer) { return answer.GetOr("AS") != "OK"; }

core::Result<postings::PmsPostingReceipt> ReceiptOf(const fias::Record& answer,
                                                    const postings::PmsPostingRequest& request) {
  const std::string_view status = answer.GetOr("AS");
  if (answer.type() != "PA") {
    return Fail(ErrorCode::kPmsRejected, "the interface answered a posting with " + answer.type());
  }
  if (status == "OK") {
    const std::string_view guest = answer.GetOr("G#");
    return postings::PmsPostingReceipt{
        .pms_posting_id = std::string(answer.GetOr("P#")),
        .folio_id = std::string(guest.empty() ? answer.GetOr("RN") : guest),
        .folio_balance = core::Money{0, request.posting.amount.currency}};
  }
  if (status == "UR") {
    return Fail(ErrorCode::kNotFound,
                "the interface has nobody in house there: " + AnswerOf(answer));
  }
  if (status == "NG") {
    return Fail(ErrorCode::kNotFound, "the interface knows no guest " +
                                          std::string(answer.GetOr("G#")) +
                                          " there: " + AnswerOf(answer));
  }
  if (status == "NP") {
    return Fail(ErrorCode::kStayNotChargeable,
                "the interface does not let the guest be charged: " + AnswerOf(answer));
  }
  return Fail(ErrorCode::kPmsRejected, "the interface refused the posting (AS " +
                                           std::string(status) + "): " + AnswerOf(answer));
}

}  // namespace chansync::fias_pms
