#pragma once

#include "chansync/channel/http_routes.h"
#include "chansync/pos/posting_authorizer.h"
#include "chansync/postings/posting_desk.h"

namespace chansync::pos {

// The till- and spa-facing HTTP/JSON API of the postings hub (docs/postings-api.md), served on
// the ingest port (channel::HttpRoutes), every path under /v1/properties/{p}/:
//   GET  guests?search=TEXT                      200 {"guests": [...]}
//   POST postings                                202 {"id", "state", "business_date", "duplicate"}
//   POST tickets                                 202 {"postings": [acceptance...]}
//   GET  postings/{id}                           200 posting record
//   GET  postings?day=YYYY-MM-DD[&state=S]       200 the business day's report
//   POST postings/{id}/void                      202 acceptance of the void
//   POST tickets/{pos}/{ticket}/void             202 {"postings": [acceptance...]}
//   POST postings/{id}/force                     200 posting record after the attempt
//   POST spa/orders/{order}/payments|check-out|refund, spa/membership-payments,
//        spa/vouchers/{voucher}/sale|redemption|service|refund
//                                                202 {"postings": [acceptance...]} (spa_wire.h)
// Each request is authorized first (PostingAuthorizer, with the path's property), then, without
// a desk, answered 501 UNIMPLEMENTED; bodies must be application/json (415). Every error body is
// {"error": {"code", "message"}} with the status of the code's row: 400 INVALID_ARGUMENT naming
// the field, 404 NOT_FOUND (also for an unknown route or method), 409/422 for the domain's
// refusals (VOID_WINDOW_CLOSED, ...), 503 STORE_UNAVAILABLE / PMS_UNAVAILABLE. Thread-safe.
class PostingRoutes final : public channel::HttpRoutes {
 public:
  // `desk` may be null (the service runs without its postings engine); it and `authorize` must
  // outlive the routes. An unset `authorize` admits every request.
  PostingRoutes(postings::PostingDesk* desk, PostingAuthorizer authorize)
      : desk_(desk), authorize_(std::move(authorize)) {}

  bool Serves(std::string_view path) const override;
  channel::HttpAnswer Answer(const channel::HttpRequest& request) const override;

 private:
  postings::PostingDesk* const desk_;
  const PostingAuthorizer authorize_;
};

}  // namespace chansync::pos
