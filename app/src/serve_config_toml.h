#pragma once

#include <string>

#include "chansync/core/error.h"
#include "serve_config.h"

namespace chansync::app {

// Sets in `config` every setting `file` gives (TOML; keys as in deploy/chansync.example.toml).
// INVALID_ARGUMENT listing every problem, one per line, each "<name>:<line>: ...": a TOML
// syntax error, an unknown key or table (with the closest known key when one is near), a
// value of the wrong type or out of range. `config` is unchanged unless the whole file is good.
core::Status ApplyTomlConfig(const ConfigText& file, ServeConfig& config);

// `config` as a TOML document that ApplyTomlConfig reads back to the same configuration.
std::string ServeConfigToToml(const ServeConfig& config);

}  // namespace chansync::app
