// The reservation JSON decoder (core/reservation_json.h), as a portal body with the channel in
// the URL and as a stored record. A decoded reservation must encode and decode to itself (to the
// millisecond the encoder keeps of `sold_at`), and a refusal must be INVALID_RESERVATION naming
// the field.
#include <chrono>
#include <string>
#include <string_view>

#include "chansync/core/reservation_json.h"
#include "fuzz_target.h"
#include "round_trip.h"

namespace chansync::fuzz {
namespace {

void CheckRoundTrip(const core::Reservation& decoded) {
  const std::string encoded = core::ReservationToJson(decoded);
  auto again = core::ReservationFromJson(encoded);
  FUZZ_CHECK(again.has_value(), "re-decoding failed: " + again.error().ToString() + "\n" + encoded);
  // Compared in milliseconds: flooring a time near the range's start back to nanoseconds
  // would overflow.
  auto millis = [](core::Timestamp at) {
    return std::chrono::floor<std::chrono::milliseconds>(at.time_since_epoch());
  };
  FUZZ_CHECK(millis(again->sold_at) == millis(decoded.sold_at), "sold_at changed: " + encoded);
  core::Reservation expected = decoded;
  expected.sold_at = again->sold_at;
  FUZZ_CHECK(*again == expected, "the round trip changed the reservation: " + encoded);
  FUZZ_CHECK(core::ReservationToJson(*again) == encoded, "encoding is not stable: " + encoded);
}

void FuzzReservationJson(std::string_view input) {
  for (std::string_view url_channel : {std::string_view{}, std::string_view{"secureholiday"}}) {
    auto decoded = core::ReservationFromJson(input, url_channel);
    if (!decoded) {
      CheckRefusal(decoded.error(), core::ErrorCode::kInvalidReservation);
      continue;
    }
    if (!url_channel.empty()) {
      FUZZ_CHECK(decoded->channel == url_channel, "the channel of the URL was not kept");
    }
    CheckRoundTrip(*decoded);
  }
}

}  // namespace
}  // namespace chansync::fuzz

CHANSYNC_FUZZ_TARGET("reservation_json", chansync::fuzz::FuzzReservationJson)
