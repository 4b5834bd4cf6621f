#include "chansync/auth/role.h"

namespace chansync::auth {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPortal:
      return "portal";
    case Role::kOperator:
      return "operator";
    case Role::kAdmin:
      return "admin";
    case Role::kVendor:
      return "vendor";
    case Role::kPos:
      return "pos";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace chansync::auth
