// The command table: every subcommand is one row, registered from its own file.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "bundlectl/core/exit_code.h"

namespace bundlectl::cli {

// Flags every command understands, parsed before the subcommand runs.
struct GlobalOptions {
  std::string log_level = "warn";
};

// A command body runs after parsing and returns the process exit code.
using CommandBody = std::function<core::ExitCode()>;

struct Command {
  const char* name;
  const char* summary;
  // Adds the subcommand's own flags to `app` and returns the body to run when it is chosen.
  std::function<CommandBody(CLI::App& app, const GlobalOptions& globals)> define;
};

const std::vector<Command>& commands();

// "unknown command "x", did you mean "y"?" when the first word of the command line names no
// command; "" otherwise (CLI11 then reports whatever else is wrong).
std::string unknown_command_message(int argc, const char* const* argv);

// The arguments without a leading `bundle` word: `bundlectl bundle validate` is
// `bundlectl validate`, so that commands typed for `databricks bundle ...` work unchanged.
std::vector<char*> without_bundle_word(int argc, char** argv);

// Builds the whole CLI. `chosen` receives the body of the subcommand that was parsed.
void build_app(CLI::App& app, GlobalOptions& globals, CommandBody& chosen);

}  // namespace bundlectl::cli
