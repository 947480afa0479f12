// One definition function per command, each in its own file.
#pragma once

#include "cli/command.h"

namespace bundlectl::cli {

CommandBody define_validate_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_auth_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_emulator_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_schema_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_init_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_render_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_plan_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_summary_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_deployment_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_run_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_runs_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_deploy_command(CLI::App& app, const GlobalOptions& globals);
CommandBody define_destroy_command(CLI::App& app, const GlobalOptions& globals);

}  // namespace bundlectl::cli
