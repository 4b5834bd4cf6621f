#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <grpcpp/support/proto_buffer_writer.h>

#include <string>
#include <utility>
#include <vector>

#include "call_guard.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/api/grpc/reservation_proto.h"
#include "chansync/channel/availability_checks.h"
#include "chansync/channel/ingestor.h"
#include "chansync/v1/ingest.grpc.pb.h"
#include "push_stream_reactor.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

grpc::Status InvalidField(std::string_view field) {
  return ToGrpcStatus(core::Error{core::ErrorCode::kInvalidArgument,
                                  std::string(field) + ": expected a date as YYYY-MM-DD"});
}

// The pushes are served on the callback API: a call waiting for its group commit holds no
// thread, and the queue's sender finishes it. CheckAvailability may block on the PMS and stays on
// the sync API's thread pool.
class IngestGrpcService final
    : public v1::IngestService::WithRawCallbackMethod_PushReservations<
          v1::IngestService::WithRawCallbackMethod_PushReservation<v1::IngestService::Service>> {
 public:
  IngestGrpcService(const CallSecurity& security, channel::Ingestor& ingestor,
                    channel::AvailabilityChecks* checks)
      : calls_(security, v1::IngestService::service_full_name()),
        ingestor_(ingestor),
        checks_(checks) {}

  grpc::Status CheckAvailability(grpc::ServerContext* context,
                                 const v1::CheckAvailabilityRequest* request,
                                 v1::CheckAvailabilityResponse* response) override {
    auto principal =
        calls_.Admit(*context, "CheckAvailability",
                     {.channel = request->channel_id(), .property = request->property_id()});
    if (!principal) return ToGrpcStatus(principal.error());
    if (!checks_) {
      return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "availability checks are not served");
    }
    channel::AvailabilityCheckRequest check;
    check.channel = request->channel_id();
    check.property = request->property_id();
    check.product = request->channel_product_id();
    auto arrival = core::CivilDate::Parse(request->arrival());
    if (!arrival) return InvalidField("arrival");
    auto departure = core::CivilDate::Parse(request->departure());
    if (!departure) return InvalidField("departure");
    check.stay = core::Stay{*arrival, *departure};
    for (const auto& line : request->options()) {
      check.options.push_back({line.option(), line.quantity() == 0 ? 1 : line.quantity()});
    }
    auto answer = checks_->Check(check);
    if (!answer) return ToGrpcStatus(answer.error());
    switch (answer->outcome) {
      case channel::CheckOutcome::kAvailable:
        response->set_outcome(v1::AVAILABILITY_OUTCOME_AVAILABLE);
        break;
      case channel::CheckOutcome::kUnavailable:
        response->set_outcome(v1::AVAILABILITY_OUTCOME_UNAVAILABLE);
        break;
      case channel::CheckOutcome::kError:
        response->set_outcome(v1::AVAILABILITY_OUTCOME_ERROR);
        break;
    }
    response->set_units_left(answer->units_left);
    response->set_check_id(answer->check_id);
    if (answer->error) {
      response->set_error_code(std::string(core::CodeName(answer->error->code)));
      response->set_error_message(answer->error->message);
    }
    return grpc::Status::OK;
  }

  // Raw bytes in and out: the generated handler answers a request that does not parse with
  // UNIMPLEMENTED, which tells a portal the method does not exist; parsing here answers
  // INVALID_ARGUMENT instead.
  grpc::ServerUnaryReactor* PushReservation(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request_bytes,
                                            grpc::ByteBuffer* response_bytes) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    auto principal = calls_.Admit(*context, "PushReservation");
    if (!principal) {
      reactor->Finish(ToGrpcStatus(principal.error()));
      return reactor;
    }
    v1::PushReservationRequest request;
    grpc::ByteBuffer bytes(*request_bytes);
    if (!grpc::SerializationTraits<v1::PushReservationRequest>::Deserialize(&bytes, &request)
             .ok()) {
      reactor->Finish(ToGrpcStatus(core::Error{
          core::ErrorCode::kInvalidArgument, "request: not a chansync.v1.PushReservationRequest"}));
      return reactor;
    }
    auto reservation = ReservationFromProto(request.reservation());
    if (!reservation) {
      reactor->Finish(ToGrpcStatus(reservation.error()));
      return reactor;
    }
    if (auto allowed =
            calls_.Require(*principal, auth::Action::kPushReservation, ScopeOf(*reservation));
        !allowed) {
      reactor->Finish(ToGrpcStatus(allowed.error()));
      return reactor;
    }
    // The reactor and the response live until Finish, which the completion calls exactly once.
    ingestor_.PushAsync(std::move(*reservation), [context, reactor, response_bytes](
                                                     core::Result<channel::Acceptance> accepted) {
      if (!accepted) {
        AddRetryAfter(*context, accepted.error());
        return reactor->Finish(ToGrpcStatus(accepted.error()));
      }
      v1::PushReservationResponse response;
      response.set_tracking_id(std::move(accepted->tracking_id));
      response.set_id(std::move(accepted->id));
      bool own_buffer = false;
      reactor->Finish(grpc::SerializationTraits<v1::PushReservationResponse>::Serialize(
          response, response_bytes, &own_buffer));
    });
    return reactor;
  }

  // Raw for the same reason as PushReservation: a message that does not parse is refused with
  // INVALID_ARGUMENT rather than read as the end of the stream. Each reservation the caller may
  // not push for gets PERMISSION_DENIED in its own result.
  grpc::ServerReadReactor<grpc::ByteBuffer>* PushReservations(
      grpc::CallbackServerContext* context, grpc::ByteBuffer* response_bytes) override {
    auto principal = calls_.Admit(*context, "PushReservations");
    if (!principal) return new RefusedPushStream(ToGrpcStatus(principal.error()));
    return new PushStreamReactor(
        ingestor_, context, response_bytes,
        [this, caller = std::move(*principal)](const core::Reservation& reservation) {
          return calls_.Require(caller, auth::Action::kPushReservation, ScopeOf(reservation));
        });
  }

 private:
  static auth::Scope ScopeOf(const core::Reservation& reservation) {
    return {.channel = reservation.channel, .property = reservation.property};
  }

  const CallGuard calls_;
  channel::Ingestor& ingestor_;
  channel::AvailabilityChecks* checks_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakeIngestGrpcService(const CallSecurity& security,
                                                     channel::Ingestor& ingestor,
                                                     channel::AvailabilityChecks* checks) {
  return std::make_unique<IngestGrpcService>(security, ingestor, checks);
}

}  // namespace chansync::api
