#include "command_line.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "exit_codes.h"
#include "suggest.h"

namespace chansync::app {
namespace {

constexpr const char* kRootUsage =
    "usage: chansync <command> [options]; chansync --help lists them\n";

void Declare(CLI::App& app, const OptionSpec& option) {
  if (option.value_name.empty()) {
    app.add_flag("--" + option.name)->description(option.about);
    return;
  }
  CLI::Option* declared =
      app.add_option("--" + option.name)
          ->type_name(option.value_name)
          ->description(option.required ? option.about + " (required)" : option.about);
  if (option.repeatable) declared->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// Each command checks what is left over itself, so that it can say what was meant.
void Configure(CLI::App& app) {
  app.allow_extras();
  app.require_subcommand(0, 1);
}

std::vector<std::string> OptionNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

// CLI11 says "--property: 1 required P missing" for an option given last without its value.
std::string Rephrase(const CLI::ParseError& error) {
  const std::string what = error.what();
  const auto colon = what.find(": ");
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr && what.ends_with(" missing") &&
      colon != std::string::npos) {
    return what.substr(0, colon) + " needs a value";
  }
  return what;
}

}  // namespace

CommandLine::CommandLine(const std::string& about, const std::string& footer)
    : root_(std::make_unique<CLI::App>(about, "chansync")) {
  root_->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  root_->footer(footer);
  Configure(*root_);
}

CommandLine::~CommandLine() = default;

void CommandLine::AddGlobalOption(const OptionSpec& option) { Declare(*root_, option); }

void CommandLine::Add(CommandSpec command) {
  CLI::App* parent = root_.get();
  for (size_t i = 0; i + 1 < command.path.size(); ++i) {
    parent = parent->get_subcommand(command.path[i]);
  }
  CLI::App* app = parent->add_subcommand(command.path.back(), command.about);
  Configure(*app);
  app->group(command.group.empty() ? "commands" : command.group);
  app->footer("");  // the root's footer speaks of all commands
  for (const auto& option : command.options) Declare(*app, option);
  for (const auto& positional : command.positionals) {
    app->add_option(positional.name, positional.about)->type_name("");
  }
  spec_of_[app] = &commands_.emplace_back(std::move(command));
}

int CommandLine::Run(const std::vector<std::string>& words) {
  if (!words.empty() && words.front() == "help") {
    std::cout << root_->help();
    return kExitOk;
  }
  std::vector<std::string> reversed(words.rbegin(), words.rend());  // CLI11 pops from the back
  try {
    root_->parse(reversed);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return root_->exit(error);  // --help
    }
    return ReportUsage(Rephrase(error), UsageOf(SelectedChain().back()));
  }
  const auto chain = SelectedChain();
  for (const CLI::App* app : chain) {
    const auto left = app->remaining();
    if (std::any_of(left.begin(), left.end(), [](const auto& word) { return word != "--"; })) {
      return ReportUnexpected(chain);
    }
  }
  const auto spec = spec_of_.find(chain.back());
  if (spec == spec_of_.end()) {
    std::cout << root_->help();
    return kExitUsage;
  }
  const Args args = Collect(chain);
  for (const auto& option : spec->second->options) {
    if (!option.required) continue;
    if (auto value = args.Require(option.name); !value) {
      return ReportUsage(value.error().message, spec->second->usage);
    }
  }
  return spec->second->run(args);
}

std::vector<CLI::App*> CommandLine::SelectedChain() const {
  std::vector<CLI::App*> chain{root_.get()};
  while (true) {
    auto selected = chain.back()->get_subcommands();
    if (selected.empty()) return chain;
    chain.push_back(selected.front());
  }
}

std::string CommandLine::UsageOf(const CLI::App* app) const {
  const auto spec = spec_of_.find(app);
  return spec == spec_of_.end() ? kRootUsage : spec->second->usage;
}

int CommandLine::ReportUnexpected(const std::vector<CLI::App*>& chain) const {
  std::string path;
  for (const CLI::App* app : chain) {
    if (app != root_.get()) path += app->get_name() + " ";
    for (const auto& word : app->remaining()) {
      if (word == "--") continue;
      if (word.starts_with("-")) {
        const std::string name = word.substr(0, word.find('='));
        std::string message = "unknown option " + name;
        if (auto close = ClosestName(name, OptionNames(*app))) {
          message += "; did you mean " + *close + "?";
        }
        return ReportUsage(message, UsageOf(app));
      }
      std::vector<std::string> commands;
      for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
        commands.push_back(sub->get_name());
      }
      if (commands.empty()) {
        return ReportUsage("unexpected argument \"" + word + "\"", UsageOf(app));
      }
      std::string message = "unknown command \"" + path + word + "\"";
      if (auto close = ClosestName(word, commands)) {
        message += "; did you mean \"" + path + *close + "\"?";
      }
      return ReportUsage(message, UsageOf(app));
    }
  }
  return kExitUsage;
}

Args CommandLine::Collect(const std::vector<CLI::App*>& chain) const {
  std::map<std::string, std::string> options;
  std::map<std::string, std::vector<std::string>> repeated;
  std::vector<std::string> positionals;
  for (const CLI::App* app : chain) {
    for (const CLI::Option* option : app->get_options()) {
      if (option->count() == 0 || option == app->get_help_ptr()) continue;
      const std::string value = option->results().empty() ? "true" : option->results().back();
      if (!option->get_positional()) {
        options[option->get_lnames().front()] = value;
        repeated[option->get_lnames().front()] = option->results();
      } else if (app == chain.back()) {
        positionals.push_back(value);
      }
    }
  }
  return Args(std::move(positionals), std::move(options), std::move(repeated));
}

}  // namespace chansync::app
