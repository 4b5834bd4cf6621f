#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "chansync/auth/action.h"

namespace chansync::api {

struct MethodAction {
  std::string_view method;  // "chansync.v1.AdminService/SetGateway"
  auth::Action action;
};

// The one table of which action each gRPC method of every chansync.v1 service performs. A
// method missing here cannot be called: its guard answers PERMISSION_DENIED. (Health and
// reflection are gRPC's own services and stay open.)
std::span<const MethodAction> MethodActions();
std::optional<auth::Action> ActionOfMethod(std::string_view method);

}  // namespace chansync::api
