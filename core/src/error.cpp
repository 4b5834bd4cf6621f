#include "chansync/core/error.h"

#include <array>
#include <utility>

namespace chansync::core {
namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 23> kNames{{
    {ErrorCode::kInvalidArgument, "INVALID_ARGUMENT"},
    {ErrorCode::kNotFound, "NOT_FOUND"},
    {ErrorCode::kAlreadyExists, "ALREADY_EXISTS"},
    {ErrorCode::kConflict, "CONFLICT"},
    {ErrorCode::kProductNotLinked, "PRODUCT_NOT_LINKED"},
    {ErrorCode::kOptionNotLinked, "OPTION_NOT_LINKED"},
    {ErrorCode::kProductAlreadyLinked, "PRODUCT_ALREADY_LINKED"},
    {ErrorCode::kPmsProductAlreadyLinked, "PMS_PRODUCT_ALREADY_LINKED"},
    {ErrorCode::kOptionAlreadyLinked, "OPTION_ALREADY_LINKED"},
    {ErrorCode::kPmsOptionAlreadyLinked, "PMS_OPTION_ALREADY_LINKED"},
    {ErrorCode::kNoAvailability, "NO_AVAILABILITY"},
    {ErrorCode::kPmsUnavailable, "PMS_UNAVAILABLE"},
    {ErrorCode::kPmsRejected, "PMS_REJECTED"},
    {ErrorCode::kInvalidReservation, "INVALID_RESERVATION"},
    {ErrorCode::kGatewayClassicMode, "GATEWAY_CLASSIC_MODE"},
    {ErrorCode::kAwaitingOperator, "AWAITING_OPERATOR"},
    {ErrorCode::kAlreadyIntegrated, "ALREADY_INTEGRATED"},
    {ErrorCode::kStoreUnavailable, "STORE_UNAVAILABLE"},
    {ErrorCode::kDeadlineExceeded, "DEADLINE_EXCEEDED"},
    {ErrorCode::kInternal, "INTERNAL"},
    {ErrorCode::kRecheckDisabled, "RECHECK_DISABLED"},
    {ErrorCode::kChannelUnavailable, "CHANNEL_UNAVAILABLE"},
    {ErrorCode::kChannelRejected, "CHANNEL_REJECTED"},
}};

}  // namespace

std::string_view CodeName(ErrorCode code) {
  for (const auto& [c, name] : kNames) {
    if (c == code) return name;
  }
  return "INTERNAL";
}

bool ParseCodeName(std::string_view name, ErrorCode* code) {
  for (const auto& [c, n] : kNames) {
    if (n == name) {
      *code = c;
      return true;
    }
  }
  return false;
}

RetryClass RetryClassOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kPmsUnavailable:
    case ErrorCode::kChannelUnavailable:
    case ErrorCode::kStoreUnavailable:
    case ErrorCode::kDeadlineExceeded:
    case ErrorCode::kConflict:
      return RetryClass::kRetryWithBackoff;
    default:
      return RetryClass::kPermanent;
  }
}

std::string Error::ToString() const {
  std::string out(CodeName(code));
  out += ": ";
  out += message;
  return out;
}

}  // namespace chansync::core
