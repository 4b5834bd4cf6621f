#include "chansync/core/reservation.h"

#include <set>

namespace chansync::core {
namespace {

std::unexpected<Error> Invalid(std::string message) {
  return Fail(ErrorCode::kInvalidReservation, std::move(message));
}

}  // namespace

std::string_view ReservationStatusName(ReservationStatus status) {
  switch (status) {
    case ReservationStatus::kNew:
      return "new";
    case ReservationStatus::kModified:
      return "modified";
    case ReservationStatus::kCancelled:
      return "cancelled";
  }
  return "new";
}

Result<ReservationStatus> ParseReservationStatus(std::string_view text) {
  if (text == "new") return ReservationStatus::kNew;
  if (text == "modified") return ReservationStatus::kModified;
  if (text == "cancelled") return ReservationStatus::kCancelled;
  return Invalid("status must be new, modified or cancelled, got \"" + std::string(text) + "\"");
}

Status ValidateReservation(const Reservation& r) {
  // Identifier errors are re-labelled: a portal needs one code for "your reservation is wrong".
  for (auto [field, value] : {std::pair<std::string_view, std::string_view>{"channel", r.channel},
                              {"channel_reservation_id", r.channel_reservation_id},
                              {"property", r.property},
                              {"product", r.product}}) {
    if (auto s = ValidateId(field, value); !s) return Invalid(s.error().message);
  }
  if (r.stay.departure <= r.stay.arrival) {
    return Invalid("stay.departure must be after stay.arrival");
  }
  if (r.stay.Nights() > 366) return Invalid("stay is longer than 366 nights");
  if (r.guest_name.empty()) return Invalid("guest_name is required");
  if (r.guest_name.size() > 200) return Invalid("guest_name is longer than 200 characters");
  if (!IsCurrencyCode(r.price.currency)) {
    return Invalid("price.currency must be an ISO 4217 code such as EUR");
  }
  if (r.price.minor_units < 0) return Invalid("price.minor_units must not be negative");
  if (r.revision < 1) return Invalid("revision must be 1 or more");
  std::set<std::string_view> seen;
  for (const auto& line : r.options) {
    if (auto s = ValidateId("options.option", line.option); !s) return Invalid(s.error().message);
    if (line.quantity < 1) {
      return Invalid("options.quantity of \"" + line.option + "\" must be 1 or more");
    }
    if (!seen.insert(line.option).second) {
      return Invalid("option \"" + line.option + "\" appears twice");
    }
  }
  return Ok();
}

}  // namespace chansync::core
