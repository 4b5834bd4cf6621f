#include "args.h"

#include <charconv>

namespace chansync::app {

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  auto it = repeated_.find(name);
  if (it == repeated_.end()) return {};
  return it->second;
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
    return core::Fail(core::ErrorCode::kInvalidArgument, "--" + name + " " + IntegerRule(min, max));
  }
  return value;
}

std::string IntegerRule(int64_t min, int64_t max) {
  return "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

}  // namespace chansync::app
