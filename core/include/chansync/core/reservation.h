#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chansync/core/civil_date.h"
#include "chansync/core/error.h"
#include "chansync/core/ids.h"
#include "chansync/core/money.h"

namespace chansync::core {

using Timestamp = std::chrono::system_clock::time_point;

enum class ReservationStatus { kNew, kModified, kCancelled };

std::string_view ReservationStatusName(ReservationStatus status);  // "new" | "modified" | ...
Result<ReservationStatus> ParseReservationStatus(std::string_view text);

struct OptionLine {
  ChannelOptionId option;
  int quantity = 1;

  friend bool operator==(const OptionLine&, const OptionLine&) = default;
};

// A reservation as a channel sold it. (channel, channel_reservation_id) identifies it across
// revisions; each modification or cancellation from the channel carries a higher revision.
struct Reservation {
  ChannelId channel;
  std::string channel_reservation_id;
  PropertyId property;
  Timestamp sold_at{};
  Stay stay;
  std::string guest_name;
  ChannelProductId product;
  std::vector<OptionLine> options;
  Money price;
  int64_t revision = 1;
  ReservationStatus status = ReservationStatus::kNew;
  std::string check_id;  // availability check made while booking, if any
  // The portal reports that the guest's payment failed. The reservation stays as it is (in the
  // PMS too, flagged there): only a cancellation cancels.
  bool payment_failed = false;

  friend bool operator==(const Reservation&, const Reservation&) = default;
};

// What a portal may send. Each bound is far beyond any real booking; they exist so hostile or
// broken input cannot reach the queue, the PMS or the log.
inline constexpr int64_t kMaxNights = 366;
inline constexpr size_t kMaxOptionLines = 100;
inline constexpr int kMaxOptionQuantity = 999;
inline constexpr int64_t kMaxRevision = 2147483647;  // 2^31 - 1
inline constexpr size_t kMaxGuestNameBytes = 200;
inline constexpr int64_t kMaxPriceMinorUnits = 1'000'000'000'000;
// Stay window around the day of receipt (UTC): a new stay may start yesterday at the earliest
// (a property ahead of UTC is already on the next day), a modified or cancelled one may have
// begun but not ended before yesterday; no stay starts more than five years ahead.
inline constexpr int64_t kMaxDaysAhead = 5 * 365 + 2;
inline constexpr int64_t kMaxDaysBehind = 1;

// INVALID_RESERVATION naming the first offending field: identifiers (core::ValidateId), a stay
// of 1..kMaxNights nights, a guest name of 1..kMaxGuestNameBytes bytes, price, revision of 1 or
// more, distinct options of quantity 1 or more. What a stored or queued reservation must be, so
// it stays loose enough to read back whatever was accepted before.
Status ValidateReservation(const Reservation& reservation);

// Everything a reservation must be to be accepted (the Ingestor runs it for HTTP, gRPC and the
// CLI): ValidateReservation, then the bounds above — check id (core::ValidateId), guest name
// (core::ValidateText), price, revision, at most kMaxOptionLines options of quantity up to
// kMaxOptionQuantity — the stay window around `now` and a sale time (when given) no later than
// a day after `now`.
Status ValidateReceivedReservation(const Reservation& reservation, Timestamp now);

}  // namespace chansync::core
