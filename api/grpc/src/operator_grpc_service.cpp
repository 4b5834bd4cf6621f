#include "call_guard.h"
#include "chansync/api/grpc/grpc_services.h"
#include "chansync/core/reservation_json.h"
#include "chansync/integration/operator.h"
#include "chansync/v1/operator.grpc.pb.h"
#include "status_mapping.h"

namespace chansync::api {
namespace {

v1::IntegrationStatus ToProto(integration::IntegrationStatus status) {
  switch (status) {
    case integration::IntegrationStatus::kPending:
      return v1::INTEGRATION_STATUS_PENDING;
    case integration::IntegrationStatus::kIntegrated:
      return v1::INTEGRATION_STATUS_INTEGRATED;
    case integration::IntegrationStatus::kFailed:
      return v1::INTEGRATION_STATUS_FAILED;
    case integration::IntegrationStatus::kNotIntegrated:
      return v1::INTEGRATION_STATUS_NOT_INTEGRATED;
  }
  return v1::INTEGRATION_STATUS_UNSPECIFIED;
}

void Fill(const integration::IntegrationRecord& record, v1::Integration* out) {
  const core::Reservation& r = record.reservation;
  out->set_id(record.id());
  out->set_property_id(r.property);
  out->set_channel_id(r.channel);
  out->set_channel_reservation_id(r.channel_reservation_id);
  out->set_sold_at(core::FormatTimestamp(r.sold_at));
  out->set_arrival(r.stay.arrival.ToString());
  out->set_departure(r.stay.departure.ToString());
  out->set_guest_name(r.guest_name);
  out->set_product(r.product);
  out->set_revision(r.revision);
  out->set_reservation_status(std::string(core::ReservationStatusName(r.status)));
  out->set_availability_check(
      record.availability_check == integration::AvailabilityCheck::kTrue ? "TRUE" : "ERROR");
  out->set_pms_reservation_id(record.pms_reservation_id);
  out->set_status(ToProto(record.status));
  if (record.error) {
    out->set_error_code(std::string(core::CodeName(record.error->code)));
    out->set_error_message(record.error->message);
  }
  out->set_attempts(record.attempts);
  out->set_overbooked(record.overbooked);
  out->set_tracking_id(record.tracking_id);
  out->set_received_at(core::FormatTimestamp(record.received_at));
  out->set_updated_at(core::FormatTimestamp(record.updated_at));
  if (record.integrated_at) out->set_integrated_at(core::FormatTimestamp(*record.integrated_at));
  out->set_integrated_revision(record.integrated_revision);
  out->set_payment_failed(record.reservation.payment_failed);
  if (record.next_attempt_at) {
    out->set_next_attempt_at(core::FormatTimestamp(*record.next_attempt_at));
  }
}

core::Result<integration::IntegrationQuery> FromProto(const v1::ListIntegrationsRequest& request) {
  integration::IntegrationQuery query;
  query.property = request.property_id();
  auto month = core::YearMonth::Parse(request.month());
  if (!month)
    return core::Fail(core::ErrorCode::kInvalidArgument, "month: " + month.error().message);
  query.month = *month;
  switch (request.by()) {
    case v1::MONTH_INDEX_UNSPECIFIED:
    case v1::MONTH_INDEX_SALE:
      query.by = integration::MonthIndex::kBySaleDate;
      break;
    case v1::MONTH_INDEX_STAY:
      query.by = integration::MonthIndex::kByStayDate;
      break;
    default:
      return core::Fail(core::ErrorCode::kInvalidArgument, "by: unknown month index");
  }
  switch (request.filter()) {
    case v1::OUTCOME_FILTER_UNSPECIFIED:
    case v1::OUTCOME_FILTER_ALL:
      query.filter = integration::OutcomeFilter::kAll;
      break;
    case v1::OUTCOME_FILTER_SUCCEEDED:
      query.filter = integration::OutcomeFilter::kSucceeded;
      break;
    case v1::OUTCOME_FILTER_FAILED:
      query.filter = integration::OutcomeFilter::kFailed;
      break;
    default:
      return core::Fail(core::ErrorCode::kInvalidArgument, "filter: unknown outcome filter");
  }
  query.payment_failed_only = request.payment_failed_only();
  return query;
}

class OperatorGrpcService final : public v1::OperatorService::Service {
 public:
  OperatorGrpcService(const CallSecurity& security, integration::Operator& op)
      : calls_(security, v1::OperatorService::service_full_name()), operator_(op) {}

  grpc::Status ListIntegrations(grpc::ServerContext* context,
                                const v1::ListIntegrationsRequest* request,
                                v1::ListIntegrationsResponse* response) override {
    auto principal = calls_.Admit(*context, "ListIntegrations");
    if (!principal) return ToGrpcStatus(principal.error());
    auto query = FromProto(*request);
    if (!query) return ToGrpcStatus(query.error());
    auto list = operator_.List(*query);
    if (!list) return ToGrpcStatus(list.error());
    response->set_count(static_cast<int64_t>(list->count));
    for (const auto& record : list->records) Fill(record, response->add_integrations());
    return grpc::Status::OK;
  }

  grpc::Status GetIntegration(grpc::ServerContext* context,
                              const v1::GetIntegrationRequest* request,
                              v1::Integration* response) override {
    auto principal = calls_.Admit(*context, "GetIntegration");
    if (!principal) return ToGrpcStatus(principal.error());
    auto record = operator_.Show(request->id());
    if (!record) return ToGrpcStatus(record.error());
    Fill(*record, response);
    return grpc::Status::OK;
  }

  grpc::Status ForceIntegration(grpc::ServerContext* context,
                                const v1::ForceIntegrationRequest* request,
                                v1::ForceIntegrationResponse* response) override {
    auto principal = calls_.Admit(*context, "ForceIntegration");
    if (!principal) return ToGrpcStatus(principal.error());
    auto record_state = [&] {
      auto record = operator_.Show(request->id());
      if (!record) return std::string();
      v1::Integration integration;
      Fill(*record, &integration);
      return RedactedJson(integration);
    };
    return calls_.Audited(
        *principal, "ForceIntegration", *request, response, record_state, [&]() -> grpc::Status {
          auto outcome = operator_.Force(request->id(), request->allow_overbooking());
          if (!outcome) return ToGrpcStatus(outcome.error());
          Fill(outcome->record, response->mutable_integration());
          response->set_tracking_id(outcome->tracking_id);
          response->set_message(outcome->message);
          return grpc::Status::OK;
        });
  }

 private:
  const CallGuard calls_;
  integration::Operator& operator_;
};

}  // namespace

std::unique_ptr<grpc::Service> MakeOperatorGrpcService(const CallSecurity& security,
                                                       integration::Operator& op) {
  return std::make_unique<OperatorGrpcService>(security, op);
}

}  // namespace chansync::api
