#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::fias {

// The AES-128 key an interface may be set up with to authenticate the link (docs/fias.md).
using LinkKey = std::array<uint8_t, 16>;

// A key written as 32 hex digits; INVALID_ARGUMENT otherwise (the message never shows the text).
core::Result<LinkKey> ParseLinkKey(std::string_view hex);

// The cryptogram of the CG record: AES-128-ECB under `key` of the ASCII text `date` + `time`
// (the DA and TI of the interface's last LS, 12 bytes) padded with PKCS#7 to one block, written
// as 32 upper-case hex digits.
std::string MakeCryptogram(const LinkKey& key, std::string_view date, std::string_view time);

}  // namespace chansync::fias
