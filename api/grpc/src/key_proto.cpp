#include "chansync/api/grpc/key_proto.h"

#include "chansync/core/reservation_json.h"

namespace chansync::api {

v1::ApiKeyInfo ApiKeyInfoOf(const auth::ApiKey& key, core::Timestamp now) {
  v1::ApiKeyInfo out;
  out.set_id(key.id);
  out.set_name(key.name);
  out.set_role(std::string(auth::RoleName(key.role)));
  if (key.channel) out.set_channel_id(*key.channel);
  out.set_created_at(core::FormatTimestamp(key.created_at));
  if (key.expires_at) out.set_expires_at(core::FormatTimestamp(*key.expires_at));
  if (key.revoked_at) out.set_revoked_at(core::FormatTimestamp(*key.revoked_at));
  out.set_active(key.ActiveAt(now));
  return out;
}

}  // namespace chansync::api
