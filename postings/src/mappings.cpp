#include "chansync/postings/mappings.h"

namespace chansync::postings {

core::Result<PmsCode> PmsCodeOf(const Posting& posting, const PostingSetup& setup) {
  if (posting.kind == PostingKind::kCharge) {
    auto it = setup.revenue_centres.find(posting.revenue_centre);
    if (it == setup.revenue_centres.end()) {
      return core::Fail(core::ErrorCode::kRevenueCentreNotMapped,
                        "revenue centre \"" + posting.revenue_centre +
                            "\" has no sales outlet at property " + posting.property);
    }
    return PmsCode{.outlet = it->second.outlet, .transaction_code = it->second.transaction_code};
  }
  auto it = setup.payment_types.find(posting.payment_type);
  if (it == setup.payment_types.end()) {
    return core::Fail(core::ErrorCode::kPaymentTypeNotMapped,
                      "payment type \"" + posting.payment_type +
                          "\" has no payment selector at property " + posting.property);
  }
  return PmsCode{.payment_selector = it->second};
}

std::string DepositPaymentTypeOf(std::string_view payment_type) {
  return std::string(payment_type) + ".deposit";
}

core::Status ValidatePostingSetup(const PostingSetup& setup) {
  for (const auto& [centre, outlet] : setup.revenue_centres) {
    RETURN_IF_ERROR(core::ValidateId("revenue centre", centre));
    RETURN_IF_ERROR(core::ValidateId("sales outlet of " + centre, outlet.outlet));
    RETURN_IF_ERROR(core::ValidateId("transaction code of " + centre, outlet.transaction_code));
  }
  for (const auto& [type, selector] : setup.payment_types) {
    RETURN_IF_ERROR(core::ValidateId("payment type", type));
    RETURN_IF_ERROR(core::ValidateId("payment selector of " + type, selector));
  }
  return core::Ok();
}

}  // namespace chansync::postings
