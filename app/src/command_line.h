#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "args.h"

namespace CLI {
class App;
}  // namespace CLI

namespace chansync::app {

struct OptionSpec {
  std::string name;        // the long name without its dashes; a positional's placeholder
  std::string value_name;  // shown in help ("P"); empty for a switch, which takes no value
  std::string about;
  bool required = false;  // checked before the command runs: "--name is required"
  // May be given more than once, every value kept in order (Args::GetAll); otherwise the last
  // one given wins.
  bool repeatable = false;
};

struct CommandSpec {
  std::vector<std::string> path;  // {"link", "product"} is `product` inside `link`
  std::string group;              // its heading in the parent's help
  std::string about;              // one line
  std::string usage;              // printed after an error in how the command was called
  std::vector<OptionSpec> options;
  std::vector<OptionSpec> positionals;  // one word each, in this order, all optional
  // Runs with what was given (global options included) and returns the exit code. A command
  // with sub-commands runs when none of them was named.
  std::function<int(const Args&)> run;
};

// The `chansync` command line, parsed with CLI11. `chansync <command> --help` prints that
// command's help and exits 0; `chansync`, `chansync help` and `chansync --help` list the
// commands (exit 2, 0, 0). A mistyped command or option is an error (exit 2) naming it, with a
// "did you mean ...?" when a known name is close. Options repeat with the last one winning.
class CommandLine {
 public:
  CommandLine(const std::string& about, const std::string& footer);
  ~CommandLine();

  // An option accepted before any command's name, e.g. --server; after the name it is accepted
  // by the commands that declare it too. Either way the command finds it in its Args.
  void AddGlobalOption(const OptionSpec& option);
  // The command's parent (all of its path but the last name) must have been added before.
  void Add(CommandSpec command);
  // Parses the words after the program name and runs the command they name. Returns the
  // process exit code.
  int Run(const std::vector<std::string>& words);

 private:
  std::vector<CLI::App*> SelectedChain() const;
  std::string UsageOf(const CLI::App* app) const;
  int ReportUnexpected(const std::vector<CLI::App*>& chain) const;
  Args Collect(const std::vector<CLI::App*>& chain) const;

  std::unique_ptr<CLI::App> root_;
  std::deque<CommandSpec> commands_;  // a deque: spec_of_ keeps pointers into it
  std::map<const CLI::App*, const CommandSpec*> spec_of_;
};

}  // namespace chansync::app
