#include "chansync/core/reservation.h"

#include <chrono>
#include <string>

#include "chansync/core/reservation_json.h"
#include "chansync/core/text.h"

namespace chansync::core {
namespace {

std::unexpected<Error> Invalid(std::string message) {
  return Fail(ErrorCode::kInvalidReservation, std::move(message));
}

// What ValidateReceivedReservation adds to ValidateReservation: bounds that are checked at the
// door only, so a reservation accepted before they existed is still read back from the queue.
Status ValidateBounds(const Reservation& r) {
  if (!r.check_id.empty()) {
    if (auto s = ValidateId("check_id", r.check_id); !s) return Invalid(s.error().message);
  }
  if (auto s = ValidateText("guest_name", r.guest_name, kMaxGuestNameBytes); !s) {
    return Invalid(s.error().message);
  }
  if (r.price.minor_units > kMaxPriceMinorUnits) {
    return Invalid("price.minor_units must be 0.." + std::to_string(kMaxPriceMinorUnits));
  }
  if (r.revision > kMaxRevision) {
    return Invalid("revision must be 1.." + std::to_string(kMaxRevision));
  }
  if (r.options.size() > kMaxOptionLines) {
    return Invalid("options: at most " + std::to_string(kMaxOptionLines) + " lines, got " +
                   std::to_string(r.options.size()));
  }
  for (const auto& line : r.options) {
    if (line.quantity > kMaxOptionQuantity) {
      return Invalid("options.quantity of \"" + line.option + "\" must be 1.." +
                     std::to_string(kMaxOptionQuantity));
    }
  }
  return Ok();
}

Status ValidateStayWindow(const Reservation& r, Timestamp now) {
  const auto days = std::chrono::floor<std::chrono::days>(now.time_since_epoch()).count();
  const CivilDate today = CivilDate::FromDaysSinceEpoch(days);
  const CivilDate earliest = today.AddDays(-kMaxDaysBehind);
  if (r.status == ReservationStatus::kNew && r.stay.arrival < earliest) {
    return Invalid("arrival " + r.stay.arrival.ToString() + " is before " + earliest.ToString());
  }
  if (r.stay.departure < earliest) {
    return Invalid("departure " + r.stay.departure.ToString() + " is before " +
                   earliest.ToString());
  }
  if (const CivilDate latest = today.AddDays(kMaxDaysAhead); r.stay.arrival > latest) {
    return Invalid("arrival " + r.stay.arrival.ToString() + " is after " + latest.ToString());
  }
  return Ok();
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
  if (r.stay.Nights() > kMaxNights) {
    return Invalid("stay is longer than " + std::to_string(kMaxNights) + " nights");
  }
  if (r.guest_name.empty()) return Invalid("guest_name is required");
  if (r.guest_name.size() > kMaxGuestNameBytes) {
    return Invalid("guest_name is longer than " + std::to_string(kMaxGuestNameBytes) + " bytes");
  }
  if (!IsCurrencyCode(r.price.currency)) {
    return Invalid("price.currency must be an ISO 4217 code such as EUR");
  }
  if (r.price.minor_units < 0) return Invalid("price.minor_units must not be negative");
  if (r.revision < 1) return Invalid("revision must be 1 or more");
  // Few lines: a linear scan beats building a set.
  for (size_t i = 0; i < r.options.size(); ++i) {
    const OptionLine& line = r.options[i];
    if (auto s = ValidateId("options.option", line.option); !s) return Invalid(s.error().message);
    if (line.quantity < 1) {
      return Invalid("options.quantity of \"" + line.option + "\" must be 1 or more");
    }
    for (size_t k = 0; k < i; ++k) {
      if (r.options[k].option == line.option) {
        return Invalid("option \"" + line.option + "\" appears twice");
      }
    }
  }
  return Ok();
}

Status ValidateReceivedReservation(const Reservation& r, Timestamp now) {
  RETURN_IF_ERROR(ValidateReservation(r));
  RETURN_IF_ERROR(ValidateBounds(r));
  RETURN_IF_ERROR(ValidateStayWindow(r, now));
  if (r.sold_at > now + std::chrono::days(1)) {
    return Invalid("sold_at " + FormatTimestamp(r.sold_at) + " is in the future");
  }
  return Ok();
}

}  // namespace chansync::core
