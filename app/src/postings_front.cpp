#include "postings_front.h"

#include "posting_http_authorizer.h"

namespace chansync::app {

PostingsFront MakePostingsFront(const api::CallSecurity& security, postings::PostingDesk* desk) {
  PostingsFront front;
  front.service = api::MakePostingGrpcService(security, desk);
  front.spa_service = api::MakeSpaGrpcService(security, desk);
  pos::PostingAuthorizer authorize;
  if (security.guard.enabled()) authorize = MakePostingAuthorizer(security.guard);
  front.routes = std::make_unique<pos::PostingRoutes>(desk, std::move(authorize));
  return front;
}

}  // namespace chansync::app
