#include "cli/command_bundle.h"

#include <iostream>

#include "bundlectl/core/diagnostic_text.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/validate/bundlectl_only.h"
#include "bundlectl/validate/validate.h"

namespace bundlectl::cli {

std::string config_text(const config::Bundle& bundle,
                        std::initializer_list<std::string_view> keys) {
  const core::Value* value = bundle.config.at(keys);
  return value && value->is_scalar() ? value->scalar_text() : "";
}

std::string CommandBundle::destination() const {
  if (session->emulated()) return "the emulator (.bundlectl/emulator.db)";
  return session->auth().host.value;
}

std::string CommandBundle::workspace_id() const {
  return session->emulated() ? "emulator" : session->auth().host.value;
}

namespace {

bool user_is_given(const config::LoadResult& files) {
  if (!files.bundle.options.user.empty()) return true;
  return !files.bundle.options.environment("DATABRICKS_USER").value_or("").empty();
}

}  // namespace

CommandBundle load_command_bundle(const BundleFlags& flags, WorkspaceNeed need) {
  CommandBundle command;
  config::LoadResult files = config::load_files(load_options(flags));
  SessionInputs inputs = session_inputs(flags, &files);
  inputs.quick = false;  // a deploy or a run waits for a slow workspace rather than fail
  command.session = std::make_unique<WorkspaceSession>(inputs);
  const bool user_suffices = need == WorkspaceNeed::UserSuffices && user_is_given(files);
  if (command.session->workspace() == nullptr && files.complete && !user_suffices) {
    const std::string or_user =
        need == WorkspaceNeed::UserSuffices ? " --user NAME to work without one, or" : "";
    throw core::Failure("no workspace to talk to: " + command.session->note() + " (or pass" +
                        or_user + " --emulator for the local emulated workspace)");
  }
  files.bundle.options.workspace = command.session->lookup();
  const std::string target = files.bundle.options.target;
  command.loaded =
      files.complete ? config::load_target(std::move(files), target) : std::move(files);
  core::Diagnostics checks;
  if (command.loaded.complete) checks = validate::run_checks(command.loaded.bundle, {});
  // As validate prints them without --recommendations: bundlectl's own recommendations are
  // left out, the Databricks CLI's findings printed, loading's before the checks'.
  validate::recommend_bundlectl_only(command.loaded.diagnostics);
  validate::recommend_bundlectl_only(checks);
  command.loaded.diagnostics.sort_then_append(std::move(checks));
  const core::Diagnostics printed =
      validate::printed_findings(command.loaded.diagnostics, /*with_recommendations=*/false);
  core::render_text(std::cerr, printed, command.loaded.bundle.root);
  if (command.loaded.diagnostics.has_errors() || !command.loaded.complete) {
    throw core::Failure(core::summary_line(printed));
  }
  return command;
}

}  // namespace bundlectl::cli
