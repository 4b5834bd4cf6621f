#include "chansync/api/grpc/grpc_services.h"
#include "chansync/api/grpc/posting_proto.h"
#include "chansync/api/grpc/spa_proto.h"
#include "chansync/postings/spa_postings.h"
#include "chansync/v1/postings.grpc.pb.h"
#include "desk_call.h"

namespace chansync::api {
namespace {

class SpaGrpcService final : public v1::SpaService::Service {
 public:
  SpaGrpcService(const CallSecurity& security, postings::PostingDesk* desk)
      : calls_(security, v1::SpaService::service_full_name()), desk_(desk) {}

  grpc::Status PaymentTaken(grpc::ServerContext* context, const v1::SpaPaymentTakenRequest* request,
                            v1::PostingAcceptances* response) override {
    return Posted(*context, "PaymentTaken", *request, response);
  }
  grpc::Status OrderCheckedOut(grpc::ServerContext* context,
                               const v1::SpaOrderCheckedOutRequest* request,
                               v1::PostingAcceptances* response) override {
    return Posted(*context, "OrderCheckedOut", *request, response);
  }
  grpc::Status OrderRefunded(grpc::ServerContext* context,
                             const v1::SpaOrderRefundedRequest* request,
                             v1::PostingAcceptances* response) override {
    return Posted(*context, "OrderRefunded", *request, response);
  }
  grpc::Status MembershipPaymentTaken(grpc::ServerContext* context,
                                      const v1::MembershipPaymentTakenRequest* request,
                                      v1::PostingAcceptances* response) override {
    return Posted(*context, "MembershipPaymentTaken", *request, response);
  }
  grpc::Status VoucherSold(grpc::ServerContext* context, const v1::VoucherSoldRequest* request,
                           v1::PostingAcceptances* response) override {
    return Posted(*context, "VoucherSold", *request, response);
  }
  grpc::Status VoucherRedeemed(grpc::ServerContext* context,
                               const v1::VoucherRedeemedRequest* request,
                               v1::PostingAcceptances* response) override {
    return Posted(*context, "VoucherRedeemed", *request, response);
  }
  grpc::Status VoucherServed(grpc::ServerContext* context, const v1::VoucherServedRequest* request,
                             v1::PostingAcceptances* response) override {
    return Posted(*context, "VoucherServed", *request, response);
  }
  grpc::Status VoucherRefunded(grpc::ServerContext* context,
                               const v1::VoucherRefundedRequest* request,
                               v1::PostingAcceptances* response) override {
    return Posted(*context, "VoucherRefunded", *request, response);
  }

 private:
  // Admits the caller for the request's property, turns the request into its event and posts it.
  template <typename Request>
  grpc::Status Posted(const grpc::ServerContext& context, std::string_view method,
                      const Request& request, v1::PostingAcceptances* response) const {
    return ServeOnDesk(calls_, context, method, request.property_id(), desk_,
                       [&](auto&) -> grpc::Status {
                         auto event = SpaEventFromProto(request);
                         if (!event) return ToGrpcStatus(event.error());
                         auto accepted = postings::SpaPostings(*desk_).Post(std::move(*event));
                         if (!accepted) return ToGrpcStatus(accepted.error());
                         *response = AcceptancesToProto(*accepted);
                         return grpc::Status::OK;
                       });
  }

  const CallGuard calls_;
  postings::PostingDesk* const desk_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakeSpaGrpcService(const CallSecurity& security,
                                                  postings::PostingDesk* desk) {
  return std::make_unique<SpaGrpcService>(security, desk);
}

}  // namespace chansync::api
