#include "posting_http_authorizer.h"

namespace chansync::app {

auth::Action ActionOfPostingRoute(pos::PostingRoute route) {
  switch (route) {
    case pos::PostingRoute::kSearchGuests:
      return auth::Action::kSearchGuests;
    case pos::PostingRoute::kSubmitPosting:
    case pos::PostingRoute::kSubmitTicket:
    // A spa's events are postings it submits, refunds included (they are not voids).
    case pos::PostingRoute::kSpaPaymentTaken:
    case pos::PostingRoute::kSpaOrderCheckedOut:
    case pos::PostingRoute::kSpaOrderRefunded:
    case pos::PostingRoute::kSpaMembershipPayment:
    case pos::PostingRoute::kVoucherSold:
    case pos::PostingRoute::kVoucherRedeemed:
    case pos::PostingRoute::kVoucherServed:
    case pos::PostingRoute::kVoucherRefunded:
      return auth::Action::kSubmitPosting;
    case pos::PostingRoute::kVoidPosting:
    case pos::PostingRoute::kVoidTicket:
      return auth::Action::kVoidPosting;
    case pos::PostingRoute::kGetPosting:
    case pos::PostingRoute::kListPostings:
      return auth::Action::kReadPostings;
    case pos::PostingRoute::kForcePosting:
      return auth::Action::kForcePosting;
  }
  return auth::Action::kForcePosting;
}

pos::PostingAuthorizer MakePostingAuthorizer(const auth::Guard& guard) {
  return [guard](std::string_view authorization, pos::PostingRoute route,
                 std::string_view property) -> core::Status {
    RETURN_IF_ERROR(guard.Admit(authorization, ActionOfPostingRoute(route),
                                {.property = std::string(property)}));
    return core::Ok();
  };
}

}  // namespace chansync::app
