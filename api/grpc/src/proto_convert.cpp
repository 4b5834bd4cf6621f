#include "proto_convert.h"

namespace chansync::api {

v1::GatewayMode ToProto(core::GatewayMode mode) {
  return mode == core::GatewayMode::kClassic ? v1::GATEWAY_MODE_CLASSIC : v1::GATEWAY_MODE_PMS;
}

core::GatewayMode FromProto(v1::GatewayMode mode) {
  // Unspecified is classic: a property is inactive until an admin switches it on.
  return mode == v1::GATEWAY_MODE_PMS ? core::GatewayMode::kPms : core::GatewayMode::kClassic;
}

v1::Property ToProto(const core::Property& property) {
  v1::Property out;
  out.set_id(property.id);
  out.set_name(property.name);
  out.set_timezone(property.timezone);
  out.set_mode(ToProto(property.mode));
  out.mutable_levels()->set_nightly_planning(property.levels.nightly_planning);
  out.mutable_levels()->set_availability_recheck(property.levels.availability_recheck);
  out.mutable_levels()->set_auto_integration(property.levels.auto_integration);
  out.set_multi_link(property.multi_link);
  out.mutable_pms()->set_endpoint(property.pms.endpoint);
  out.mutable_pms()->set_gateway_id(property.pms.gateway_id);
  out.mutable_pms()->set_kind(std::string(core::PmsKindName(property.pms.kind)));
  out.mutable_pms()->set_code_page(property.pms.code_page);
  return out;
}

core::Property FromProto(const v1::Property& property) {
  core::Property out;
  out.id = property.id();
  out.name = property.name();
  out.timezone = property.timezone().empty() ? "UTC" : property.timezone();
  out.mode = FromProto(property.mode());
  if (property.has_levels()) {
    out.levels.nightly_planning = property.levels().nightly_planning();
    out.levels.availability_recheck = property.levels().availability_recheck();
    out.levels.auto_integration = property.levels().auto_integration();
  }
  out.multi_link = property.multi_link();
  out.pms.endpoint = property.pms().endpoint();
  out.pms.gateway_id = property.pms().gateway_id();
  out.pms.credentials = property.pms().credentials();
  out.pms.kind = core::ParsePmsKind(property.pms().kind()).value_or(core::PmsKind::kHttp);
  out.pms.code_page = property.pms().code_page();
  return out;
}

core::Status CheckPropertyProto(const v1::Property& property) {
  RETURN_IF_ERROR(core::ParsePmsKind(property.pms().kind()));
  return core::Ok();
}

v1::Channel ToProto(const core::Channel& channel) {
  v1::Channel out;
  out.set_id(channel.id);
  out.set_name(channel.name);
  out.set_planning_endpoint(channel.planning_endpoint);
  return out;
}

core::Channel FromProto(const v1::Channel& channel) {
  return {channel.id(), channel.name(), channel.planning_endpoint()};
}

v1::ChannelOption ToProto(const core::ChannelOption& option) {
  v1::ChannelOption out;
  out.set_id(option.id);
  out.set_name(option.name);
  return out;
}

v1::ChannelProduct ToProto(const core::ChannelProduct& product) {
  v1::ChannelProduct out;
  out.set_id(product.id);
  out.set_name(product.name);
  for (const auto& option : product.options) *out.add_options() = ToProto(option);
  return out;
}

core::ChannelProduct FromProto(const v1::ChannelProduct& product) {
  core::ChannelProduct out{product.id(), product.name(), {}};
  for (const auto& option : product.options()) out.options.push_back({option.id(), option.name()});
  return out;
}

v1::PmsProduct ToProto(const core::PmsProduct& product) {
  v1::PmsProduct out;
  out.set_id(product.id);
  out.set_name(product.name);
  out.set_units(product.units);
  return out;
}

core::PmsProduct FromProto(const v1::PmsProduct& product) {
  return {product.id(), product.name(), product.units()};
}

v1::PmsOption ToProto(const core::PmsOption& option) {
  v1::PmsOption out;
  out.set_id(option.id);
  out.set_name(option.name);
  return out;
}

core::PmsOption FromProto(const v1::PmsOption& option) { return {option.id(), option.name()}; }

}  // namespace chansync::api
