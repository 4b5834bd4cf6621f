#include "chansync/channel/availability_checks.h"

#include <set>

namespace chansync::channel {

std::string_view CheckOutcomeName(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::kAvailable:
      return "AVAILABLE";
    case CheckOutcome::kUnavailable:
      return "UNAVAILABLE";
    case CheckOutcome::kError:
      return "ERROR";
  }
  return "ERROR";
}

core::Result<CheckOutcome> ParseCheckOutcome(std::string_view text) {
  for (auto outcome :
       {CheckOutcome::kAvailable, CheckOutcome::kUnavailable, CheckOutcome::kError}) {
    if (CheckOutcomeName(outcome) == text) return outcome;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "unknown availability outcome \"" + std::string(text) + "\"");
}

core::Status ValidateAvailabilityCheckRequest(const AvailabilityCheckRequest& request) {
  for (auto [field, value] :
       {std::pair<std::string_view, std::string_view>{"channel", request.channel},
        {"property", request.property},
        {"product", request.product}}) {
    RETURN_IF_ERROR(core::ValidateId(field, value));
  }
  if (request.stay.departure <= request.stay.arrival) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "departure must be after arrival");
  }
  if (request.stay.Nights() > 366) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "departure: stay is longer than 366 nights");
  }
  std::set<std::string_view> seen;
  for (size_t i = 0; i < request.options.size(); ++i) {
    const auto& line = request.options[i];
    const std::string field = "options[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(core::ValidateId(field + ".option", line.option));
    if (line.quantity < 1) {
      return core::Fail(core::ErrorCode::kInvalidArgument, field + ".quantity must be 1 or more");
    }
    if (!seen.insert(line.option).second) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        field + ".option \"" + line.option + "\" appears twice");
    }
  }
  return core::Ok();
}

}  // namespace chansync::channel
