#include "cli/command.h"

#include "bundlectl/util/strings.h"
#include "cli/commands.h"

namespace bundlectl::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"init", "Create a bundle from a template", define_init_command},
      {"validate", "Validate the bundle configuration of one target (or all of them)",
       define_validate_command},
      {"auth", "Show which workspace, credentials and identity bundlectl will use",
       define_auth_command},
      {"emulator", "Run a local emulated Databricks workspace", define_emulator_command},
      {"schema", "Print the JSON Schema of databricks.yml (for editors)", define_schema_command},
      {"render", "Print the exact payloads deploy sends for each resource", define_render_command},
      {"plan", "Show what a deploy would create, update and delete", define_plan_command},
      {"summary", "List the bundle's resources with their ids and workspace URLs",
       define_summary_command},
      {"deployment", "Bind an existing job or pipeline to the bundle, or unbind one",
       define_deployment_command},
      {"run", "Run a job or pipeline update of the bundle and follow it to its end",
       define_run_command},
      {"runs", "List, follow, cancel and repair the runs of the bundle's jobs",
       define_runs_command},
      {"deploy", "Deploy the bundle's resources to the workspace", define_deploy_command},
      {"destroy", "Delete every deployed resource and the bundle's workspace folder",
       define_destroy_command},
  };
  return table;
}

std::vector<char*> without_bundle_word(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word == "--log-level") {
      ++i;
      continue;
    }
    if (!word.empty() && word[0] == '-') continue;
    if (word == "bundle") args.erase(args.begin() + i);
    break;
  }
  return args;
}

std::string unknown_command_message(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word == "--log-level") {
      ++i;  // the only global option that takes a value
      continue;
    }
    if (!word.empty() && word[0] == '-') continue;
    std::vector<std::string> names;
    for (const Command& command : commands()) {
      if (word == command.name) return "";
      names.emplace_back(command.name);
    }
    return "unknown command " + util::quoted(word) + util::did_you_mean(word, names);
  }
  return "";
}

void build_app(CLI::App& app, GlobalOptions& globals, CommandBody& chosen) {
  app.set_version_flag("--version", std::string("bundlectl ") + BUNDLECTL_VERSION);
  app.add_option("--log-level", globals.log_level,
                 "Log level on stderr: trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->envname("BUNDLECTL_LOG_LEVEL");
  app.require_subcommand(1);
  for (const Command& command : commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    auto body = std::make_shared<CommandBody>();
    *body = command.define(*sub, globals);
    sub->callback([body, &chosen] { chosen = *body; });
  }
}

}  // namespace bundlectl::cli
