#pragma once

#include <functional>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::pos {

// The postings HTTP routes, as the authorisation check knows them: the till's, then a spa
// system's events (spa/...).
enum class PostingRoute {
  kSearchGuests,
  kSubmitPosting,
  kSubmitTicket,
  kGetPosting,
  kListPostings,
  kVoidPosting,
  kVoidTicket,
  kForcePosting,
  kSpaPaymentTaken,
  kSpaOrderCheckedOut,
  kSpaOrderRefunded,
  kSpaMembershipPayment,
  kVoucherSold,
  kVoucherRedeemed,
  kVoucherServed,
  kVoucherRefunded,
};

// Whether a postings request may proceed; the routes call it once per request, before the body
// is read, with the Authorization header's value (empty when absent), the route and the property
// of the path. The service's wiring supplies it (app/, on auth::Guard, as for ingest). An error
// refuses the request with its code (401 UNAUTHENTICATED, 403 PERMISSION_DENIED). Must be
// thread-safe.
using PostingAuthorizer = std::function<core::Status(
    std::string_view authorization, PostingRoute route, std::string_view property)>;

}  // namespace chansync::pos
