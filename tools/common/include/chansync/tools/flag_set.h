#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace chansync::tools {

// The command line of a tool: flags written `--name value`, each value checked as it is read.
// Errors name the flag: "--x needs a value", "unknown flag --x", "bad value for --x: v",
// "--x is required".
class FlagSet {
 public:
  // `required`: the tool cannot run without a non-empty value.
  void String(std::string name, std::string* out, bool required = false);
  // A whole number within [min, max].
  void Int(std::string name, int min, int max, int* out);
  // A decimal number within [min, max].
  void Double(std::string name, double min, double max, double* out);
  // Any value `parse` accepts (returns true for).
  void Custom(std::string name, std::function<bool(std::string_view)> parse);

  enum class Outcome { kOk, kHelp, kError };
  // kHelp on --help or -h; kError with `error` set on the first bad flag or a missing required
  // one.
  Outcome Parse(int argc, char** argv, std::string* error) const;

 private:
  std::map<std::string, std::function<bool(std::string_view)>, std::less<>> flags_;
  std::map<std::string, const std::string*> required_;
};

// A whole number within [min, max], the whole of `text`.
bool ParseIntInRange(std::string_view text, int min, int max, int* out);

// Parses the command line of the tool `name` (e.g. "pmssim"). On --help prints `usage` to stdout
// and returns 0; on an error prints "name: error" and `usage` to stderr and returns 2; returns
// nothing when the tool should go on.
std::optional<int> ParseCommandLine(const FlagSet& flags, std::string_view name,
                                    std::string_view usage, int argc, char** argv);

}  // namespace chansync::tools
