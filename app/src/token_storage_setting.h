#pragma once

#include <string_view>

#include "chansync/core/error.h"

namespace chansync::app {

// How serve keeps PMS tokens in Redis (`--pms-token-storage`).
enum class TokenStorageMode {
  kSealed,         // sealed under --secrets-key-file; without a key no token can be stored
  kInsecurePlain,  // without a key, kept readable: for local work only
};

// "sealed" | "insecure-plain"; INVALID_ARGUMENT naming both otherwise.
core::Result<TokenStorageMode> ParseTokenStorageMode(std::string_view text);

}  // namespace chansync::app
