#include "flags.h"

#include <charconv>

namespace chansync::loadgen {

core::Result<Flags> Flags::Parse(const std::vector<std::string>& words) {
  Flags flags;
  for (size_t i = 0; i < words.size(); i += 2) {
    if (!words[i].starts_with("--") || i + 1 >= words.size()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "expected --name value, got \"" + words[i] + "\"");
    }
    flags.values_[words[i].substr(2)] = words[i + 1];
  }
  return flags;
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

long long Flags::GetInt(const std::string& name, long long fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  long long value = 0;
  const auto& text = it->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : fallback;
}

std::optional<std::string> Flags::Find(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

}  // namespace chansync::loadgen
