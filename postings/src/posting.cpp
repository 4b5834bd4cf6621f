#include "chansync/postings/posting.h"

#include <array>
#include <utility>

#include "chansync/core/text.h"
#include "enum_names.h"

namespace chansync::postings {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::array<std::pair<PostingKind, std::string_view>, 2> kKindNames = {{
    {PostingKind::kCharge, "charge"},
    {PostingKind::kPayment, "payment"},
}};

constexpr std::array<std::pair<PostingTarget::Kind, std::string_view>, 2> kTargetNames = {{
    {PostingTarget::Kind::kStay, "stay"},
    {PostingTarget::Kind::kAccount, "account"},
}};

constexpr std::string_view kVoidSuffix = ":void";

core::Status ValidateTarget(const PostingTarget& target) {
  // Internal accounts are named by the PMS ("Deposit Redemption"): text, not an identifier.
  if (target.kind == PostingTarget::Kind::kAccount) {
    return core::ValidateText("target.id", target.id, 64);
  }
  return core::ValidateId("target.id", target.id);
}

core::Status ValidateAmounts(const Posting& posting) {
  RETURN_IF_ERROR(core::Money::Make(posting.amount.minor_units, posting.amount.currency));
  const int64_t amount = posting.amount.minor_units;
  if (amount == 0) return Fail(ErrorCode::kInvalidArgument, "amount must not be 0");
  if (amount > kMaxPostingMinorUnits || amount < -kMaxPostingMinorUnits) {
    return Fail(ErrorCode::kInvalidArgument,
                "amount " + std::to_string(amount) + " is beyond ±10^10 minor units");
  }
  const int64_t tip = posting.tip_minor_units;
  if (tip > kMaxPostingMinorUnits || tip < -kMaxPostingMinorUnits) {
    return Fail(ErrorCode::kInvalidArgument,
                "tip " + std::to_string(tip) + " is beyond ±10^10 minor units");
  }
  if ((tip > 0 && amount < 0) || (tip < 0 && amount > 0)) {
    return Fail(ErrorCode::kInvalidArgument, "tip must have the sign of the amount");
  }
  return core::Ok();
}

core::Status ValidateCentreOrType(const Posting& posting) {
  if (posting.kind == PostingKind::kCharge) {
    if (!posting.payment_type.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "a charge has a revenue_centre, not a payment_type");
    }
    return core::ValidateId("revenue_centre", posting.revenue_centre);
  }
  if (!posting.revenue_centre.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a payment has a payment_type, not a revenue_centre");
  }
  return core::ValidateId("payment_type", posting.payment_type);
}

}  // namespace

std::string_view PostingKindName(PostingKind kind) { return NameIn(kKindNames, kind); }

core::Result<PostingKind> ParsePostingKind(std::string_view text) {
  return ParseIn(kKindNames, "posting kind", text);
}

std::string_view TargetKindName(PostingTarget::Kind kind) { return NameIn(kTargetNames, kind); }

core::Result<PostingTarget::Kind> ParseTargetKind(std::string_view text) {
  return ParseIn(kTargetNames, "target kind", text);
}

std::string PostingIdOf(const PostingSource& source, bool is_void) {
  std::string id = source.pos_id + ":" + source.ticket_id + ":" + std::to_string(source.line);
  if (is_void) id += kVoidSuffix;
  return id;
}

std::string Posting::Id() const { return PostingIdOf(source, !voids.empty()); }

core::Status ValidatePosting(const Posting& posting) {
  RETURN_IF_ERROR(core::ValidateId("property", posting.property));
  RETURN_IF_ERROR(core::ValidateId("source.pos_id", posting.source.pos_id));
  RETURN_IF_ERROR(core::ValidateId("source.ticket_id", posting.source.ticket_id));
  if (posting.source.line < 1 || posting.source.line > kMaxLine) {
    return Fail(ErrorCode::kInvalidArgument,
                "source.line must be 1..9999, got " + std::to_string(posting.source.line));
  }
  RETURN_IF_ERROR(ValidateTarget(posting.target));
  RETURN_IF_ERROR(ValidateAmounts(posting));
  RETURN_IF_ERROR(ValidateCentreOrType(posting));
  if (!posting.voids.empty() && posting.voids != PostingIdOf(posting.source, false)) {
    return Fail(ErrorCode::kInvalidArgument, "a void voids the posting of its own source (" +
                                                 PostingIdOf(posting.source, false) + "), not \"" +
                                                 posting.voids + "\"");
  }
  return core::Ok();
}

Posting VoidOf(const Posting& original, core::CivilDate business_date) {
  Posting voided = original;
  voided.amount.minor_units = -original.amount.minor_units;
  voided.tip_minor_units = -original.tip_minor_units;
  voided.business_date = business_date;
  voided.voids = original.Id();
  return voided;
}

}  // namespace chansync::postings
