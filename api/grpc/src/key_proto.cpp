#include "chansync/api/grpc/key_proto.h"

#include "chansync/core/reservation_json.h"

namespace chansync::api {

v1::ApiKeyInfo ApiKeyInfoOf(const auth::ApiKey& key, core::Timestamp now) {
  v1::ApiKeyInfo out;
  out.set_id(key.id);
  out.set_name(key.name);
  out.set_role(std::string(auth::RoleName(key.role)));
  if (key.channel) out.set_channel_id(*key.channel);
  if (key.property) out.set_property_id(*key.property);
  out.set_created_at(core::FormatTimestamp(key.created_at));
  if (key.expires_at) out.set_expires_at(core::FormatTimestamp(*key.expires_at));
  if (key.revoked_at) out.set_revoked_at(core::FormatTimestamp(*key.revoked_at));
  out.set_active(key.ActiveAt(now));
  return out;
}

core::Result<auth::KeyRequest> KeyRequestOf(const v1::CreateKeyRequest& request) {
  const auto role = auth::ParseRole(request.role());
  if (!role) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "role: one of portal, operator, admin, vendor, pos");
  }
  auth::KeyRequest key_request{.role = *role, .name = request.name()};
  if (!request.channel_id().empty()) key_request.channel = request.channel_id();
  if (!request.property_id().empty()) key_request.property = request.property_id();
  if (request.expires_in_seconds() != 0) {
    key_request.expires_in = std::chrono::seconds(request.expires_in_seconds());
  }
  return key_request;
}

}  // namespace chansync::api
