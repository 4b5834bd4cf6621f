#include "declarations.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <optional>

#include "chansync/core/lane_pool.h"
#include "chansync/linking/admin.h"
#include "chansync/linking/link_registry.h"
#include "chansync/linking/property_store.h"
#include "text_file.h"

namespace chansync::app {
namespace {

using rapidjson::Value;

std::unexpected<core::Error> Bad(const std::string& path, const std::string& what) {
  return core::Fail(core::ErrorCode::kInvalidArgument, path + ": " + what);
}

core::Result<std::string> String(const Value& object, const char* key, const std::string& path,
                                 bool required = true) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) {
    if (required) return Bad(path + "." + key, "is required");
    return std::string();
  }
  if (!it->value.IsString()) return Bad(path + "." + key, "must be a string");
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

core::Result<bool> Bool(const Value& object, const char* key, const std::string& path,
                        bool fallback) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return fallback;
  if (!it->value.IsBool()) return Bad(path + "." + key, "must be true or false");
  return it->value.GetBool();
}

const Value* Array(const Value& object, const char* key) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsArray() ? &it->value : nullptr;
}

core::Result<std::vector<core::ChannelProduct>> ParseChannelProducts(const Value& array,
                                                                     const std::string& path) {
  std::vector<core::ChannelProduct> products;
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    if (!array[i].IsObject()) return Bad(p, "must be an object");
    core::ChannelProduct product;
    ASSIGN_OR_RETURN(product.id, String(array[i], "id", p));
    ASSIGN_OR_RETURN(product.name, String(array[i], "name", p, false));
    if (const Value* options = Array(array[i], "options")) {
      for (rapidjson::SizeType j = 0; j < options->Size(); ++j) {
        const std::string op = p + ".options[" + std::to_string(j) + "]";
        if (!(*options)[j].IsObject()) return Bad(op, "must be an object");
        core::ChannelOption option;
        ASSIGN_OR_RETURN(option.id, String((*options)[j], "id", op));
        ASSIGN_OR_RETURN(option.name, String((*options)[j], "name", op, false));
        product.options.push_back(std::move(option));
      }
    }
    products.push_back(std::move(product));
  }
  if (auto s = core::ValidateChannelProducts(products); !s) return Bad(path, s.error().message);
  return products;
}

core::Result<core::PmsCatalog> ParsePmsCatalog(const Value& object, const std::string& path) {
  core::PmsCatalog catalog;
  if (const Value* products = Array(object, "products")) {
    for (rapidjson::SizeType i = 0; i < products->Size(); ++i) {
      const std::string p = path + ".products[" + std::to_string(i) + "]";
      const Value& v = (*products)[i];
      if (!v.IsObject()) return Bad(p, "must be an object");
      core::PmsProduct product;
      ASSIGN_OR_RETURN(product.id, String(v, "id", p));
      ASSIGN_OR_RETURN(product.name, String(v, "name", p, false));
      auto units = v.FindMember("units");
      if (units != v.MemberEnd()) {
        if (!units->value.IsInt()) return Bad(p + ".units", "must be an integer");
        product.units = units->value.GetInt();
      }
      catalog.products.push_back(std::move(product));
    }
  }
  if (const Value* options = Array(object, "options")) {
    for (rapidjson::SizeType i = 0; i < options->Size(); ++i) {
      const std::string p = path + ".options[" + std::to_string(i) + "]";
      if (!(*options)[i].IsObject()) return Bad(p, "must be an object");
      core::PmsOption option;
      ASSIGN_OR_RETURN(option.id, String((*options)[i], "id", p));
      ASSIGN_OR_RETURN(option.name, String((*options)[i], "name", p, false));
      catalog.options.push_back(std::move(option));
    }
  }
  if (auto s = core::ValidatePmsCatalog(catalog); !s) return Bad(path, s.error().message);
  return catalog;
}

// "pms": {"endpoint", "gateway_id", "credentials"} for an HTTP PMS; {"kind": "fias", "host",
// "port", "auth_key", "code_page"} for a FIAS interface (its endpoint is "host:port", its key is
// kept as the credentials, so it is sealed at rest like a token).
core::Result<core::PmsConnection> PmsConnectionOf(const Value& object, const std::string& path) {
  core::PmsConnection pms;
  ASSIGN_OR_RETURN(const std::string kind, String(object, "kind", path, false));
  auto parsed_kind = core::ParsePmsKind(kind);
  if (!parsed_kind) return Bad(path + ".kind", parsed_kind.error().message);
  pms.kind = *parsed_kind;
  ASSIGN_OR_RETURN(pms.gateway_id, String(object, "gateway_id", path, false));
  if (pms.kind == core::PmsKind::kHttp) {
    ASSIGN_OR_RETURN(pms.endpoint, String(object, "endpoint", path, false));
    ASSIGN_OR_RETURN(pms.credentials, String(object, "credentials", path, false));
    return pms;
  }
  ASSIGN_OR_RETURN(const std::string host, String(object, "host", path, true));
  auto port = object.FindMember("port");
  if (port == object.MemberEnd() || !port->value.IsInt() || port->value.GetInt() < 1 ||
      port->value.GetInt() > 65535) {
    return Bad(path + ".port", "must be a port number 1..65535");
  }
  pms.endpoint = host + ":" + std::to_string(port->value.GetInt());
  ASSIGN_OR_RETURN(pms.credentials, String(object, "auth_key", path, false));
  ASSIGN_OR_RETURN(pms.code_page, String(object, "code_page", path, false));
  return pms;
}

core::Result<DeclaredProperty> ParseProperty(const Value& v, const std::string& path) {
  if (!v.IsObject()) return Bad(path, "must be an object");
  DeclaredProperty declared;
  core::Property& property = declared.property;
  ASSIGN_OR_RETURN(property.id, String(v, "id", path));
  ASSIGN_OR_RETURN(property.name, String(v, "name", path));
  ASSIGN_OR_RETURN(property.timezone, String(v, "timezone", path));
  std::string mode;
  ASSIGN_OR_RETURN(mode, String(v, "mode", path, false));
  if (!mode.empty()) {
    ASSIGN_OR_RETURN(property.mode, core::ParseGatewayMode(mode));
  }
  ASSIGN_OR_RETURN(property.multi_link, Bool(v, "multi_link", path, false));
  if (auto levels = v.FindMember("levels"); levels != v.MemberEnd()) {
    const std::string lp = path + ".levels";
    if (!levels->value.IsObject()) return Bad(lp, "must be an object");
    ASSIGN_OR_RETURN(property.levels.nightly_planning,
                     Bool(levels->value, "nightly_planning", lp, true));
    ASSIGN_OR_RETURN(property.levels.availability_recheck,
                     Bool(levels->value, "availability_recheck", lp, true));
    ASSIGN_OR_RETURN(property.levels.auto_integration,
                     Bool(levels->value, "auto_integration", lp, true));
  }
  if (auto pms = v.FindMember("pms"); pms != v.MemberEnd()) {
    const std::string pp = path + ".pms";
    if (!pms->value.IsObject()) return Bad(pp, "must be an object");
    ASSIGN_OR_RETURN(property.pms, PmsConnectionOf(pms->value, pp));
  }
  if (auto s = core::ValidateProperty(property); !s) return Bad(path, s.error().message);

  if (auto catalog = v.FindMember("pms_catalog"); catalog != v.MemberEnd()) {
    if (!catalog->value.IsObject()) return Bad(path + ".pms_catalog", "must be an object");
    ASSIGN_OR_RETURN(declared.pms_catalog, ParsePmsCatalog(catalog->value, path + ".pms_catalog"));
  }
  if (auto channels = v.FindMember("channel_products"); channels != v.MemberEnd()) {
    if (!channels->value.IsObject()) return Bad(path + ".channel_products", "must be an object");
    for (auto it = channels->value.MemberBegin(); it != channels->value.MemberEnd(); ++it) {
      const std::string channel = it->name.GetString();
      const std::string cp = path + ".channel_products." + channel;
      if (!it->value.IsArray()) return Bad(cp, "must be an array of products");
      std::vector<core::ChannelProduct> products;
      ASSIGN_OR_RETURN(products, ParseChannelProducts(it->value, cp));
      declared.channel_products.emplace_back(channel, std::move(products));
    }
  }
  if (const Value* links = Array(v, "links")) {
    for (rapidjson::SizeType i = 0; i < links->Size(); ++i) {
      const std::string lp = path + ".links[" + std::to_string(i) + "]";
      const Value& l = (*links)[i];
      if (!l.IsObject()) return Bad(lp, "must be an object");
      DeclaredLink link;
      ASSIGN_OR_RETURN(link.channel, String(l, "channel", lp));
      ASSIGN_OR_RETURN(link.channel_product, String(l, "channel_product", lp));
      ASSIGN_OR_RETURN(link.pms_product, String(l, "pms_product", lp));
      if (auto options = l.FindMember("options"); options != l.MemberEnd()) {
        if (!options->value.IsObject()) {
          return Bad(lp + ".options", "must map channel option ids to PMS option ids");
        }
        for (auto it = options->value.MemberBegin(); it != options->value.MemberEnd(); ++it) {
          if (!it->value.IsString()) return Bad(lp + ".options", "values must be strings");
          link.options.emplace_back(it->name.GetString(), it->value.GetString());
        }
      }
      declared.links.push_back(std::move(link));
    }
  }
  return declared;
}

}  // namespace

core::Result<Declarations> ParseDeclarations(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError()) {
    return Bad("declarations", std::string("invalid JSON at offset ") +
                                   std::to_string(doc.GetErrorOffset()) + ": " +
                                   rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return Bad("declarations", "must be a JSON object");
  Declarations out;
  if (const Value* channels = Array(doc, "channels")) {
    for (rapidjson::SizeType i = 0; i < channels->Size(); ++i) {
      const std::string p = "channels[" + std::to_string(i) + "]";
      if (!(*channels)[i].IsObject()) return Bad(p, "must be an object");
      core::Channel channel;
      ASSIGN_OR_RETURN(auto id, String((*channels)[i], "id", p));
      channel.id = id;
      ASSIGN_OR_RETURN(auto name, String((*channels)[i], "name", p));
      channel.name = name;
      ASSIGN_OR_RETURN(auto endpoint, String((*channels)[i], "planning_endpoint", p, false));
      channel.planning_endpoint = endpoint;
      if (auto s = core::ValidateChannel(channel); !s) return Bad(p, s.error().message);
      out.channels.push_back(std::move(channel));
    }
  }
  if (const Value* properties = Array(doc, "properties")) {
    for (rapidjson::SizeType i = 0; i < properties->Size(); ++i) {
      ASSIGN_OR_RETURN(auto property,
                       ParseProperty((*properties)[i], "properties[" + std::to_string(i) + "]"));
      out.properties.push_back(std::move(property));
    }
  }
  return out;
}

core::Result<Declarations> LoadDeclarations(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text) return core::Fail(text.error().code, "cannot read declarations file " + path);
  auto parsed = ParseDeclarations(*text);
  if (!parsed) return core::Fail(parsed.error().code, path + ": " + parsed.error().message);
  return parsed;
}
namespace {

// What applying one declared property did; `error` stops the whole start.
struct PropertyOutcome {
  bool created = false;
  int links_created = 0;
  std::vector<std::string> warnings;
  std::optional<core::Error> error;
};

// Fewer than the Redis pool's connections, so the lanes never wait for one.
constexpr size_t kApplyLanes = 6;

core::Status Activate(const core::PropertyId& id, linking::PropertyStore& properties,
                      linking::LinkRegistry& registry) {
  RETURN_IF_ERROR(linking::CheckActivation(registry, id));
  ASSIGN_OR_RETURN(auto property, properties.GetProperty(id));
  property.mode = core::GatewayMode::kPms;
  return properties.UpdateProperty(property);
}

PropertyOutcome ApplyProperty(const DeclaredProperty& declared, linking::PropertyStore& properties,
                              linking::LinkRegistry& registry) {
  PropertyOutcome outcome;
  const auto& id = declared.property.id;
  // Created inactive (classic), like any new property, and switched to its declared mode only
  // once its declared links are made.
  core::Property inactive = declared.property;
  inactive.mode = core::GatewayMode::kClassic;
  auto created = properties.CreateProperty(inactive);
  if (created) {
    outcome.created = true;
  } else if (created.error().code != core::ErrorCode::kAlreadyExists) {
    outcome.error = created.error();
    return outcome;
  }
  if (auto s = registry.SetPmsCatalog(id, declared.pms_catalog); !s) {
    outcome.error = s.error();
    return outcome;
  }
  for (const auto& [channel, products] : declared.channel_products) {
    if (auto s = registry.SetChannelProducts(id, channel, products); !s) {
      outcome.error = s.error();
      return outcome;
    }
  }
  for (const auto& link : declared.links) {
    auto linked = registry.LinkProduct(id, link.channel, link.channel_product, link.pms_product);
    if (!linked) {
      // Already linked the same way by an earlier start: nothing to do, nothing to say.
      if (linked.error().code != core::ErrorCode::kProductAlreadyLinked) {
        outcome.warnings.push_back(id + ": " + linked.error().ToString());
      }
    } else {
      ++outcome.links_created;
    }
    for (const auto& [channel_option, pms_option] : link.options) {
      auto option =
          registry.LinkOption(id, link.channel, link.channel_product, channel_option, pms_option);
      if (!option && option.error().code != core::ErrorCode::kOptionAlreadyLinked) {
        outcome.warnings.push_back(id + ": " + option.error().ToString());
      }
    }
  }
  if (outcome.created && declared.property.mode == core::GatewayMode::kPms) {
    if (auto activated = Activate(id, properties, registry); !activated) {
      outcome.warnings.push_back(id + " stays in classic mode: " + activated.error().ToString());
    }
  }
  return outcome;
}

}  // namespace

core::Result<ApplyReport> ApplyDeclarations(const Declarations& declarations,
                                            linking::PropertyStore& properties,
                                            linking::LinkRegistry& registry) {
  ApplyReport report;
  for (const auto& channel : declarations.channels) {
    auto created = properties.CreateChannel(channel);
    if (created) {
      ++report.channels_created;
    } else if (created.error().code != core::ErrorCode::kAlreadyExists) {
      return std::unexpected(created.error());
    }
  }
  // Properties are independent (their keys, their links), and each costs tens of round trips
  // (catalogs, one compare-and-set per link): applied side by side, a thousand of them start
  // in a few seconds instead of one after the other.
  std::vector<PropertyOutcome> outcomes(declarations.properties.size());
  core::LanePool lanes(std::min<size_t>(kApplyLanes, declarations.properties.size()));
  lanes.Run(declarations.properties.size(), [&](size_t i) {
    outcomes[i] = ApplyProperty(declarations.properties[i], properties, registry);
  });
  for (auto& outcome : outcomes) {
    if (outcome.error) return std::unexpected(*outcome.error);
    report.properties_created += outcome.created ? 1 : 0;
    report.links_created += outcome.links_created;
    for (auto& warning : outcome.warnings) report.warnings.push_back(std::move(warning));
  }
  return report;
}

}  // namespace chansync::app
