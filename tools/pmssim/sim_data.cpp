#include "sim_data.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>

#include "chansync/pms/json_wire.h"

namespace chansync::pmssim {
namespace {

core::Status Bad(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument, std::move(message));
}

std::string Stringify(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  value.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

core::Status LoadProperties(std::string_view json, pms::ReservationBook& book) {
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
  }
  return core::Ok();
}

core::Status LoadPropertiesFile(const std::string& path, pms::ReservationBook& book) {
  std::ifstream in(path);
  if (!in) return Bad("cannot read data file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return LoadProperties(text.str(), book);
}

}  // namespace chansync::pmssim
