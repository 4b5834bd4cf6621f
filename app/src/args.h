#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::app {

// Command-line words split into positionals and --name value / --name=value options.
// Boolean switches are declared so that they never swallow the next word.
class Args {
 public:
  static core::Result<Args> Parse(const std::vector<std::string>& words,
                                  const std::vector<std::string>& switches);

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool Has(const std::string& name) const { return options_.contains(name); }
  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  // INVALID_ARGUMENT "--name is required" when absent.
  core::Result<std::string> Require(const std::string& name) const;
  // The option as an integer in [min, max], or `fallback` when absent. INVALID_ARGUMENT
  // "--name must be an integer from min to max" for anything else ("abc", "3x", out of range).
  core::Result<int64_t> GetInt(const std::string& name, int64_t fallback, int64_t min,
                               int64_t max) const;
  // Options that are not in `known`, for a clear "unknown option" error.
  std::vector<std::string> Unknown(const std::vector<std::string>& known) const;

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> options_;
};

}  // namespace chansync::app
