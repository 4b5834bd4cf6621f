#include "spa_ticket.h"

namespace chansync::postings {

Posting SpaTicket::Charge(int line, int64_t amount, const std::string& revenue_centre,
                          const PostingTarget& target, core::CivilDate date) const {
  return {.property = property,
          .kind = PostingKind::kCharge,
          .amount = {amount, currency},
          .revenue_centre = revenue_centre,
          .business_date = date,
          .source = {spa_id, ticket_id, line},
          .target = target};
}

Posting SpaTicket::Payment(int line, int64_t amount, std::string_view payment_type,
                           const PostingTarget& target, core::CivilDate date) const {
  return {.property = property,
          .kind = PostingKind::kPayment,
          .amount = {amount, currency},
          .payment_type = std::string(payment_type),
          .business_date = date,
          .source = {spa_id, ticket_id, line},
          .target = target};
}

std::vector<Posting> NegativesOf(const std::vector<Posting>& postings, int line_offset,
                                 core::CivilDate date) {
  std::vector<Posting> negatives;
  for (Posting posting : postings) {
    posting.amount.minor_units = -posting.amount.minor_units;
    posting.tip_minor_units = -posting.tip_minor_units;
    posting.source.line += line_offset;
    posting.business_date = date;
    negatives.push_back(std::move(posting));
  }
  return negatives;
}

core::Result<std::vector<Posting>> Checked(std::vector<Posting> postings) {
  std::vector<Posting> kept;
  for (Posting& posting : postings) {
    // A price equal to the value leaves no difference: there is nothing to post.
    if (posting.amount.minor_units == 0) continue;
    RETURN_IF_ERROR(ValidatePosting(posting));
    kept.push_back(std::move(posting));
  }
  return kept;
}

core::Status ValidateSpaAmount(const std::string& field, int64_t amount) {
  if (amount <= 0 || amount > kMaxPostingMinorUnits) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      field + " must be 1..10^10 minor units, got " + std::to_string(amount));
  }
  return core::Ok();
}

core::Status ValidateSpaDate(const std::string& field, core::CivilDate date) {
  if (date == core::CivilDate()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, field + " is missing");
  }
  return core::Ok();
}

}  // namespace chansync::postings
