#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chansync/core/error.h"

namespace chansync::app {

// What a command was given once its command line is parsed: the positional words in order and
// the options by long name (without the dashes); a switch that was given has the value "true".
class Args {
 public:
  Args() = default;
  Args(std::vector<std::string> positionals, std::map<std::string, std::string> options,
       std::map<std::string, std::vector<std::string>> repeated = {})
      : positionals_(std::move(positionals)),
        options_(std::move(options)),
        repeated_(std::move(repeated)) {}

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool Has(const std::string& name) const { return options_.contains(name); }
  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  // Every value of a repeatable option, in the order given; empty when absent.
  std::vector<std::string> GetAll(const std::string& name) const;
  // INVALID_ARGUMENT "--name is required" when absent or empty.
  core::Result<std::string> Require(const std::string& name) const;
  // The option as an integer in [min, max], or `fallback` when absent. INVALID_ARGUMENT
  // "--name must be an integer from min to max" for anything else ("abc", "3x", out of range).
  core::Result<int64_t> GetInt(const std::string& name, int64_t fallback, int64_t min,
                               int64_t max) const;

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> options_;
  std::map<std::string, std::vector<std::string>> repeated_;
};

// The rule a bounded integer setting states in its errors: "must be an integer from min to max".
std::string IntegerRule(int64_t min, int64_t max);

}  // namespace chansync::app
