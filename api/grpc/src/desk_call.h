#pragma once

#include <grpcpp/server_context.h>

#include <string>
#include <string_view>

#include "call_guard.h"
#include "chansync/postings/posting_desk.h"
#include "status_mapping.h"

namespace chansync::api {

// One call of a postings service (PostingService, SpaService): admits the caller for `property`
// (a pos key: its own only) by `method`'s action, then runs `call` with its principal;
// UNIMPLEMENTED, once the caller was admitted, when this server has no postings engine (`desk`
// null).
template <typename Call>
grpc::Status ServeOnDesk(const CallGuard& calls, const grpc::ServerContext& context,
                         std::string_view method, const std::string& property,
                         const postings::PostingDesk* desk, Call call) {
  auto principal = calls.Admit(context, method, {.property = property});
  if (!principal) return ToGrpcStatus(principal.error());
  if (desk == nullptr) {
    return ToGrpcStatus(core::Error{core::ErrorCode::kUnimplemented,
                                    "this server does not serve postings (no postings engine)"});
  }
  return call(*principal);
}

}  // namespace chansync::api
