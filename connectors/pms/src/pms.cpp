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

std::vector<core::Result<ReservationWriteResult>> Pms::WriteMany(
    const std::vector<ReservationWrite>& writes, size_t /*max_in_flight*/,
    const CallOptions& call) {
  std::vector<core::Result<ReservationWriteResult>> results;
  results.reserve(writes.size());
  for (const ReservationWrite& write : writes) {
    if (const auto* create = std::get_if<CreateReservationRequest>(&write.request)) {
      auto created = CreateReservation(write.property, *create, call);
      if (!created) {
        results.emplace_back(std::unexpected(created.error()));
      } else {
        results.emplace_back(
            ReservationWriteResult{std::move(created->pms_reservation_id), created->overbooked});
      }
    } else if (const auto* modify = std::get_if<ModifyReservationRequest>(&write.request)) {
      auto modified = ModifyReservation(write.property, *modify, call);
      if (!modified) {
        results.emplace_back(std::unexpected(modified.error()));
      } else {
        results.emplace_back(ReservationWriteResult{"", modified->overbooked});
      }
    } else {
      const auto& cancel = std::get<CancelReservationRequest>(write.request);
      auto cancelled = CancelReservation(write.property, cancel.pms_reservation_id, call);
      if (!cancelled) {
        results.emplace_back(std::unexpected(cancelled.error()));
      } else {
        results.emplace_back(ReservationWriteResult{});
      }
    }
  }
  return results;
}

std::vector<core::Result<std::vector<PmsReservation>>> Pms::FindMany(
    const std::vector<ReservationLookup>& lookups, size_t /*max_in_flight*/,
    const CallOptions& call) {
  std::vector<core::Result<std::vector<PmsReservation>>> results;
  results.reserve(lookups.size());
  for (const ReservationLookup& lookup : lookups) {
    results.push_back(
        FindReservations(lookup.property, lookup.channel, lookup.channel_reservation_id, call));
  }
  return results;
}

}  // namespace chansync::pms
