#include "chansync/channel/work_item.h"

#include <rapidjson/document.h>

#include "chansync/core/json_parse.h"
#include "chansync/core/reservation_json.h"
#include "chansync/core/reservation_json_value.h"

namespace chansync::channel {

std::string WorkItemToJson(const WorkItem& item) {
  // The reservation is already JSON; splice it in rather than parse and re-serialise it.
  const std::string reservation = core::ReservationToJson(item.reservation);
  std::string out;
  out.reserve(reservation.size() + 112);
  out += "{\"reservation\":";
  out += reservation;
  out += ",\"received_at\":\"";
  out += core::FormatTimestamp(item.received_at);
  out += '"';
  out += ",\"forced\":";
  out += item.forced ? "true" : "false";
  out += ",\"allow_overbooking\":";
  out += item.allow_overbooking ? "true" : "false";
  out += "}";
  return out;
}

core::Result<WorkItem> WorkItemFromJson(std::string_view json) {
  // A work item's DOM fits in a few kilobytes: parse into a buffer on the stack instead of the
  // 64 KiB the default document allocates first.
  char pool[8192];
  rapidjson::MemoryPoolAllocator<> allocator(pool, sizeof pool);
  rapidjson::Document doc(&allocator, 512);
  if (!core::json::ParseUntrusted(doc, json) || !doc.IsObject()) {
    return core::Fail(core::ErrorCode::kInvalidReservation, "work item: not a JSON object");
  }
  auto reservation = doc.FindMember("reservation");
  if (reservation == doc.MemberEnd() || !reservation->value.IsObject()) {
    return core::Fail(core::ErrorCode::kInvalidReservation, "work item: reservation is missing");
  }
  ASSIGN_OR_RETURN(auto parsed, core::ReservationFromJsonValue(reservation->value));
  WorkItem item;
  item.reservation = std::move(parsed);
  if (auto at = doc.FindMember("received_at"); at != doc.MemberEnd() && at->value.IsString()) {
    auto ts = core::ParseTimestamp({at->value.GetString(), at->value.GetStringLength()});
    if (!ts) return core::Fail(core::ErrorCode::kInvalidReservation, "work item: received_at");
    item.received_at = *ts;
  }
  if (auto f = doc.FindMember("forced"); f != doc.MemberEnd() && f->value.IsBool()) {
    item.forced = f->value.GetBool();
  }
  if (auto a = doc.FindMember("allow_overbooking"); a != doc.MemberEnd() && a->value.IsBool()) {
    item.allow_overbooking = a->value.GetBool();
  }
  return item;
}

}  // namespace chansync::channel
