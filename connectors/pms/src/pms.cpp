#include "chansync/pms/pms.h"

namespace chansync::pms {

std::string_view PmsReservationStatusName(PmsReservationStatus status) {
  return status == PmsReservationStatus::kCancelled ? "cancelled" : "confirmed";
}

core::Result<PmsReservationStatus> ParsePmsReservationStatus(std::string_view text) {
  if (text == "confirmed") return PmsReservationStatus::kConfirmed;
  if (text == "cancelled") return PmsReservationStatus::kCancelled;
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "reservation status must be \"confirmed\" or \"cancelled\", got \"" +
                        std::string(text) + "\"");
}

}  // namespace chansync::pms
