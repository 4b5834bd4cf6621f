#pragma once

#include <string>

#include "chansync/core/error.h"

namespace chansync::app {

// The whole file at `path`, bytes as they are. NOT_FOUND "cannot read <path>" when it cannot be
// opened.
core::Result<std::string> ReadTextFile(const std::string& path);

}  // namespace chansync::app
