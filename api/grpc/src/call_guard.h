#pragma once

#include <grpcpp/server_context.h>

#include <functional>
#include <string>
#include <string_view>

#include "chansync/api/grpc/grpc_services.h"
#include "chansync/auth/guard.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace chansync::api {

// The message as compact JSON with proto field names, every field whose name holds "secret",
// "credentials", "token" or "password" removed at any depth: what the audit log may keep of a
// request.
std::string RedactedJson(const google::protobuf::Message& message);

// The checks of one service's calls: reads `authorization` from the call's metadata, admits the
// call by its method's action (method_actions.h) and writes staff actions to the audit log.
// Thread-safe.
class CallGuard {
 public:
  // `service` is the full service name, "chansync.v1.AdminService".
  CallGuard(const CallSecurity& security, std::string_view service)
      : security_(security), service_(service) {}

  // The caller, or UNAUTHENTICATED / PERMISSION_DENIED (auth::Guard::Admit). `method` is the
  // method's short name; a method missing from the table is refused.
  core::Result<auth::Principal> Admit(const grpc::ServerContextBase& context,
                                      std::string_view method, const auth::Scope& scope = {}) const;
  // An extra right a call needs for one of its arguments (SetGateway turning multi-link on).
  core::Status Require(const auth::Principal& principal, auth::Action action,
                       const auth::Scope& scope = {}) const;
  const auth::Guard& guard() const { return security_.guard; }

  // Reads the state a call is about to change, as JSON; empty when there is none.
  using StateReader = std::function<std::string()>;

  // Runs `call`. When the principal is staff and the method's action changes state, writes an
  // audit entry: the arguments (the request as RedactedJson), the state before and after
  // (`state` read before and after a successful call; without it, `response` as the after), the
  // outcome. A failed audit write is logged and does not fail the call, which has already
  // happened.
  grpc::Status Audited(const auth::Principal& principal, std::string_view method,
                       const google::protobuf::Message& request,
                       const google::protobuf::Message* response, const StateReader& state,
                       const std::function<grpc::Status()>& call) const {
    return AuditedWith(
        principal, method, [&] { return RedactedJson(request); }, response, state, call);
  }
  // The same with the arguments given as JSON (a stream has no one request).
  grpc::Status AuditedWith(const auth::Principal& principal, std::string_view method,
                           const StateReader& arguments, const google::protobuf::Message* response,
                           const StateReader& state,
                           const std::function<grpc::Status()>& call) const;

 private:
  bool Audits(const auth::Principal& principal, std::string_view method) const;

  const CallSecurity security_;
  const std::string service_;
};

}  // namespace chansync::api
