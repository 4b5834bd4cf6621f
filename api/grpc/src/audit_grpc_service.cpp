#include <algorithm>

#include "call_guard.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/audit/audit_log.h"
#include "chansync/core/reservation_json.h"
#include "chansync/v1/audit.grpc.pb.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;
constexpr auto kDefaultWindow = std::chrono::hours(24 * 30);

class AuditGrpcService final : public v1::AuditService::Service {
 public:
  AuditGrpcService(const CallSecurity& security, audit::AuditLog& log)
      : calls_(security, v1::AuditService::service_full_name()),
        log_(log),
        clock_(security.clock != nullptr ? *security.clock : system_clock_) {}

  grpc::Status ListAudit(grpc::ServerContext* context, const v1::ListAuditRequest* request,
                         v1::ListAuditResponse* response) override {
    auto principal = calls_.Admit(*context, "ListAudit");
    if (!principal) return ToGrpcStatus(principal.error());
    audit::AuditQuery query;
    query.since = clock_.Now() - kDefaultWindow;
    if (!request->since().empty()) {
      auto since = core::ParseTimestamp(request->since());
      if (!since) {
        return ToGrpcStatus(
            core::Error{core::ErrorCode::kInvalidArgument, "since: expected an RFC 3339 time"});
      }
      query.since = *since;
    }
    if (!request->key_id().empty()) query.key_id = request->key_id();
    if (!request->action().empty()) query.action = request->action();
    if (request->limit() < 0 || request->limit() > kMaxLimit) {
      return ToGrpcStatus(core::Error{core::ErrorCode::kInvalidArgument,
                                      "limit: from 0 to " + std::to_string(kMaxLimit)});
    }
    query.limit = request->limit() == 0 ? kDefaultLimit : request->limit();
    auto entries = log_.List(query);
    if (!entries) return ToGrpcStatus(entries.error());
    for (const auto& entry : *entries) {
      v1::AuditEntry* out = response->add_entries();
      out->set_id(entry.id);
      out->set_at(core::FormatTimestamp(entry.at));
      out->set_key_id(entry.key_id);
      out->set_key_name(entry.key_name);
      out->set_role(entry.role);
      out->set_action(entry.action);
      out->set_method(entry.method);
      out->set_arguments(entry.arguments);
      out->set_before(entry.before);
      out->set_after(entry.after);
      out->set_outcome(entry.outcome);
    }
    return grpc::Status::OK;
  }

 private:
  const CallGuard calls_;
  audit::AuditLog& log_;
  core::SystemClock system_clock_;
  const core::Clock& clock_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakeAuditGrpcService(const CallSecurity& security,
                                                    audit::AuditLog& audit) {
  return std::make_unique<AuditGrpcService>(security, audit);
}

}  // namespace chansync::api
