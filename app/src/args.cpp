#include "args.h"

#include <algorithm>
#include <charconv>

namespace chansync::app {

core::Result<Args> Args::Parse(const std::vector<std::string>& words,
                               const std::vector<std::string>& switches) {
  Args args;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!word.starts_with("--") || word == "--") {
      args.positionals_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    const auto eq = name.find('=');
    if (eq != std::string::npos) {
      args.options_[name.substr(0, eq)] = name.substr(eq + 1);
      continue;
    }
    if (std::find(switches.begin(), switches.end(), name) != switches.end()) {
      args.options_[name] = "true";
      continue;
    }
    if (i + 1 >= words.size()) {
      return core::Fail(core::ErrorCode::kInvalidArgument, "--" + name + " needs a value");
    }
    args.options_[name] = words[++i];
  }
  return args;
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

core::Result<std::string> Args::Require(const std::string& name) const {
  auto value = Get(name);
  if (!value || value->empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "--" + name + " is required");
  }
  return *value;
}

core::Result<int64_t> Args::GetInt(const std::string& name, int64_t fallback, int64_t min,
                                   int64_t max) const {
  auto text = Get(name);
  if (!text) return fallback;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || ptr != text->data() + text->size() || value < min || value > max) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "--" + name + " must be an integer from " +
                                                             std::to_string(min) + " to " +
                                                             std::to_string(max));
  }
  return value;
}

std::vector<std::string> Args::Unknown(const std::vector<std::string>& known) const {
  std::vector<std::string> unknown;
  for (const auto& [name, value] : options_) {
    if (std::find(known.begin(), known.end(), name) == known.end()) unknown.push_back(name);
  }
  return unknown;
}

}  // namespace chansync::app
