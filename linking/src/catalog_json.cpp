#include "catalog_json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "chansync/core/pooled_json_document.h"

namespace chansync::linking {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using Value = rapidjson::Value;

void String(Writer& w, std::string_view key, const std::string& value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void Bool(Writer& w, std::string_view key, bool value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.Bool(value);
}

void Int(Writer& w, std::string_view key, int value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.Int(value);
}

// Reads members of one JSON object, remembering whether any had the wrong type.
class Reader {
 public:
  explicit Reader(const Value& object) : object_(object) {}

  void String(const char* key, std::string* out) {
    const Value* v = Find(key);
    if (!v) return;
    if (!v->IsString()) return Bad();
    out->assign(v->GetString(), v->GetStringLength());
  }
  void Bool(const char* key, bool* out) {
    const Value* v = Find(key);
    if (!v) return;
    if (!v->IsBool()) return Bad();
    *out = v->GetBool();
  }
  void Int(const char* key, int* out) {
    const Value* v = Find(key);
    if (!v) return;
    if (!v->IsInt()) return Bad();
    *out = v->GetInt();
  }
  const Value* Object(const char* key) {
    const Value* v = Find(key);
    if (v && !v->IsObject()) Bad();
    return v && v->IsObject() ? v : nullptr;
  }
  const Value* Array(const char* key) {
    const Value* v = Find(key);
    if (v && !v->IsArray()) Bad();
    return v && v->IsArray() ? v : nullptr;
  }
  bool ok() const { return ok_; }

 private:
  const Value* Find(const char* key) {
    auto it = object_.FindMember(key);
    return it == object_.MemberEnd() ? nullptr : &it->value;
  }
  void Bad() { ok_ = false; }

  const Value& object_;
  bool ok_ = true;
};

core::Result<core::PooledJsonDocument> Parse(std::string_view json, std::string_view what,
                                             rapidjson::Type type) {
  core::PooledJsonDocument doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || doc.GetType() != type) {
    return core::Fail(core::ErrorCode::kInternal, "stored " + std::string(what) + " is corrupt");
  }
  return doc;
}

core::Error Corrupt(std::string_view what) {
  return {core::ErrorCode::kInternal, "stored " + std::string(what) + " is corrupt"};
}

template <typename Item>
void WriteIdName(Writer& w, const Item& item) {
  String(w, "id", item.id);
  String(w, "name", item.name);
}

template <typename Item>
bool ReadIdName(const Value& value, Item* item) {
  if (!value.IsObject()) return false;
  Reader r(value);
  r.String("id", &item->id);
  r.String("name", &item->name);
  return r.ok() && !item->id.empty();
}

}  // namespace

std::string EncodeProperty(const core::Property& property, const StoredToken& token) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  WriteIdName(w, property);
  String(w, "timezone", property.timezone);
  String(w, "mode", std::string(core::GatewayModeName(property.mode)));
  w.Key("levels");
  w.StartObject();
  Bool(w, "nightly_planning", property.levels.nightly_planning);
  Bool(w, "availability_recheck", property.levels.availability_recheck);
  Bool(w, "auto_integration", property.levels.auto_integration);
  w.EndObject();
  Bool(w, "multi_link", property.multi_link);
  w.Key("pms");
  w.StartObject();
  // An HTTP connection is written as before kinds existed, so older readers read it alike.
  if (property.pms.kind != core::PmsKind::kHttp) {
    String(w, "kind", std::string(core::PmsKindName(property.pms.kind)));
    String(w, "code_page", property.pms.code_page);
  }
  String(w, "endpoint", property.pms.endpoint);
  String(w, "gateway_id", property.pms.gateway_id);
  if (token.form == StoredToken::Form::kPlain) String(w, "credentials", token.text);
  if (token.form == StoredToken::Form::kSealed) String(w, "sealed_credentials", token.text);
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

core::Result<StoredProperty> DecodeProperty(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, Parse(json, "property", rapidjson::kObjectType));
  StoredProperty stored;
  core::Property& property = stored.property;
  if (!ReadIdName(doc, &property)) return std::unexpected(Corrupt("property"));
  Reader r(doc);
  r.String("timezone", &property.timezone);
  std::string mode(core::GatewayModeName(property.mode));
  r.String("mode", &mode);
  auto parsed_mode = core::ParseGatewayMode(mode);
  if (!parsed_mode) return std::unexpected(Corrupt("property " + property.id));
  property.mode = *parsed_mode;
  r.Bool("multi_link", &property.multi_link);
  bool nested_ok = true;
  if (const Value* levels = r.Object("levels")) {
    Reader l(*levels);
    l.Bool("nightly_planning", &property.levels.nightly_planning);
    l.Bool("availability_recheck", &property.levels.availability_recheck);
    l.Bool("auto_integration", &property.levels.auto_integration);
    nested_ok = nested_ok && l.ok();
  }
  if (const Value* pms = r.Object("pms")) {
    Reader p(*pms);
    std::string kind;
    p.String("kind", &kind);
    auto parsed_kind = core::ParsePmsKind(kind);
    if (!parsed_kind) return std::unexpected(Corrupt("property " + property.id));
    property.pms.kind = *parsed_kind;
    p.String("code_page", &property.pms.code_page);
    p.String("endpoint", &property.pms.endpoint);
    p.String("gateway_id", &property.pms.gateway_id);
    std::string plain;
    std::string sealed;
    p.String("credentials", &plain);
    p.String("sealed_credentials", &sealed);
    if (!sealed.empty()) {
      stored.token = {StoredToken::Form::kSealed, std::move(sealed)};
    } else if (!plain.empty()) {
      stored.token = {StoredToken::Form::kPlain, std::move(plain)};
    }
    nested_ok = nested_ok && p.ok();
  }
  if (!r.ok() || !nested_ok) return std::unexpected(Corrupt("property " + property.id));
  return stored;
}

std::string EncodeChannel(const core::Channel& channel) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  WriteIdName(w, channel);
  String(w, "planning_endpoint", channel.planning_endpoint);
  w.EndObject();
  return buffer.GetString();
}

core::Result<core::Channel> DecodeChannel(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, Parse(json, "channel", rapidjson::kObjectType));
  core::Channel channel;
  if (!ReadIdName(doc, &channel)) return std::unexpected(Corrupt("channel"));
  Reader r(doc);
  r.String("planning_endpoint", &channel.planning_endpoint);
  if (!r.ok()) return std::unexpected(Corrupt("channel " + channel.id));
  return channel;
}

std::string EncodeChannelProducts(const std::vector<core::ChannelProduct>& products) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartArray();
  for (const auto& product : products) {
    w.StartObject();
    WriteIdName(w, product);
    w.Key("options");
    w.StartArray();
    for (const auto& option : product.options) {
      w.StartObject();
      WriteIdName(w, option);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  return buffer.GetString();
}

core::Result<std::vector<core::ChannelProduct>> DecodeChannelProducts(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, Parse(json, "channel products", rapidjson::kArrayType));
  std::vector<core::ChannelProduct> products;
  for (const auto& value : doc.GetArray()) {
    core::ChannelProduct product;
    if (!ReadIdName(value, &product)) return std::unexpected(Corrupt("channel products"));
    Reader r(value);
    if (const Value* options = r.Array("options")) {
      for (const auto& option_value : options->GetArray()) {
        core::ChannelOption option;
        if (!ReadIdName(option_value, &option)) {
          return std::unexpected(Corrupt("options of channel product " + product.id));
        }
        product.options.push_back(std::move(option));
      }
    }
    if (!r.ok()) return std::unexpected(Corrupt("channel product " + product.id));
    products.push_back(std::move(product));
  }
  return products;
}

std::string EncodePmsCatalog(const core::PmsCatalog& catalog) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("products");
  w.StartArray();
  for (const auto& product : catalog.products) {
    w.StartObject();
    WriteIdName(w, product);
    Int(w, "units", product.units);
    w.EndObject();
  }
  w.EndArray();
  w.Key("options");
  w.StartArray();
  for (const auto& option : catalog.options) {
    w.StartObject();
    WriteIdName(w, option);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

core::Result<core::PmsCatalog> DecodePmsCatalog(std::string_view json) {
  ASSIGN_OR_RETURN(auto doc, Parse(json, "PMS catalog", rapidjson::kObjectType));
  core::PmsCatalog catalog;
  Reader r(doc);
  if (const Value* products = r.Array("products")) {
    for (const auto& value : products->GetArray()) {
      core::PmsProduct product;
      if (!ReadIdName(value, &product)) return std::unexpected(Corrupt("PMS catalog"));
      Reader p(value);
      p.Int("units", &product.units);
      if (!p.ok()) return std::unexpected(Corrupt("PMS product " + product.id));
      catalog.products.push_back(std::move(product));
    }
  }
  if (const Value* options = r.Array("options")) {
    for (const auto& value : options->GetArray()) {
      core::PmsOption option;
      if (!ReadIdName(value, &option)) return std::unexpected(Corrupt("PMS catalog"));
      catalog.options.push_back(std::move(option));
    }
  }
  if (!r.ok()) return std::unexpected(Corrupt("PMS catalog"));
  return catalog;
}

}  // namespace chansync::linking
