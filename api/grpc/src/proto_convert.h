#pragma once

#include "chansync/core/catalog.h"
#include "chansync/core/property.h"
#include "chansync/v1/common.pb.h"

namespace chansync::api {

// Credentials are write-only: ToProto never copies them out.
v1::Property ToProto(const core::Property& property);
// A pms.kind that is neither "http", "fias" nor empty reads as http: CheckPropertyProto first.
core::Property FromProto(const v1::Property& property);
// INVALID_ARGUMENT for what FromProto cannot carry over: an unknown pms.kind.
core::Status CheckPropertyProto(const v1::Property& property);
v1::GatewayMode ToProto(core::GatewayMode mode);
// GATEWAY_MODE_UNSPECIFIED maps to the default, PMS mode.
core::GatewayMode FromProto(v1::GatewayMode mode);

v1::Channel ToProto(const core::Channel& channel);
core::Channel FromProto(const v1::Channel& channel);
v1::ChannelProduct ToProto(const core::ChannelProduct& product);
core::ChannelProduct FromProto(const v1::ChannelProduct& product);
v1::ChannelOption ToProto(const core::ChannelOption& option);
v1::PmsProduct ToProto(const core::PmsProduct& product);
core::PmsProduct FromProto(const v1::PmsProduct& product);
v1::PmsOption ToProto(const core::PmsOption& option);
core::PmsOption FromProto(const v1::PmsOption& option);

}  // namespace chansync::api
