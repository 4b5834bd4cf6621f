#include "chansync/pms/json_wire.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>

#include "chansync/core/error_json.h"
#include "chansync/core/pooled_json_document.h"

namespace chansync::pms::wire {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Key(Writer& w, std::string_view key) { w.Key(key.data(), key.size()); }
void Str(Writer& w, std::string_view value) { w.String(value.data(), value.size()); }

void WriteStay(Writer& w, const core::Stay& stay) {
  Key(w, "stay");
  w.StartObject();
  Key(w, "arrival");
  Str(w, stay.arrival.ToString());
  Key(w, "departure");
  Str(w, stay.departure.ToString());
  w.EndObject();
}

void WritePrice(Writer& w, const core::Money& price) {
  Key(w, "price");
  w.StartObject();
  Key(w, "amount");
  w.Int64(price.minor_units);
  Key(w, "currency");
  Str(w, price.currency);
  w.EndObject();
}

void WriteOptions(Writer& w, const std::vector<OptionQuantity>& options) {
  Key(w, "options");
  w.StartArray();
  for (const auto& line : options) {
    w.StartObject();
    Key(w, "id");
    Str(w, line.option);
    Key(w, "quantity");
    w.Int(line.quantity);
    w.EndObject();
  }
  w.EndArray();
}

// Product, options, stay, guest and price: the part shared by creates, modifies and reads.
void WriteBookingFields(Writer& w, const core::PmsProductId& product,
                        const std::vector<OptionQuantity>& options, const core::Stay& stay,
                        const std::string& guest_name, const core::Money& price) {
  Key(w, "product");
  Str(w, product);
  WriteOptions(w, options);
  WriteStay(w, stay);
  Key(w, "guest_name");
  Str(w, guest_name);
  WritePrice(w, price);
}

std::string Done(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

core::Error Bad(std::string_view what) {
  return core::Error{ErrorCode::kInvalidArgument, std::string(what)};
}

Result<core::PooledJsonDocument> ParseObject(std::string_view json) {
  core::PooledJsonDocument doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) return std::unexpected(Bad("body is not valid JSON"));
  if (!doc.IsObject()) return std::unexpected(Bad("body is not a JSON object"));
  return doc;
}

const rapidjson::Value* Member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

Result<std::string> GetString(const rapidjson::Value& object, const char* name) {
  const auto* value = Member(object, name);
  if (value == nullptr || !value->IsString()) {
    return std::unexpected(Bad(std::string(name) + " must be a string"));
  }
  return std::string(value->GetString(), value->GetStringLength());
}

Result<int> GetInt(const rapidjson::Value& object, const char* name) {
  const auto* value = Member(object, name);
  if (value == nullptr || !value->IsInt()) {
    return std::unexpected(Bad(std::string(name) + " must be an integer"));
  }
  return value->GetInt();
}

Result<bool> GetBool(const rapidjson::Value& object, const char* name, bool fallback) {
  const auto* value = Member(object, name);
  if (value == nullptr) return fallback;
  if (!value->IsBool()) return std::unexpected(Bad(std::string(name) + " must be true or false"));
  return value->GetBool();
}

Result<const rapidjson::Value*> GetArray(const rapidjson::Value& object, const char* name) {
  const auto* value = Member(object, name);
  if (value == nullptr || !value->IsArray()) {
    return std::unexpected(Bad(std::string(name) + " must be an array"));
  }
  return value;
}

Result<core::CivilDate> GetDate(const rapidjson::Value& object, const char* name) {
  ASSIGN_OR_RETURN(auto text, GetString(object, name));
  auto date = core::CivilDate::Parse(text);
  if (!date) return std::unexpected(Bad(std::string(name) + ": " + date.error().message));
  return *date;
}

Result<core::Stay> GetStay(const rapidjson::Value& object) {
  const auto* stay = Member(object, "stay");
  if (stay == nullptr || !stay->IsObject()) {
    return std::unexpected(Bad("stay must be an object with arrival and departure"));
  }
  ASSIGN_OR_RETURN(auto arrival, GetDate(*stay, "arrival"));
  ASSIGN_OR_RETURN(auto departure, GetDate(*stay, "departure"));
  auto made = core::Stay::Make(arrival, departure);
  if (!made) return std::unexpected(Bad("stay: " + made.error().message));
  return *made;
}

Result<core::Money> GetPrice(const rapidjson::Value& object) {
  const auto* price = Member(object, "price");
  if (price == nullptr || !price->IsObject()) {
    return std::unexpected(Bad("price must be an object with amount and currency"));
  }
  const auto* amount = Member(*price, "amount");
  if (amount == nullptr || !amount->IsInt64()) {
    return std::unexpected(Bad("price.amount must be an integer number of minor units"));
  }
  auto currency = GetString(*price, "currency");
  if (!currency) return std::unexpected(Bad("price.currency must be a string"));
  auto money = core::Money::Make(amount->GetInt64(), *currency);
  if (!money) return std::unexpected(Bad("price.currency: " + money.error().message));
  return *money;
}

Result<std::vector<OptionQuantity>> GetOptionLines(const rapidjson::Value& object) {
  std::vector<OptionQuantity> lines;
  const auto* options = Member(object, "options");
  if (options == nullptr) return lines;
  if (!options->IsArray()) return std::unexpected(Bad("options must be an array"));
  for (const auto& entry : options->GetArray()) {
    if (!entry.IsObject()) return std::unexpected(Bad("options[] must be objects"));
    auto id = GetString(entry, "id");
    if (!id) return std::unexpected(Bad("options[].id must be a string"));
    auto quantity = GetInt(entry, "quantity");
    if (!quantity) return std::unexpected(Bad("options[].quantity must be an integer"));
    lines.push_back({std::move(*id), *quantity});
  }
  return lines;
}

// Reads the fields shared by create and modify bodies and by reservations into `out` (a
// PmsReservation, CreateReservationRequest or ModifyReservationRequest).
template <typename Booking>
core::Status ReadBookingFields(const rapidjson::Value& object, Booking* out) {
  ASSIGN_OR_RETURN(out->product, GetString(object, "product"));
  ASSIGN_OR_RETURN(out->options, GetOptionLines(object));
  ASSIGN_OR_RETURN(out->stay, GetStay(object));
  ASSIGN_OR_RETURN(out->guest_name, GetString(object, "guest_name"));
  ASSIGN_OR_RETURN(out->price, GetPrice(object));
  return core::Ok();
}

void WriteReservationObject(Writer& w, const PmsReservation& r) {
  w.StartObject();
  Key(w, "id");
  Str(w, r.id);
  Key(w, "status");
  Str(w, PmsReservationStatusName(r.status));
  Key(w, "channel");
  Str(w, r.channel);
  Key(w, "channel_reservation_id");
  Str(w, r.channel_reservation_id);
  WriteBookingFields(w, r.product, r.options, r.stay, r.guest_name, r.price);
  Key(w, "overbooked");
  w.Bool(r.overbooked);
  w.EndObject();
}

Result<PmsReservation> ReadReservationObject(const rapidjson::Value& object) {
  if (!object.IsObject()) return std::unexpected(Bad("a reservation must be an object"));
  PmsReservation r;
  ASSIGN_OR_RETURN(r.id, GetString(object, "id"));
  ASSIGN_OR_RETURN(auto status_text, GetString(object, "status"));
  auto status = ParsePmsReservationStatus(status_text);
  if (!status) return std::unexpected(Bad(status.error().message));
  r.status = *status;
  ASSIGN_OR_RETURN(r.channel, GetString(object, "channel"));
  ASSIGN_OR_RETURN(r.channel_reservation_id, GetString(object, "channel_reservation_id"));
  RETURN_IF_ERROR(ReadBookingFields(object, &r));
  ASSIGN_OR_RETURN(r.overbooked, GetBool(object, "overbooked", false));
  return r;
}

std::string Snippet(std::string_view body) {
  constexpr size_t kMax = 200;
  return std::string(body.substr(0, kMax)) + (body.size() > kMax ? "..." : "");
}

}  // namespace

std::string EncodeProducts(const std::vector<core::PmsProduct>& products) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "products");
  w.StartArray();
  for (const auto& p : products) {
    w.StartObject();
    Key(w, "id");
    Str(w, p.id);
    Key(w, "name");
    Str(w, p.name);
    Key(w, "units");
    w.Int(p.units);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Done(buffer);
}

Result<std::vector<core::PmsProduct>> DecodeProducts(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  ASSIGN_OR_RETURN(auto array, GetArray(doc, "products"));
  std::vector<core::PmsProduct> products;
  for (const auto& entry : array->GetArray()) {
    if (!entry.IsObject()) return std::unexpected(Bad("products[] must be objects"));
    auto id = GetString(entry, "id");
    auto name = GetString(entry, "name");
    auto units = GetInt(entry, "units");
    if (!id || !name || !units) {
      return std::unexpected(Bad("products[] need id, name (strings) and units (integer)"));
    }
    products.push_back({std::move(*id), std::move(*name), *units});
  }
  return products;
}

std::string EncodeOptions(const std::vector<core::PmsOption>& options) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "options");
  w.StartArray();
  for (const auto& o : options) {
    w.StartObject();
    Key(w, "id");
    Str(w, o.id);
    Key(w, "name");
    Str(w, o.name);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Done(buffer);
}

Result<std::vector<core::PmsOption>> DecodeOptions(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  ASSIGN_OR_RETURN(auto array, GetArray(doc, "options"));
  std::vector<core::PmsOption> options;
  for (const auto& entry : array->GetArray()) {
    if (!entry.IsObject()) return std::unexpected(Bad("options[] must be objects"));
    auto id = GetString(entry, "id");
    auto name = GetString(entry, "name");
    if (!id || !name) return std::unexpected(Bad("options[] need id and name (strings)"));
    options.push_back({std::move(*id), std::move(*name)});
  }
  return options;
}

std::string EncodeAvailability(core::CivilDate from, core::CivilDate to,
                               const std::vector<ProductAvailability>& products) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "from");
  Str(w, from.ToString());
  Key(w, "to");
  Str(w, to.ToString());
  Key(w, "products");
  w.StartArray();
  for (const auto& p : products) {
    w.StartObject();
    Key(w, "id");
    Str(w, p.product);
    Key(w, "free");
    w.StartArray();
    for (int free : p.free_units) w.Int(free);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Done(buffer);
}

Result<std::vector<ProductAvailability>> DecodeAvailability(std::string_view json,
                                                            core::CivilDate from,
                                                            core::CivilDate to) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  ASSIGN_OR_RETURN(auto array, GetArray(doc, "products"));
  const int64_t nights = core::DaysBetween(from, to);
  std::vector<ProductAvailability> products;
  for (const auto& entry : array->GetArray()) {
    if (!entry.IsObject()) return std::unexpected(Bad("products[] must be objects"));
    ProductAvailability product;
    auto id = GetString(entry, "id");
    if (!id) return std::unexpected(Bad("products[].id must be a string"));
    product.product = std::move(*id);
    auto free = GetArray(entry, "free");
    if (!free) return std::unexpected(Bad("products[].free must be an array"));
    for (const auto& units : (*free)->GetArray()) {
      if (!units.IsInt() || units.GetInt() < 0) {
        return std::unexpected(Bad("products[].free[] must be integers >= 0"));
      }
      product.free_units.push_back(units.GetInt());
    }
    if (static_cast<int64_t>(product.free_units.size()) != nights) {
      return std::unexpected(Bad("products[].free of " + product.product + " has " +
                                 std::to_string(product.free_units.size()) + " nights, expected " +
                                 std::to_string(nights)));
    }
    products.push_back(std::move(product));
  }
  return products;
}

std::string EncodeCheck(const core::PmsProductId& product, const core::Stay& stay,
                        const CheckResult& check) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "product");
  Str(w, product);
  WriteStay(w, stay);
  Key(w, "available");
  w.Bool(check.available);
  Key(w, "units_left");
  w.Int(check.units_left);
  w.EndObject();
  return Done(buffer);
}

Result<CheckResult> DecodeCheck(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  const auto* available = Member(doc, "available");
  if (available == nullptr || !available->IsBool()) {
    return std::unexpected(Bad("available must be true or false"));
  }
  ASSIGN_OR_RETURN(auto units, GetInt(doc, "units_left"));
  if (units < 0) return std::unexpected(Bad("units_left must be >= 0"));
  return CheckResult{available->GetBool(), units};
}

std::string EncodeCreateRequest(const CreateReservationRequest& request) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "channel");
  Str(w, request.channel);
  Key(w, "channel_reservation_id");
  Str(w, request.channel_reservation_id);
  WriteBookingFields(w, request.product, request.options, request.stay, request.guest_name,
                     request.price);
  Key(w, "allow_overbooking");
  w.Bool(request.allow_overbooking);
  w.EndObject();
  return Done(buffer);
}

Result<CreateReservationRequest> DecodeCreateRequest(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  CreateReservationRequest request;
  ASSIGN_OR_RETURN(request.channel, GetString(doc, "channel"));
  ASSIGN_OR_RETURN(request.channel_reservation_id, GetString(doc, "channel_reservation_id"));
  RETURN_IF_ERROR(ReadBookingFields(doc, &request));
  ASSIGN_OR_RETURN(request.allow_overbooking, GetBool(doc, "allow_overbooking", false));
  return request;
}

std::string EncodeModifyRequest(const ModifyReservationRequest& request) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  WriteBookingFields(w, request.product, request.options, request.stay, request.guest_name,
                     request.price);
  Key(w, "allow_overbooking");
  w.Bool(request.allow_overbooking);
  w.EndObject();
  return Done(buffer);
}

Result<ModifyReservationRequest> DecodeModifyRequest(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  ModifyReservationRequest request;
  RETURN_IF_ERROR(ReadBookingFields(doc, &request));
  ASSIGN_OR_RETURN(request.allow_overbooking, GetBool(doc, "allow_overbooking", false));
  return request;
}

std::string EncodeReservation(const PmsReservation& reservation) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  WriteReservationObject(w, reservation);
  return Done(buffer);
}

Result<PmsReservation> DecodeReservation(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  return ReadReservationObject(doc);
}

std::string EncodeReservations(const std::vector<PmsReservation>& reservations) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "reservations");
  w.StartArray();
  for (const auto& r : reservations) WriteReservationObject(w, r);
  w.EndArray();
  w.EndObject();
  return Done(buffer);
}

Result<std::vector<PmsReservation>> DecodeReservations(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  ASSIGN_OR_RETURN(auto array, GetArray(doc, "reservations"));
  std::vector<PmsReservation> reservations;
  for (const auto& entry : array->GetArray()) {
    auto r = ReadReservationObject(entry);
    if (!r) return std::unexpected(Bad("reservations[]: " + r.error().message));
    reservations.push_back(std::move(*r));
  }
  return reservations;
}

std::string EncodeError(std::string_view code, std::string_view message) {
  return core::ErrorJson(code, message);
}

HttpError HttpErrorFor(core::ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound:
      return {404, "NOT_FOUND"};
    case ErrorCode::kInvalidArgument:
      return {422, "INVALID"};
    case ErrorCode::kAlreadyExists:
      return {422, "IDEMPOTENCY_KEY_REUSED"};
    case ErrorCode::kNoAvailability:
      return {409, "NO_AVAILABILITY"};
    case ErrorCode::kConflict:
      return {409, "CONFLICT"};
    default:
      return {500, "INTERNAL"};
  }
}

core::Error ClassifyFailure(long http_status, std::string_view body) {
  std::string pms_code;
  std::string pms_message;
  core::PooledJsonDocument doc;
  doc.Parse(body.data(), body.size());
  if (!doc.HasParseError() && doc.IsObject()) {
    const auto* error = Member(doc, "error");
    if (error != nullptr && error->IsObject()) {
      if (auto code = GetString(*error, "code")) pms_code = std::move(*code);
      if (auto message = GetString(*error, "message")) pms_message = std::move(*message);
    }
  }
  std::string detail = "HTTP " + std::to_string(http_status);
  if (!pms_code.empty()) detail += " " + pms_code;
  if (!pms_message.empty()) {
    detail += ": " + pms_message;
  } else if (pms_code.empty() && !body.empty()) {
    detail += ": " + Snippet(body);
  }

  if (http_status == 409 && pms_code == "NO_AVAILABILITY") {
    return {ErrorCode::kNoAvailability, "PMS has no availability (" + detail + ")"};
  }
  if (http_status >= 400 && http_status < 500) {
    return {ErrorCode::kPmsRejected, "PMS rejected the request (" + detail + ")"};
  }
  return {ErrorCode::kPmsUnavailable, "PMS failed (" + detail + ")"};
}

}  // namespace chansync::pms::wire
