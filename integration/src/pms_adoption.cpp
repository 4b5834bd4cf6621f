#include "chansync/integration/pms_adoption.h"

#include <charconv>
#include <string_view>

namespace chansync::integration {

std::optional<int64_t> RevisionInIdempotencyKey(const std::string& channel,
                                                const std::string& channel_reservation_id,
                                                const std::string& key) {
  // Matched on the known prefix rather than split on ':', which ids may contain.
  const std::string prefix = channel + ":" + channel_reservation_id + ":r";
  if (!key.starts_with(prefix)) return std::nullopt;
  std::string_view rest = std::string_view(key).substr(prefix.size());
  if (rest.ends_with(":overbook")) rest.remove_suffix(std::string_view(":overbook").size());
  int64_t revision = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), revision);
  if (error != std::errc() || end != rest.data() + rest.size() || rest.empty()) return std::nullopt;
  return revision;
}

PmsAdoption DecideAdoption(const core::Reservation& reservation, bool forced,
                           const std::vector<pms::PmsReservation>& found) {
  using Kind = PmsAdoption::Kind;
  if (found.empty()) return {Kind::kCreate, nullptr};
  const pms::PmsReservation* held = &found.front();
  for (const auto& candidate : found) {
    if (candidate.status == pms::PmsReservationStatus::kConfirmed) {
      held = &candidate;
      break;
    }
  }
  const bool cancelled_in_pms = held->status == pms::PmsReservationStatus::kCancelled;
  if (reservation.status == core::ReservationStatus::kCancelled) {
    return {cancelled_in_pms ? Kind::kAlreadyThere : Kind::kWrite, held};
  }
  if (cancelled_in_pms) return {Kind::kCancelledInPms, held};
  if (forced) return {Kind::kWrite, held};
  const auto revision = RevisionInIdempotencyKey(
      reservation.channel, reservation.channel_reservation_id, held->last_idempotency_key);
  // A PMS that does not say which revision it holds gets this one written: a modify with this
  // revision's key, harmless when it already has it.
  if (!revision || *revision < reservation.revision) return {Kind::kWrite, held};
  return {*revision == reservation.revision ? Kind::kAlreadyThere : Kind::kStale, held};
}

}  // namespace chansync::integration
