#pragma once

#include <string>
#include <string_view>

#include "chansync/auth/api_key.h"
#include "chansync/core/error.h"

namespace chansync::auth {

// The stored form of a key: compact JSON, times in ms since the epoch, the hash in hex.
std::string ApiKeyToJson(const ApiKey& key);
// INTERNAL naming the member when the stored text is not a key record.
core::Result<ApiKey> ApiKeyFromJson(std::string_view json);

}  // namespace chansync::auth
