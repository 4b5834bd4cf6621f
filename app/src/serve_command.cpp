#include "serve_command.h"

#include <iostream>

#include "chansync/core/logging.h"
#include "chansync/core/stop_signals.h"
#include "exit_codes.h"
#include "listen_policy.h"
#include "serve_config_toml.h"
#include "serve_run.h"
#include "serve_settings.h"
#include "serve_wiring.h"
#include "text_file.h"

namespace chansync::app {
namespace {

constexpr const char* kUsage =
    "usage: chansync serve [--config FILE.toml] [--print-config]\n"
    "                      [--listen 127.0.0.1:7400] [--redis 127.0.0.1:6379 | unix:/path]\n"
    "                      [--http-listen 127.0.0.1:7480] [--http-threads 8] [--workers 2]\n"
    "                      [--declarations FILE.json] [--ready-file FILE] [--log-level info]\n"
    "                      [--pms-attempts 5] [--pms-backoff-ms 500] [--reclaim-idle-ms 30000]\n"
    "                      [--pms-outage-window-ms 86400000]\n"
    "                      [--check-deadline-ms 2000] [--horizon-days 365] [--lease-ttl-ms 30000]\n"
    "                      [--instance NAME] [--batch-size 64] [--pms-in-flight 8]\n"
    "Flags override the configuration file (deploy/chansync.example.toml lists its keys).\n"
    "chansync serve --help says what each flag does.\n";

core::Result<ServeConfig> LoadServeConfig(const Args& args) {
  std::optional<ConfigText> file;
  if (auto path = args.Get("config")) {
    ASSIGN_OR_RETURN(std::string text, ReadTextFile(*path));
    file = ConfigText{*path, std::move(text)};
  }
  return BuildServeConfig(file, args);
}

int Serve(const Args& args) {
  // Bad usage is reported before any I/O but reading the file.
  auto config = LoadServeConfig(args);
  if (!config) return ReportUsage(config.error().message, kUsage);
  if (args.Has("print-config")) {
    std::cout << ServeConfigToToml(*config);
    return kExitOk;
  }
  if (auto listen = CheckListenAddresses(*config); !listen) {
    return ReportUsage(listen.error().message, kUsage);
  }
  const auto signals = core::StopSignals::Block();
  core::SetUpLogging(config->log_level);
  auto wiring = Wiring::Build(*config);
  if (!wiring) {
    std::cerr << "chansync serve: " << wiring.error().ToString() << '\n';
    return kExitUsage;
  }
  return RunService(**wiring, *config, signals);
}

std::string DefaultText(const ServeSetting& setting) {
  static const ServeConfig defaults;
  if (const auto* integer = std::get_if<IntegerSetting>(&setting.value)) {
    return std::to_string(defaults.*integer->member);
  }
  if (const auto* on_off = std::get_if<SwitchSetting>(&setting.value)) {
    return defaults.*on_off->member ? "on" : "";
  }
  return defaults.*std::get<TextSetting>(setting.value).member;
}

std::vector<OptionSpec> ServeOptions() {
  std::vector<OptionSpec> options{
      {"config", "FILE.toml", "read settings from this file; flags override it"},
      {"print-config", "", "print the configuration as TOML and exit"}};
  for (const ServeSetting& setting : ServeSettings()) {
    std::string about(setting.about);
    if (const std::string fallback = DefaultText(setting); !fallback.empty()) {
      about += " (default " + fallback + ")";
    }
    about += " [" + setting.FileKey() + "]";
    options.push_back({std::string(setting.flag), std::string(setting.value_name), about});
  }
  return options;
}

}  // namespace

void AddServeCommand(CommandLine& cli) {
  cli.Add({.path = {"serve"},
           .group = "service",
           .about = "run the service (gRPC admin API, HTTP ingest, workers)",
           .usage = kUsage,
           .options = ServeOptions(),
           .run = Serve});
}

}  // namespace chansync::app
