#include "integration_record_json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "chansync/core/pooled_json_document.h"

namespace chansync::integration {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using rapidjson::Value;

void Str(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// Empty strings and zeros are left out: most records have no error and no options.
void OptStr(Writer& w, const char* key, const std::string& value) {
  if (!value.empty()) Str(w, key, value);
}

void OptInt(Writer& w, const char* key, int64_t value) {
  if (value == 0) return;
  w.Key(key);
  w.Int64(value);
}

std::unexpected<core::Error> Corrupt(std::string_view field) {
  return core::Fail(core::ErrorCode::kInternal,
                    "stored integration record is corrupt: field " + std::string(field));
}

std::string GetStr(const Value& o, const char* key) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

int64_t GetInt(const Value& o, const char* key) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsInt64()) return 0;
  return it->value.GetInt64();
}

}  // namespace

int64_t ToEpochMillis(core::Timestamp at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

core::Timestamp FromEpochMillis(int64_t ms) {
  return core::Timestamp(std::chrono::milliseconds(ms));
}

namespace {

void OptTime(Writer& w, const char* key, const std::optional<core::Timestamp>& at) {
  if (!at) return;
  w.Key(key);
  w.Int64(ToEpochMillis(*at));
}

std::optional<core::Timestamp> GetOptTime(const Value& o, const char* key) {
  if (!o.HasMember(key)) return std::nullopt;
  return FromEpochMillis(GetInt(o, key));
}

}  // namespace

std::string EncodeIntegrationRecord(const IntegrationRecord& record) {
  const core::Reservation& r = record.reservation;
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Str(w, "p", r.property);
  Str(w, "c", r.channel);
  Str(w, "r", r.channel_reservation_id);
  w.Key("sa");
  w.Int64(ToEpochMillis(r.sold_at));
  Str(w, "a", r.stay.arrival.ToString());
  Str(w, "d", r.stay.departure.ToString());
  Str(w, "g", r.guest_name);
  Str(w, "pr", r.product);
  if (!r.options.empty()) {
    w.Key("o");
    w.StartArray();
    for (const auto& line : r.options) {
      w.StartArray();
      w.String(line.option.data(), static_cast<rapidjson::SizeType>(line.option.size()));
      w.Int(line.quantity);
      w.EndArray();
    }
    w.EndArray();
  }
  OptInt(w, "m", r.price.minor_units);
  OptStr(w, "cu", r.price.currency);
  w.Key("rv");
  w.Int64(r.revision);
  Str(w, "rs", std::string(core::ReservationStatusName(r.status)));
  OptStr(w, "ck", r.check_id);
  OptInt(w, "pf", r.payment_failed ? 1 : 0);
  Str(w, "s", std::string(IntegrationStatusName(record.status)));
  OptInt(w, "av", record.availability_check == AvailabilityCheck::kTrue ? 1 : 0);
  OptStr(w, "pm", record.pms_reservation_id);
  OptInt(w, "ir", record.integrated_revision);
  OptInt(w, "ob", record.overbooked ? 1 : 0);
  if (record.error) {
    Str(w, "ec", std::string(core::CodeName(record.error->code)));
    Str(w, "em", record.error->message);
  }
  OptInt(w, "n", record.attempts);
  OptStr(w, "t", record.tracking_id);
  w.Key("ra");
  w.Int64(ToEpochMillis(record.received_at));
  w.Key("u");
  w.Int64(ToEpochMillis(record.updated_at));
  OptTime(w, "ia", record.integrated_at);
  OptTime(w, "na", record.next_attempt_at);
  OptTime(w, "ws", record.waiting_since);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

core::Result<IntegrationRecord> DecodeIntegrationRecord(std::string_view data) {
  core::PooledJsonDocument doc;
  doc.Parse(data.data(), data.size());
  if (doc.HasParseError() || !doc.IsObject()) return Corrupt("(not a JSON object)");
  IntegrationRecord record;
  core::Reservation& r = record.reservation;
  r.property = GetStr(doc, "p");
  r.channel = GetStr(doc, "c");
  r.channel_reservation_id = GetStr(doc, "r");
  r.sold_at = FromEpochMillis(GetInt(doc, "sa"));
  auto arrival = core::CivilDate::Parse(GetStr(doc, "a"));
  if (!arrival) return Corrupt("a");
  auto departure = core::CivilDate::Parse(GetStr(doc, "d"));
  if (!departure) return Corrupt("d");
  r.stay = core::Stay{*arrival, *departure};
  r.guest_name = GetStr(doc, "g");
  r.product = GetStr(doc, "pr");
  if (auto it = doc.FindMember("o"); it != doc.MemberEnd()) {
    if (!it->value.IsArray()) return Corrupt("o");
    for (const auto& line : it->value.GetArray()) {
      if (!line.IsArray() || line.Size() != 2 || !line[0].IsString() || !line[1].IsInt()) {
        return Corrupt("o");
      }
      r.options.push_back(
          {std::string(line[0].GetString(), line[0].GetStringLength()), line[1].GetInt()});
    }
  }
  r.price.minor_units = GetInt(doc, "m");
  r.price.currency = GetStr(doc, "cu");
  r.revision = GetInt(doc, "rv");
  auto reservation_status = core::ParseReservationStatus(GetStr(doc, "rs"));
  if (!reservation_status) return Corrupt("rs");
  r.status = *reservation_status;
  r.check_id = GetStr(doc, "ck");
  r.payment_failed = GetInt(doc, "pf") == 1;
  auto status = ParseIntegrationStatus(GetStr(doc, "s"));
  if (!status) return Corrupt("s");
  record.status = *status;
  record.availability_check =
      GetInt(doc, "av") == 1 ? AvailabilityCheck::kTrue : AvailabilityCheck::kError;
  record.pms_reservation_id = GetStr(doc, "pm");
  record.integrated_revision = GetInt(doc, "ir");
  record.overbooked = GetInt(doc, "ob") == 1;
  if (doc.HasMember("ec")) {
    core::ErrorCode code;
    if (!core::ParseCodeName(GetStr(doc, "ec"), &code)) return Corrupt("ec");
    record.error = core::Error{code, GetStr(doc, "em")};
  }
  record.attempts = static_cast<int>(GetInt(doc, "n"));
  record.tracking_id = GetStr(doc, "t");
  record.received_at = FromEpochMillis(GetInt(doc, "ra"));
  record.updated_at = FromEpochMillis(GetInt(doc, "u"));
  record.integrated_at = GetOptTime(doc, "ia");
  record.next_attempt_at = GetOptTime(doc, "na");
  record.waiting_since = GetOptTime(doc, "ws");
  return record;
}

}  // namespace chansync::integration
