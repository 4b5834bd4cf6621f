#include "chansync/tools/flag_set.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace chansync::tools {

void FlagSet::String(std::string name, std::string* out, bool required) {
  if (required) required_[name] = out;
  Custom(std::move(name), [out](std::string_view value) {
    *out = value;
    return true;
  });
}

void FlagSet::Int(std::string name, int min, int max, int* out) {
  Custom(std::move(name),
         [min, max, out](std::string_view value) { return ParseIntInRange(value, min, max, out); });
}

void FlagSet::Double(std::string name, double min, double max, double* out) {
  Custom(std::move(name), [min, max, out](std::string_view value) {
    const std::string text(value);
    char* end = nullptr;
    const double parsed = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !(parsed >= min && parsed <= max)) return false;
    *out = parsed;
    return true;
  });
}

void FlagSet::Custom(std::string name, std::function<bool(std::string_view)> parse) {
  flags_.insert_or_assign(std::move(name), std::move(parse));
}

FlagSet::Outcome FlagSet::Parse(int argc, char** argv, std::string* error) const {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") return Outcome::kHelp;
    if (i + 1 >= argc) {
      *error = std::string(flag) + " needs a value";
      return Outcome::kError;
    }
    const std::string_view value = argv[++i];
    auto it = flags_.find(flag);
    if (it == flags_.end()) {
      *error = "unknown flag " + std::string(flag);
      return Outcome::kError;
    }
    if (!it->second(value)) {
      *error = "bad value for " + std::string(flag) + ": " + std::string(value);
      return Outcome::kError;
    }
  }
  for (const auto& [name, value] : required_) {
    if (value->empty()) {
      *error = name + " is required";
      return Outcome::kError;
    }
  }
  return Outcome::kOk;
}

bool ParseIntInRange(std::string_view text, int min, int max, int* out) {
  int parsed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc() || end != text.data() + text.size() || parsed < min || parsed > max) {
    return false;
  }
  *out = parsed;
  return true;
}

std::optional<int> ParseCommandLine(const FlagSet& flags, std::string_view name,
                                    std::string_view usage, int argc, char** argv) {
  std::string error;
  switch (flags.Parse(argc, argv, &error)) {
    case FlagSet::Outcome::kOk:
      return std::nullopt;
    case FlagSet::Outcome::kHelp:
      std::fwrite(usage.data(), 1, usage.size(), stdout);
      return 0;
    case FlagSet::Outcome::kError:
      break;
  }
  std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(name.size()), name.data(), error.c_str());
  std::fwrite(usage.data(), 1, usage.size(), stderr);
  return 2;
}

}  // namespace chansync::tools
