#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace chansync::auth {

// What a key's holder is. Each role's rights are in the authorisation table (action.h):
//   portal    a booking portal, bound to one channel and the properties paired with it
//   operator  staff who read integrations and force them
//   admin     staff who link, set modes and levels, refresh, and do what operators do
//   vendor    the software's vendor: multi-link, new properties, keys of any role, and admin rights
//   pos       a till or spa system, bound to one property: it searches guests, posts and voids
//             charges and payments, and reads that property's postings, nothing else
enum class Role { kPortal, kOperator, kAdmin, kVendor, kPos };

inline constexpr std::array kAllRoles = {Role::kPortal, Role::kOperator, Role::kAdmin,
                                         Role::kVendor, Role::kPos};

// "portal", "operator", "admin", "vendor", "pos": stored with the key and shown by `keys list`.
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

}  // namespace chansync::auth
