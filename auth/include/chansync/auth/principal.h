#pragma once

#include <optional>
#include <string>

#include "chansync/auth/role.h"
#include "chansync/core/ids.h"

namespace chansync::auth {

// Who a call comes from, once its key was checked. Carries no secret: safe to log and audit.
struct Principal {
  std::string key_id;
  std::string key_name;
  Role role = Role::kPortal;
  std::optional<core::ChannelId> channel;    // a portal's one channel
  std::optional<core::PropertyId> property;  // a pos key's one property
};

}  // namespace chansync::auth
