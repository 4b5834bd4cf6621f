#include "sim_data.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>

#include "chansync/pms/folio_wire.h"
#include "chansync/pms/json_wire.h"

namespace chansync::pmssim {
namespace {

std::unexpected<core::Error> Bad(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument, std::move(message));
}

std::string Stringify(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  value.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The "folios" member of a property entry; absent, a property without stays nor accounts.
core::Result<pms::FolioBook::PropertyData> FolioData(const rapidjson::Value& entry,
                                                     const core::PropertyId& property,
                                                     core::CivilDate today) {
  pms::FolioBook::PropertyData data{.id = property, .business_date = today};
  auto folios = entry.FindMember("folios");
  if (folios == entry.MemberEnd()) return data;
  const rapidjson::Value& value = folios->value;
  if (!value.IsObject()) return Bad("folios must be an object");
  if (auto currency = value.FindMember("currency"); currency != value.MemberEnd()) {
    if (!currency->value.IsString()) return Bad("folios.currency must be a string");
    data.currency = currency->value.GetString();
  }
  if (auto date = value.FindMember("business_date"); date != value.MemberEnd()) {
    auto parsed = core::CivilDate::Parse(date->value.IsString() ? date->value.GetString() : "");
    if (!parsed) return Bad("folios.business_date: " + parsed.error().message);
    data.business_date = *parsed;
  }
  if (value.HasMember("stays")) {
    auto stays = pms::wire::DecodeStays(Stringify(value));
    if (!stays) return Bad("folios." + stays.error().message);
    data.stays = std::move(*stays);
  }
  if (auto accounts = value.FindMember("accounts"); accounts != value.MemberEnd()) {
    if (!accounts->value.IsArray()) return Bad("folios.accounts must be an array of names");
    for (const auto& account : accounts->value.GetArray()) {
      if (!account.IsString()) return Bad("folios.accounts must be an array of names");
      data.accounts.emplace_back(account.GetString());
    }
  }
  return data;
}

}  // namespace

core::Status LoadProperties(std::string_view json, pms::ReservationBook& book,
                            pms::FolioBook& folio_book, core::CivilDate today) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return Bad("data file is not a JSON object");
  auto properties = doc.FindMember("properties");
  if (properties == doc.MemberEnd() || !properties->value.IsArray()) {
    return Bad("data file needs a \"properties\" array");
  }
  for (const auto& entry : properties->value.GetArray()) {
    if (!entry.IsObject()) return Bad("properties[] must be objects");
    pms::ReservationBook::PropertyData data;
    auto id = entry.FindMember("id");
    if (id == entry.MemberEnd() || !id->value.IsString()) return Bad("properties[].id is required");
    data.id = id->value.GetString();
    auto name = entry.FindMember("name");
    if (name != entry.MemberEnd() && name->value.IsString()) data.name = name->value.GetString();
    // The property object carries "products", "options" and "reservations" members in the
    // contract's own shapes, so the contract's decoders read it as is.
    const std::string text = Stringify(entry);
    auto products = pms::wire::DecodeProducts(text);
    if (!products) return Bad("property " + data.id + ": " + products.error().message);
    data.products = std::move(*products);
    if (entry.HasMember("options")) {
      auto options = pms::wire::DecodeOptions(text);
      if (!options) return Bad("property " + data.id + ": " + options.error().message);
      data.options = std::move(*options);
    }
    if (entry.HasMember("reservations")) {
      auto reservations = pms::wire::DecodeReservations(text);
      if (!reservations) return Bad("property " + data.id + ": " + reservations.error().message);
      data.reservations = std::move(*reservations);
    }
    const std::string property = data.id;
    if (auto ok = book.AddProperty(std::move(data)); !ok) {
      return Bad("property " + property + ": " + ok.error().message);
    }
    auto folio_data = FolioData(entry, property, today);
    if (!folio_data) return Bad("property " + property + ": " + folio_data.error().message);
    if (auto ok = folio_book.AddProperty(std::move(*folio_data)); !ok) {
      return Bad("property " + property + ": " + ok.error().message);
    }
  }
  return core::Ok();
}

core::Status LoadPropertiesFile(const std::string& path, pms::ReservationBook& book,
                                pms::FolioBook& folios, core::CivilDate today) {
  std::ifstream in(path);
  if (!in) return Bad("cannot read data file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return LoadProperties(text.str(), book, folios, today);
}

}  // namespace chansync::pmssim
