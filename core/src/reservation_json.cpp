#include "chansync/core/reservation_json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "chansync/core/json_fields.h"
#include "chansync/core/reservation_json_value.h"

namespace chansync::core {
namespace {

using rapidjson::Value;

constexpr json::FieldReader kFields(ErrorCode::kInvalidReservation);

std::unexpected<Error> Invalid(std::string_view field, std::string_view what) {
  return kFields.Invalid(field, what);
}

Result<CivilDate> DateField(const Value& object, const char* key) {
  ASSIGN_OR_RETURN(auto text, kFields.String(object, key, true));
  auto date = CivilDate::Parse(text);
  if (!date) return Invalid(key, date.error().message);
  return date;
}

}  // namespace

std::string ReservationToJson(const Reservation& r) {
  // Room for a typical reservation, so the buffer is not grown while writing.
  rapidjson::StringBuffer buffer(nullptr, 512);
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("channel");
  w.String(r.channel.c_str(), r.channel.size());
  w.Key("channel_reservation_id");
  w.String(r.channel_reservation_id.c_str(), r.channel_reservation_id.size());
  w.Key("property");
  w.String(r.property.c_str(), r.property.size());
  w.Key("sold_at");
  const std::string sold_at = FormatTimestamp(r.sold_at);
  w.String(sold_at.c_str(), sold_at.size());
  w.Key("arrival");
  const std::string arrival = r.stay.arrival.ToString();
  w.String(arrival.c_str(), arrival.size());
  w.Key("departure");
  const std::string departure = r.stay.departure.ToString();
  w.String(departure.c_str(), departure.size());
  w.Key("guest_name");
  w.String(r.guest_name.c_str(), r.guest_name.size());
  w.Key("product");
  w.String(r.product.c_str(), r.product.size());
  w.Key("options");
  w.StartArray();
  for (const auto& line : r.options) {
    w.StartObject();
    w.Key("option");
    w.String(line.option.c_str(), line.option.size());
    w.Key("quantity");
    w.Int(line.quantity);
    w.EndObject();
  }
  w.EndArray();
  w.Key("price");
  w.StartObject();
  w.Key("amount_minor");
  w.Int64(r.price.minor_units);
  w.Key("currency");
  w.String(r.price.currency.c_str(), r.price.currency.size());
  w.EndObject();
  w.Key("revision");
  w.Int64(r.revision);
  w.Key("status");
  const std::string_view status = ReservationStatusName(r.status);
  w.String(status.data(), static_cast<rapidjson::SizeType>(status.size()));
  w.Key("check_id");
  w.String(r.check_id.c_str(), r.check_id.size());
  if (r.payment_failed) {
    w.Key("payment_failed");
    w.Bool(true);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<Reservation> ReservationFromJson(std::string_view json, std::string_view channel) {
  ASSIGN_OR_RETURN(auto doc, kFields.Parse(json));
  return ReservationFromJsonValue(doc, channel);
}

Result<Reservation> ReservationFromJsonValue(const rapidjson::Value& doc,
                                             std::string_view channel) {
  if (!doc.IsObject()) return Invalid("body", "must be a JSON object");
  Reservation r;
  auto assign = [&](std::string* out, const char* key, bool required) -> Status {
    ASSIGN_OR_RETURN(auto value, kFields.String(doc, key, required));
    *out = std::move(value);
    return Ok();
  };
  RETURN_IF_ERROR(assign(&r.channel, "channel", channel.empty()));
  if (!channel.empty()) {
    if (!r.channel.empty() && r.channel != channel) {
      return Invalid("channel", "\"" + r.channel + "\" does not match the channel of the URL");
    }
    r.channel = std::string(channel);
  }
  struct StringSpec {
    std::string* out;
    const char* key;
    bool required;
  };
  for (const StringSpec& spec :
       {StringSpec{&r.channel_reservation_id, "channel_reservation_id", true},
        StringSpec{&r.property, "property", true}, StringSpec{&r.guest_name, "guest_name", true},
        StringSpec{&r.product, "product", true}, StringSpec{&r.check_id, "check_id", false}}) {
    RETURN_IF_ERROR(assign(spec.out, spec.key, spec.required));
  }
  ASSIGN_OR_RETURN(auto arrival, DateField(doc, "arrival"));
  ASSIGN_OR_RETURN(auto departure, DateField(doc, "departure"));
  r.stay = Stay{arrival, departure};

  std::string sold_at;
  RETURN_IF_ERROR(assign(&sold_at, "sold_at", false));
  if (!sold_at.empty()) {
    auto at = ParseTimestamp(sold_at);
    if (!at) return Invalid("sold_at", at.error().message);
    // ParseTimestamp saturates a time a Timestamp cannot hold to the range's edge; taken as sent,
    // the reservation would carry another time than the portal's.
    if (*at == Timestamp::min() || *at == Timestamp::max()) {
      return Invalid("sold_at", "must be between the years 1678 and 2261");
    }
    r.sold_at = *at;
  }
  ASSIGN_OR_RETURN(auto options, kFields.OptionLines(doc));
  r.options = std::move(options);
  auto price = doc.FindMember("price");
  if (price == doc.MemberEnd() || !price->value.IsObject()) {
    return Invalid("price", "is required: {\"amount_minor\": 84900, \"currency\": \"EUR\"}");
  }
  auto amount = price->value.FindMember("amount_minor");
  if (amount == price->value.MemberEnd() || !amount->value.IsInt64()) {
    return Invalid("price.amount_minor", "is required and must be an integer (minor units)");
  }
  r.price.minor_units = amount->value.GetInt64();
  auto currency = kFields.String(price->value, "currency", true);
  if (!currency) return Invalid("price.currency", "is required and must be a string");
  r.price.currency = std::move(*currency);
  if (auto rev = doc.FindMember("revision"); rev != doc.MemberEnd()) {
    if (!rev->value.IsInt64()) return Invalid("revision", "must be an integer");
    r.revision = rev->value.GetInt64();
  }
  std::string status;
  RETURN_IF_ERROR(assign(&status, "status", false));
  if (!status.empty()) {
    ASSIGN_OR_RETURN(r.status, ParseReservationStatus(status));
  }
  if (const Value* payment_failed = json::Find(doc, "payment_failed");
      payment_failed != nullptr && !payment_failed->IsNull()) {
    if (!payment_failed->IsBool()) return Invalid("payment_failed", "must be true or false");
    r.payment_failed = payment_failed->GetBool();
  }
  RETURN_IF_ERROR(ValidateReservation(r));
  return r;
}

}  // namespace chansync::core
