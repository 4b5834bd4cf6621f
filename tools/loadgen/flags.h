#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::loadgen {

// `--name value` pairs after the subcommand. Thread-compatible.
class Flags {
 public:
  // INVALID_ARGUMENT for a word that is not `--name` followed by a value.
  static core::Result<Flags> Parse(const std::vector<std::string>& words);

  std::string Get(const std::string& name, const std::string& fallback) const;
  // The flag as an integer; `fallback` when absent or not a number.
  long long GetInt(const std::string& name, long long fallback) const;
  std::optional<std::string> Find(const std::string& name) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace chansync::loadgen
