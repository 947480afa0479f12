// Builds the CLI, runs the chosen command and maps what escaped it to an exit code.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/command.h"

int main(int argc, char** argv) {
  using bundlectl::core::ExitCode;
  spdlog::set_default_logger(spdlog::stderr_color_mt("bundlectl"));
  spdlog::set_pattern("%^%l%$: %v");

  CLI::App app{"bundlectl: validate, deploy and run Databricks bundles", "bundlectl"};
  bundlectl::cli::GlobalOptions globals;
  bundlectl::cli::CommandBody chosen;
  bundlectl::cli::build_app(app, globals, chosen);
  int status = 0;
  std::vector<char*> args = bundlectl::cli::without_bundle_word(argc, argv);
  argc = static_cast<int>(args.size());
  argv = args.data();
  if (std::string slip = bundlectl::cli::unknown_command_message(argc, argv); !slip.empty()) {
    std::cerr << "Error: " << slip << "\nRun 'bundlectl --help' for the list of commands.\n";
    return static_cast<int>(ExitCode::Usage);
  }
  try {
    app.parse(argc, argv);
    spdlog::set_level(spdlog::level::from_str(globals.log_level));
    status = static_cast<int>(chosen ? chosen() : ExitCode::Usage);
  } catch (const CLI::ParseError& e) {
    status = app.exit(e);
    if (status != 0) status = static_cast<int>(ExitCode::Usage);
  } catch (const bundlectl::core::UsageError& e) {
    std::cerr << "Error: " << e.what() << "\n";
    status = static_cast<int>(ExitCode::Usage);
  } catch (const bundlectl::core::LockHeldError& e) {
    std::cerr << "Error: " << e.what() << "\n";
    status = static_cast<int>(ExitCode::LockHeld);
  } catch (const std::exception& e) {
    std::cerr << "Error: " << e.what() << "\n";
    status = static_cast<int>(ExitCode::Failure);
  }
  return status;
}
