#include "serve_config_toml.h"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include "serve_settings.h"
#include "suggest.h"

namespace chansync::app {
namespace {

struct Problem {
  size_t line;
  std::string message;  // without "<name>:<line>: "
};

const ServeSetting* FindSetting(const std::string& file_key) {
  for (const ServeSetting& setting : ServeSettings()) {
    if (setting.FileKey() == file_key) return &setting;
  }
  return nullptr;
}

bool IsTableName(std::string_view name) {
  const auto settings = ServeSettings();
  return std::any_of(settings.begin(), settings.end(),
                     [&](const ServeSetting& setting) { return setting.table == name; });
}

std::string Unknown(const std::string& file_key, bool is_table) {
  std::vector<std::string> known;
  for (const ServeSetting& setting : ServeSettings()) {
    known.push_back(is_table ? std::string(setting.table) : setting.FileKey());
  }
  std::string message = is_table ? "unknown table [" + file_key + "]" : "unknown key " + file_key;
  if (auto close = ClosestName(file_key, known)) {
    message += is_table ? "; did you mean [" + *close + "]?" : "; did you mean " + *close + "?";
  }
  return message;
}

// "a string", "an integer": what the file gave instead.
std::string WhatItIs(const toml::node& node) {
  std::ostringstream name;
  name << node.type();
  const std::string type = name.str();
  return (std::string("aeiou").find(type.front()) == std::string::npos ? "a " : "an ") + type;
}

// Sets the setting at `file_key` from `node`, or says why not.
std::optional<std::string> Apply(const std::string& file_key, const toml::node& node,
                                 ServeConfig& config) {
  const ServeSetting* setting = FindSetting(file_key);
  if (setting == nullptr) {
    if (IsTableName(file_key)) return file_key + " must be a table ([" + file_key + "])";
    return Unknown(file_key, node.is_table());
  }
  core::Status set;
  if (std::holds_alternative<IntegerSetting>(setting->value)) {
    const auto* integer = node.as_integer();
    if (integer == nullptr) return file_key + " must be an integer, got " + WhatItIs(node);
    set = SetInteger(*setting, integer->get(), file_key, config);
  } else if (const auto* on_off = std::get_if<SwitchSetting>(&setting->value)) {
    const auto* boolean = node.as_boolean();
    if (boolean == nullptr) return file_key + " must be true or false, got " + WhatItIs(node);
    config.*on_off->member = boolean->get();
  } else {
    const auto* text = node.as_string();
    if (text == nullptr) return file_key + " must be a string, got " + WhatItIs(node);
    set = SetText(*setting, text->get(), file_key, config);
  }
  if (!set) return set.error().message;
  return std::nullopt;
}

std::vector<Problem> ApplyAll(const toml::table& root, ServeConfig& config) {
  std::vector<Problem> problems;
  auto apply = [&](const std::string& file_key, const toml::node& node) {
    if (auto problem = Apply(file_key, node, config)) {
      problems.push_back({node.source().begin.line, std::move(*problem)});
    }
  };
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (node.is_table() && IsTableName(name)) {
      for (const auto& [inner_key, inner_node] : *node.as_table()) {
        apply(name + "." + std::string(inner_key.str()), inner_node);
      }
    } else {
      apply(name, node);
    }
  }
  return problems;
}

}  // namespace

core::Status ApplyTomlConfig(const ConfigText& file, ServeConfig& config) {
  toml::table root;
  try {
    root = toml::parse(file.text, file.name);
  } catch (const toml::parse_error& error) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      file.name + ":" + std::to_string(error.source().begin.line) + ": " +
                          std::string(error.description()));
  }
  ServeConfig updated = config;
  auto problems = ApplyAll(root, updated);
  if (problems.empty()) {
    config = std::move(updated);
    return core::Ok();
  }
  // The table iterates keys in sorted order; report in the order of the file.
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  std::string message;
  for (const Problem& problem : problems) {
    if (!message.empty()) message += '\n';
    message += file.name + ":" + std::to_string(problem.line) + ": " + problem.message;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument, message);
}

std::string ServeConfigToToml(const ServeConfig& config) {
  toml::table root;
  for (const ServeSetting& setting : ServeSettings()) {
    toml::table* target = &root;
    if (!setting.table.empty()) {
      target = root.emplace<toml::table>(setting.table).first->second.as_table();
    }
    if (const auto* integer = std::get_if<IntegerSetting>(&setting.value)) {
      target->insert_or_assign(setting.key, config.*integer->member);
    } else if (const auto* on_off = std::get_if<SwitchSetting>(&setting.value)) {
      target->insert_or_assign(setting.key, config.*on_off->member);
    } else {
      target->insert_or_assign(setting.key, config.*std::get<TextSetting>(setting.value).member);
    }
  }
  std::ostringstream out;
  out << root << '\n';
  return out.str();
}

}  // namespace chansync::app
