#include "call_guard.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/core/reservation_json.h"
#include "chansync/fias_pms/relay_directory.h"
#include "chansync/v1/pms_link.grpc.pb.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

void SetMessage(const std::optional<fias_pms::RelayEvent>& event, v1::RelayMessage* out) {
  if (!event) return;
  out->set_record(event->record);
  out->set_at(core::FormatTimestamp(event->at));
  out->set_reason(event->reason);
}

void SetStatus(const fias_pms::PropertyRelay& relay, v1::PmsLinkStatus* out) {
  const fias_pms::RelayStatus& status = relay.status;
  out->set_property_id(relay.property);
  out->set_interface(relay.interface);
  out->set_ok(status.ok);
  out->set_since(core::FormatTimestamp(status.since));
  out->set_link_failure(status.link_failure);
  out->set_connections(status.connections);
  out->set_outstanding(status.outstanding);
  SetMessage(status.last_sent, out->mutable_last_sent());
  SetMessage(status.last_acknowledged, out->mutable_last_acknowledged());
  SetMessage(status.last_success, out->mutable_last_success());
  SetMessage(status.last_failure, out->mutable_last_failure());
}

class PmsLinkGrpcService final : public v1::PmsLinkService::Service {
 public:
  PmsLinkGrpcService(const CallSecurity& security, const fias_pms::RelayDirectory* relays)
      : calls_(security, v1::PmsLinkService::service_full_name()), relays_(relays) {}

  grpc::Status GetPmsLinkStatus(grpc::ServerContext* context,
                                const v1::GetPmsLinkStatusRequest* request,
                                v1::GetPmsLinkStatusResponse* response) override {
    const std::string& property = request->property_id();
    auth::Scope scope;
    if (!property.empty()) scope.property = property;
    auto principal = calls_.Admit(*context, "GetPmsLinkStatus", scope);
    if (!principal) return ToGrpcStatus(principal.error());
    if (relays_ == nullptr) {
      return ToGrpcStatus(core::Error{core::ErrorCode::kUnimplemented, "no PMS relays here"});
    }
    for (const fias_pms::PropertyRelay& relay : relays_->Relays()) {
      if (property.empty() || relay.property == property) SetStatus(relay, response->add_links());
    }
    if (!property.empty() && response->links().empty()) {
      return ToGrpcStatus(core::Error{core::ErrorCode::kNotFound,
                                      "property " + property + " has no PMS relay (FIAS link)"});
    }
    return grpc::Status::OK;
  }

 private:
  const CallGuard calls_;
  const fias_pms::RelayDirectory* relays_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakePmsLinkGrpcService(const CallSecurity& security,
                                                      const fias_pms::RelayDirectory* relays) {
  return std::make_unique<PmsLinkGrpcService>(security, relays);
}

}  // namespace chansync::api
