#include "status_mapping.h"

namespace chansync::api {

grpc::Status ToGrpcStatus(const core::Error& error) {
  using core::ErrorCode;
  grpc::StatusCode code = grpc::StatusCode::INTERNAL;
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kInvalidReservation:
      code = grpc::StatusCode::INVALID_ARGUMENT;
      break;
    case ErrorCode::kNotFound:
      code = grpc::StatusCode::NOT_FOUND;
      break;
    case ErrorCode::kAlreadyExists:
      code = grpc::StatusCode::ALREADY_EXISTS;
      break;
    case ErrorCode::kConflict:
      code = grpc::StatusCode::ABORTED;
      break;
    case ErrorCode::kProductNotLinked:
    case ErrorCode::kOptionNotLinked:
    case ErrorCode::kProductAlreadyLinked:
    case ErrorCode::kPmsProductAlreadyLinked:
    case ErrorCode::kOptionAlreadyLinked:
    case ErrorCode::kPmsOptionAlreadyLinked:
    case ErrorCode::kNoAvailability:
    case ErrorCode::kPmsRejected:
    case ErrorCode::kChannelRejected:
    case ErrorCode::kGatewayClassicMode:
    case ErrorCode::kRecheckDisabled:
    case ErrorCode::kAwaitingOperator:
    case ErrorCode::kAlreadyIntegrated:
      code = grpc::StatusCode::FAILED_PRECONDITION;
      break;
    case ErrorCode::kPmsUnavailable:
    case ErrorCode::kChannelUnavailable:
    case ErrorCode::kStoreUnavailable:
      code = grpc::StatusCode::UNAVAILABLE;
      break;
    case ErrorCode::kDeadlineExceeded:
      code = grpc::StatusCode::DEADLINE_EXCEEDED;
      break;
    case ErrorCode::kInternal:
      code = grpc::StatusCode::INTERNAL;
      break;
  }
  return grpc::Status(code, error.ToString());
}

}  // namespace chansync::api
