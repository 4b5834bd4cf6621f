#pragma once

#include <cstddef>
#include <string_view>

#include "chansync/core/error.h"

namespace chansync::core {

// Free text sent by a portal (a guest's name): required, at most `max_bytes` bytes of well-formed
// UTF-8 (no overlong forms, surrogates or code points past U+10FFFF) without control characters
// (C0, DEL, C1: NUL, CR and LF included), since it is shown to operators, sent to PMSs and stored
// in line-oriented records. INVALID_ARGUMENT naming `field` otherwise.
Status ValidateText(std::string_view field, std::string_view value, size_t max_bytes);

}  // namespace chansync::core
