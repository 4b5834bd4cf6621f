#pragma once

#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::core {

// Identifiers are chosen by admins, portals and PMSs. They become parts of Redis keys, so they
// are restricted to 1..64 characters of [A-Za-z0-9._-].
using PropertyId = std::string;
using ChannelId = std::string;
using ChannelProductId = std::string;
using ChannelOptionId = std::string;
using PmsProductId = std::string;
using PmsOptionId = std::string;

// INVALID_ARGUMENT naming `field` when `value` is not a valid identifier.
Status ValidateId(std::string_view field, std::string_view value);

}  // namespace chansync::core
