#include "chansync/pms/json_wire.h"

#include <cstdint>

#include "chansync/core/json_fields.h"
#include "chansync/core/json_parse.h"

namespace chansync::pms::wire {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::json::Find;
using core::json::Key;
using core::json::ParseObject;
using core::json::String;
using core::json::Text;
using core::json::Writer;

void WriteStay(Writer& w, const core::Stay& stay) {
  Key(w, "stay");
  w.StartObject();
  Key(w, "arrival");
  String(w, stay.arrival.ToString());
  Key(w, "departure");
  String(w, stay.departure.ToString());
  w.EndObject();
}

void WritePrice(Writer& w, const core::Money& price) {
  Key(w, "price");
  w.StartObject();
  Key(w, "amount");
  w.Int64(price.minor_units);
  Key(w, "currency");
  String(w, price.currency);
  w.EndObject();
}

void WriteOptions(Writer& w, const std::vector<OptionQuantity>& options) {
  Key(w, "options");
  w.StartArray();
  for (const auto& line : options) {
    w.StartObject();
    Key(w, "id");
    String(w, line.option);
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
  String(w, product);
  WriteOptions(w, options);
  WriteStay(w, stay);
  Key(w, "guest_name");
  String(w, guest_name);
  WritePrice(w, price);
}

core::Error Bad(std::string_view what) {
  return core::Error{ErrorCode::kInvalidArgument, std::string(what)};
}

Result<std::string> GetString(const rapidjson::Value& object, const char* name) {
  const auto* value = Find(object, name);
  if (value == nullptr || !value->IsString()) {
    return std::unexpected(Bad(std::string(name) + " must be a string"));
  }
  return std::string(value->GetString(), value->GetStringLength());
}

Result<int> GetInt(const rapidjson::Value& object, const char* name) {
  const auto* value = Find(object, name);
  if (value == nullptr || !value->IsInt()) {
    return std::unexpected(Bad(std::string(name) + " must be an integer"));
  }
  return value->GetInt();
}

Result<bool> GetBool(const rapidjson::Value& object, const char* name, bool fallback) {
  const auto* value = Find(object, name);
  if (value == nullptr) return fallback;
  if (!value->IsBool()) return std::unexpected(Bad(std::string(name) + " must be true or false"));
  return value->GetBool();
}

Result<const rapidjson::Value*> GetArray(const rapidjson::Value& object, const char* name) {
  const auto* value = Find(object, name);
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
  const auto* stay = Find(object, "stay");
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
  const auto* price = Find(object, "price");
  if (price == nullptr || !price->IsObject()) {
    return std::unexpected(Bad("price must be an object with amount and currency"));
  }
  const auto* amount = Find(*price, "amount");
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
  const auto* options = Find(object, "options");
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

// The fields shared by create and modify bodies and by reservations, read into `target`.
template <typename Target>
core::Status ReadBookingFields(const rapidjson::Value& object, Target& target) {
  ASSIGN_OR_RETURN(auto product, GetString(object, "product"));
  ASSIGN_OR_RETURN(auto options, GetOptionLines(object));
  ASSIGN_OR_RETURN(auto stay, GetStay(object));
  ASSIGN_OR_RETURN(auto guest, GetString(object, "guest_name"));
  ASSIGN_OR_RETURN(auto price, GetPrice(object));
  target.product = std::move(product);
  target.options = std::move(options);
  target.stay = stay;
  target.guest_name = std::move(guest);
  target.price = std::move(price);
  return core::Ok();
}

// Optional on the wire, written only when set: a PMS that predates it never sees it.
void WritePaymentFailed(Writer& w, bool payment_failed) {
  if (!payment_failed) return;
  Key(w, "payment_failed");
  w.Bool(true);
}

// What a create and a modify both send: the booking fields and whether to overbook.
template <typename Request>
void WriteChangeFields(Writer& w, const Request& request) {
  WriteBookingFields(w, request.product, request.options, request.stay, request.guest_name,
                     request.price);
  Key(w, "allow_overbooking");
  w.Bool(request.allow_overbooking);
  WritePaymentFailed(w, request.payment_failed);
}

template <typename Request>
core::Status ReadChangeFields(const rapidjson::Value& object, Request& request) {
  if (auto ok = ReadBookingFields(object, request); !ok) return ok;
  ASSIGN_OR_RETURN(auto allow, GetBool(object, "allow_overbooking", false));
  request.allow_overbooking = allow;
  ASSIGN_OR_RETURN(request.payment_failed, GetBool(object, "payment_failed", false));
  return core::Ok();
}

void WriteReservationObject(Writer& w, const PmsReservation& r) {
  w.StartObject();
  Key(w, "id");
  String(w, r.id);
  Key(w, "status");
  String(w, PmsReservationStatusName(r.status));
  Key(w, "channel");
  String(w, r.channel);
  Key(w, "channel_reservation_id");
  String(w, r.channel_reservation_id);
  WriteBookingFields(w, r.product, r.options, r.stay, r.guest_name, r.price);
  Key(w, "overbooked");
  w.Bool(r.overbooked);
  WritePaymentFailed(w, r.payment_failed);
  if (!r.last_idempotency_key.empty()) {
    Key(w, "last_idempotency_key");
    String(w, r.last_idempotency_key);
  }
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
  ASSIGN_OR_RETURN(auto channel, GetString(object, "channel"));
  r.channel = std::move(channel);
  ASSIGN_OR_RETURN(auto channel_id, GetString(object, "channel_reservation_id"));
  r.channel_reservation_id = std::move(channel_id);
  RETURN_IF_ERROR(ReadBookingFields(object, r));
  ASSIGN_OR_RETURN(auto overbooked, GetBool(object, "overbooked", false));
  r.overbooked = overbooked;
  ASSIGN_OR_RETURN(r.payment_failed, GetBool(object, "payment_failed", false));
  // Optional: a PMS that does not say which write it holds leaves it out.
  if (Find(object, "last_idempotency_key") != nullptr) {
    ASSIGN_OR_RETURN(r.last_idempotency_key, GetString(object, "last_idempotency_key"));
  }
  return r;
}

std::string Snippet(std::string_view body) {
  constexpr size_t kMax = 200;
  return std::string(body.substr(0, kMax)) + (body.size() > kMax ? "..." : "");
}

// {"<name>": [...]} with each item written by `write`.
template <typename Item, typename Write>
std::string EncodeList(std::string_view name, const std::vector<Item>& items, Write write) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, name);
  w.StartArray();
  for (const auto& item : items) write(w, item);
  w.EndArray();
  w.EndObject();
  return Text(buffer);
}

// The items of the array member `name` of a body, each read by `read` (a Result<Item>).
template <typename Item, typename Read>
Result<std::vector<Item>> DecodeList(std::string_view json, const char* name, Read read) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  ASSIGN_OR_RETURN(auto array, GetArray(doc, name));
  std::vector<Item> items;
  for (const auto& entry : array->GetArray()) {
    ASSIGN_OR_RETURN(auto item, read(entry));
    items.push_back(std::move(item));
  }
  return items;
}

void WriteIdName(Writer& w, const std::string& id, const std::string& name) {
  Key(w, "id");
  String(w, id);
  Key(w, "name");
  String(w, name);
}

}  // namespace

std::string EncodeProducts(const std::vector<core::PmsProduct>& products) {
  return EncodeList("products", products, [](Writer& w, const core::PmsProduct& p) {
    w.StartObject();
    WriteIdName(w, p.id, p.name);
    Key(w, "units");
    w.Int(p.units);
    w.EndObject();
  });
}

Result<std::vector<core::PmsProduct>> DecodeProducts(std::string_view json) {
  return DecodeList<core::PmsProduct>(
      json, "products", [](const rapidjson::Value& entry) -> Result<core::PmsProduct> {
        if (!entry.IsObject()) return std::unexpected(Bad("products[] must be objects"));
        auto id = GetString(entry, "id");
        auto name = GetString(entry, "name");
        auto units = GetInt(entry, "units");
        if (!id || !name || !units) {
          return std::unexpected(Bad("products[] need id, name (strings) and units (integer)"));
        }
        return core::PmsProduct{std::move(*id), std::move(*name), *units};
      });
}

std::string EncodeOptions(const std::vector<core::PmsOption>& options) {
  return EncodeList("options", options, [](Writer& w, const core::PmsOption& o) {
    w.StartObject();
    WriteIdName(w, o.id, o.name);
    w.EndObject();
  });
}

Result<std::vector<core::PmsOption>> DecodeOptions(std::string_view json) {
  return DecodeList<core::PmsOption>(
      json, "options", [](const rapidjson::Value& entry) -> Result<core::PmsOption> {
        if (!entry.IsObject()) return std::unexpected(Bad("options[] must be objects"));
        auto id = GetString(entry, "id");
        auto name = GetString(entry, "name");
        if (!id || !name) return std::unexpected(Bad("options[] need id and name (strings)"));
        return core::PmsOption{std::move(*id), std::move(*name)};
      });
}

std::string EncodeAvailability(core::CivilDate from, core::CivilDate to,
                               const std::vector<ProductAvailability>& products) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "from");
  String(w, from.ToString());
  Key(w, "to");
  String(w, to.ToString());
  Key(w, "products");
  w.StartArray();
  for (const auto& p : products) {
    w.StartObject();
    Key(w, "id");
    String(w, p.product);
    Key(w, "free");
    w.StartArray();
    for (int free : p.free_units) w.Int(free);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Text(buffer);
}

Result<std::vector<ProductAvailability>> DecodeAvailability(std::string_view json,
                                                            core::CivilDate from,
                                                            core::CivilDate to) {
  const int64_t nights = core::DaysBetween(from, to);
  return DecodeList<ProductAvailability>(
      json, "products", [nights](const rapidjson::Value& entry) -> Result<ProductAvailability> {
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
                                     std::to_string(product.free_units.size()) +
                                     " nights, expected " + std::to_string(nights)));
        }
        return product;
      });
}

std::string EncodeCheck(const core::PmsProductId& product, const core::Stay& stay,
                        const CheckResult& check) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "product");
  String(w, product);
  WriteStay(w, stay);
  Key(w, "available");
  w.Bool(check.available);
  Key(w, "units_left");
  w.Int(check.units_left);
  w.EndObject();
  return Text(buffer);
}

Result<CheckResult> DecodeCheck(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  const auto* available = Find(doc, "available");
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
  String(w, request.channel);
  Key(w, "channel_reservation_id");
  String(w, request.channel_reservation_id);
  WriteChangeFields(w, request);
  w.EndObject();
  return Text(buffer);
}

Result<CreateReservationRequest> DecodeCreateRequest(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  CreateReservationRequest request;
  ASSIGN_OR_RETURN(auto channel, GetString(doc, "channel"));
  request.channel = std::move(channel);
  ASSIGN_OR_RETURN(auto channel_id, GetString(doc, "channel_reservation_id"));
  request.channel_reservation_id = std::move(channel_id);
  RETURN_IF_ERROR(ReadChangeFields(doc, request));
  return request;
}

std::string EncodeModifyRequest(const ModifyReservationRequest& request) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  WriteChangeFields(w, request);
  w.EndObject();
  return Text(buffer);
}

Result<ModifyReservationRequest> DecodeModifyRequest(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  ModifyReservationRequest request;
  RETURN_IF_ERROR(ReadChangeFields(doc, request));
  return request;
}

std::string EncodeReservation(const PmsReservation& reservation) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  WriteReservationObject(w, reservation);
  return Text(buffer);
}

Result<PmsReservation> DecodeReservation(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, ParseObject(json));
  return ReadReservationObject(doc);
}

std::string EncodeReservations(const std::vector<PmsReservation>& reservations) {
  return EncodeList("reservations", reservations, WriteReservationObject);
}

Result<std::vector<PmsReservation>> DecodeReservations(std::string_view json) {
  return DecodeList<PmsReservation>(
      json, "reservations", [](const rapidjson::Value& entry) -> Result<PmsReservation> {
        auto r = ReadReservationObject(entry);
        if (!r) return std::unexpected(Bad("reservations[]: " + r.error().message));
        return r;
      });
}

std::string EncodeError(std::string_view code, std::string_view message) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "error");
  w.StartObject();
  Key(w, "code");
  String(w, code);
  Key(w, "message");
  String(w, message);
  w.EndObject();
  w.EndObject();
  return Text(buffer);
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
    case ErrorCode::kStayNotChargeable:
      return {409, "NOT_CHARGEABLE"};
    default:
      return {500, "INTERNAL"};
  }
}

core::Error ClassifyFailure(long http_status, std::string_view body) {
  std::string pms_code;
  std::string pms_message;
  core::PooledJsonDocument doc;
  if (core::json::ParseUntrusted(doc, body) && doc.IsObject()) {
    const auto* error = Find(doc, "error");
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
  if (http_status == 409 && pms_code == "NOT_CHARGEABLE") {
    return {ErrorCode::kStayNotChargeable, "PMS refuses to charge the stay (" + detail + ")"};
  }
  if (http_status >= 400 && http_status < 500) {
    return {ErrorCode::kPmsRejected, "PMS rejected the request (" + detail + ")"};
  }
  return {ErrorCode::kPmsUnavailable, "PMS failed (" + detail + ")"};
}

}  // namespace chansync::pms::wire
