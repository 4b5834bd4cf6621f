#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "chansync/core/error.h"
#include "serve_config.h"

namespace chansync::app {

struct IntegerSetting {
  int64_t ServeConfig::*member;
  int64_t min;
  int64_t max;
};

struct TextSetting {
  std::string ServeConfig::*member;
  // Says what is wrong with a value ("takes HOST:PORT, got ..."); null when any text will do.
  core::Status (*check)(const std::string& value) = nullptr;
};

// A switch: given on the command line without a value, `key = true` in the file.
struct SwitchSetting {
  bool ServeConfig::*member;
};

// One thing `chansync serve` can be told: its flag, its key in the configuration file (in a
// table unless `table` is empty) and where it lands in ServeConfig.
struct ServeSetting {
  std::string_view flag;  // without the dashes
  std::string_view table;
  std::string_view key;
  std::string_view value_name;  // in help: "N", "HOST:PORT"; empty for a switch
  std::string_view about;
  std::variant<IntegerSetting, TextSetting, SwitchSetting> value;

  std::string FileKey() const;  // "worker.count", or "instance" at the top level
};

// Every setting, in the order help lists them.
std::span<const ServeSetting> ServeSettings();

// Sets `setting` in `config`, or explains why not. `where` starts the message: "--workers",
// or "chansync.toml:7: worker.count".
core::Status SetInteger(const ServeSetting& setting, int64_t value, const std::string& where,
                        ServeConfig& config);
core::Status SetText(const ServeSetting& setting, std::string value, const std::string& where,
                     ServeConfig& config);

}  // namespace chansync::app
