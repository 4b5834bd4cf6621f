#include "chansync/channel/work_item.h"

#include <rapidjson/document.h>

#include "chansync/core/reservation_json.h"
#include "chansync/core/reservation_json_value.h"

namespace chansync::channel {

std::string WorkItemToJson(const WorkItem& item) {
  // The reservation is already JSON; splice it in rather than parse and re-serialise it.
  std::string out = "{\"reservation\":";
  out += core::ReservationToJson(item.reservation);
  out += ",\"received_at\":\"" + core::FormatTimestamp(item.received_at) + "\"";
  out += ",\"forced\":";
  out += item.forced ? "true" : "false";
  out += ",\"allow_overbooking\":";
  out += item.allow_overbooking ? "true" : "false";
  out += "}";
  return out;
}

core::Result<WorkItem> WorkItemFromJson(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return core::Fail(core::ErrorCode::kInvalidReservation, "work item: not a JSON object");
  }
  auto reservation = doc.FindMember("reservation");
  if (reservation == doc.MemberEnd() || !reservation->value.IsObject()) {
    return core::Fail(core::ErrorCode::kInvalidReservation, "work item: reservation is missing");
  }
  auto parsed = core::ReservationFromJsonValue(reservation->value);
  if (!parsed) return std::unexpected(parsed.error());
  WorkItem item;
  item.reservation = std::move(*parsed);
  if (auto at = doc.FindMember("received_at"); at != doc.MemberEnd() && at->value.IsString()) {
    auto ts = core::ParseTimestamp(at->value.GetString());
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
