#include "serve_config.h"

#include "serve_config_toml.h"
#include "serve_settings.h"

namespace chansync::app {
namespace {

core::Status ApplyFlag(const ServeSetting& setting, const Args& flags, ServeConfig& config) {
  const std::string flag(setting.flag);
  if (!flags.Has(flag)) return core::Ok();
  if (const auto* integer = std::get_if<IntegerSetting>(&setting.value)) {
    ASSIGN_OR_RETURN(config.*integer->member,
                     flags.GetInt(flag, config.*integer->member, integer->min, integer->max));
    return core::Ok();
  }
  if (const auto* on_off = std::get_if<SwitchSetting>(&setting.value)) {
    config.*on_off->member = true;
    return core::Ok();
  }
  return SetText(setting, flags.GetOr(flag, ""), "--" + flag, config);
}

}  // namespace

core::Result<ServeConfig> BuildServeConfig(const std::optional<ConfigText>& file,
                                           const Args& flags) {
  ServeConfig config;
  if (file) RETURN_IF_ERROR(ApplyTomlConfig(*file, config));
  for (const ServeSetting& setting : ServeSettings()) {
    RETURN_IF_ERROR(ApplyFlag(setting, flags, config));
  }
  return config;
}

}  // namespace chansync::app
