#include "outbound_endpoint_policy.h"

#include "listen_policy.h"

namespace chansync::app {
namespace {

// The host of "http://host[:port][/...]", brackets of an IPv6 address removed.
std::string HostOf(std::string_view rest) {
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.starts_with('[')) {
    return std::string(authority.substr(1, authority.find(']') - 1));
  }
  return std::string(authority.substr(0, authority.find(':')));
}

}  // namespace

core::Status CheckOutboundEndpoint(const std::string& what, const std::string& url,
                                   bool allow_plain_http) {
  constexpr std::string_view kPlain = "http://";
  if (allow_plain_http || !url.starts_with(kPlain)) return core::Ok();
  if (IsLoopbackHost(HostOf(std::string_view(url).substr(kPlain.size())))) return core::Ok();
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    what + " " + url +
                        ": http:// to a host other than loopback would send reservations and "
                        "tokens in plain text; use https://, or start the service with "
                        "--insecure-outbound");
}

core::Status OutboundCheckedPropertyStore::CheckProperty(const core::Property& property) const {
  if (property.pms.kind == core::PmsKind::kFias) {
    // FIAS has no TLS: a link beyond loopback carries guest data in plain text.
    ASSIGN_OR_RETURN(const core::InterfaceAddress address,
                     core::ParseInterfaceAddress(property.pms.endpoint));
    if (allow_plain_http_ || IsLoopbackHost(address.host)) return core::Ok();
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "property " + property.id + " FIAS interface " + property.pms.endpoint +
                          ": FIAS to a host other than loopback is plain text; tunnel it to a "
                          "loopback port, or start the service with --insecure-outbound");
  }
  return CheckOutboundEndpoint("property " + property.id + " PMS endpoint", property.pms.endpoint,
                               allow_plain_http_);
}

core::Status OutboundCheckedPropertyStore::CheckChannel(const core::Channel& channel) const {
  return CheckOutboundEndpoint("channel " + channel.id + " planning endpoint",
                               channel.planning_endpoint, allow_plain_http_);
}

core::Status OutboundCheckedPropertyStore::CreateProperty(const core::Property& property) {
  RETURN_IF_ERROR(CheckProperty(property));
  return store_.CreateProperty(property);
}

core::Status OutboundCheckedPropertyStore::UpdateProperty(const core::Property& property) {
  RETURN_IF_ERROR(CheckProperty(property));
  return store_.UpdateProperty(property);
}

core::Status OutboundCheckedPropertyStore::CreateChannel(const core::Channel& channel) {
  RETURN_IF_ERROR(CheckChannel(channel));
  return store_.CreateChannel(channel);
}

core::Status OutboundCheckedPropertyStore::UpdateChannel(const core::Channel& channel) {
  RETURN_IF_ERROR(CheckChannel(channel));
  return store_.UpdateChannel(channel);
}

}  // namespace chansync::app
