// bundlectl validate: load the bundle, report what is wrong, print the resolved configuration.
#include <chrono>
#include <iostream>

#include "bundlectl/config/load.h"
#include "bundlectl/config/zero_values.h"
#include "bundlectl/core/diagnostic_report.h"
#include "bundlectl/core/diagnostic_text.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/core/json_text.h"
#include "bundlectl/core/value_json.h"
#include "bundlectl/validate/bundlectl_only.h"
#include "bundlectl/validate/schedules.h"
#include "bundlectl/validate/validate.h"
#include "cli/bundle_flags.h"
#include "cli/commands.h"
#include "cli/config_locations.h"
#include "cli/instant_flag.h"
#include "cli/workspace_session.h"

namespace bundlectl::cli {

namespace {

struct ValidateFlags {
  BundleFlags bundle;
  std::string output = "text";
  bool strict = false;
  bool all_targets = false;
  std::vector<std::string> policy_files;
  bool policies = false;
  std::string format = "text";
  bool explain_schedules = false;
  bool include_locations = false;  // -o json: add __locations, as the Databricks CLI does
  bool recommendations = false;    // text: also bundlectl's own recommendations
  std::string schedules_from;      // --schedules-from: the instant to explain from; empty: now
};

std::chrono::system_clock::time_point explain_from(const ValidateFlags& flags) {
  if (flags.schedules_from.empty()) return std::chrono::system_clock::now();
  std::optional<std::chrono::system_clock::time_point> instant =
      parse_instant(flags.schedules_from);
  if (!instant) {
    throw core::UsageError("--schedules-from " + flags.schedules_from +
                           ": expected an ISO 8601 date or time, such as 2026-12-24 or "
                           "2026-12-24T18:00:00+01:00");
  }
  return *instant;
}

std::string text_at(const core::Value& root, std::initializer_list<std::string_view> keys) {
  const core::Value* value = root.at(keys);
  return value && value->is_scalar() ? value->scalar_text() : "";
}

// Name, target and workspace of the bundle, as far as loading got.
void print_summary(std::ostream& out, const config::LoadResult& result) {
  const core::Value& config = result.bundle.config;
  std::string name = text_at(config, {"bundle", "name"});
  if (name.empty()) {
    out << "\n";  // the Databricks CLI's summary without a name is an empty line
    return;
  }
  out << "Name: " << name << "\n";
  // The target as the configuration names it: not yet when its overrides were refused.
  std::string target = text_at(config, {"bundle", "target"});
  if (!target.empty()) out << "Target: " << target << "\n";
  std::string host = text_at(config, {"workspace", "host"});
  std::string user = result.bundle.user ? result.bundle.user->user_name : "";
  std::string path = text_at(config, {"workspace", "root_path"});
  if (!host.empty() || !user.empty() || !path.empty()) {
    out << "Workspace:\n";
    if (!host.empty()) out << "  Host: " << host << "\n";
    if (!user.empty()) out << "  User: " << user << "\n";
    if (!path.empty()) out << "  Path: " << path << "\n";
  }
  out << "\n";
}

// Credentials never leave the process, even when a bundle author put one in the workspace
// section.
void redact_credentials(nlohmann::json& config) {
  auto workspace = config.find("workspace");
  if (workspace == config.end() || !workspace->is_object()) return;
  for (auto& [key, value] : workspace->items()) {
    if (key.find("token") != std::string::npos || key.find("secret") != std::string::npos ||
        key.find("password") != std::string::npos) {
      value = "**REDACTED**";
    }
  }
}

bool failed(const core::Diagnostics& diagnostics, bool strict) {
  return diagnostics.has_errors() || (strict && diagnostics.count(core::Severity::Warning) > 0);
}

validate::Options check_options(const ValidateFlags& flags) {
  validate::Options options;
  for (const std::string& file : flags.policy_files) options.policy_files.emplace_back(file);
  options.builtin_policies = flags.policies;
  return options;
}

// The checks of the validate phase run on a target that loaded completely. Findings the
// Databricks CLI does not make and the API accepts become recommendations.
// What loading found comes before what the checks find, each sorted on its own, as the
// Databricks CLI prints them (core::Diagnostics::sort_then_append).
void run_checks(config::LoadResult& result, const ValidateFlags& flags) {
  core::Diagnostics checks;
  if (result.complete) checks = validate::run_checks(result.bundle, check_options(flags));
  validate::recommend_bundlectl_only(result.diagnostics);
  validate::recommend_bundlectl_only(checks);
  result.diagnostics.sort_then_append(std::move(checks));
}

// The text output: the Databricks CLI's findings, and bundlectl's own recommendations only
// with --recommendations, so that plain validate reads as the CLI's.
core::Diagnostics printed(const core::Diagnostics& diagnostics, const ValidateFlags& flags) {
  return validate::printed_findings(diagnostics, flags.recommendations);
}

// Machine formats name files from the repository's top level, where code hosts place
// annotations; outside a git checkout, from the bundle root.
core::ReportOptions report_options(const config::Bundle& bundle) {
  core::ReportOptions options;
  options.base = bundle.git.found ? bundle.git.top_level : bundle.root;
  options.tool_version = BUNDLECTL_VERSION;
  options.fallback_file = bundle.root_file;
  return options;
}

// --format json|github|sarif: the findings of every target on stdout.
void render_report(const std::string& format, const core::DiagnosticReport& report,
                   const core::ReportOptions& options) {
  if (format == "json") core::render_json(std::cout, report, options);
  if (format == "github") core::render_github(std::cout, report, options);
  if (format == "sarif") core::render_sarif(std::cout, report, options);
}

core::ExitCode run_validate(const ValidateFlags& flags) {
  // The files are read once: the target's workspace settings come from them, then the
  // target is resolved with that workspace. Without --emulator or credentials there is no
  // workspace, and what only a workspace can answer is reported as warnings: validate works
  // offline and without secrets.
  validate::WarmUp warm_up;
  config::LoadResult files = config::load_files(load_options(flags.bundle));
  WorkspaceSession session(session_inputs(flags.bundle, &files));
  files.bundle.options.workspace = session.lookup();
  std::string target = files.bundle.options.target;
  config::LoadResult result = config::load_target(std::move(files), target);
  run_checks(result, flags);
  if (flags.explain_schedules && result.complete) {
    validate::explain_schedules(result.bundle, std::cout, explain_from(flags));
  }
  const core::Diagnostics shown = printed(result.diagnostics, flags);
  if (flags.format == "text") {
    core::render_text(std::cerr, shown, result.bundle.root);
  } else {
    core::DiagnosticReport report;
    report.add(result.bundle.target, result.diagnostics);
    render_report(flags.format, report, report_options(result.bundle));
  }
  if (flags.output == "json") {
    // As the Databricks CLI: the configuration as it stood when loading stopped, also after
    // an error, once there is one; the diagnostics went to stderr.
    if (result.bundle.config.is_mapping()) {
      config::add_required_zero_values(result.bundle.config);  // after the checks, as shown
      nlohmann::json config = core::to_json(result.bundle.config);
      redact_credentials(config);
      if (flags.include_locations) config["__locations"] = config_locations(result.bundle);
      core::write_go_json(std::cout, config);
      std::cout << "\n";
    }
  } else if (flags.format == "text") {
    print_summary(std::cerr, result);
  }
  // As the Databricks CLI: with -o json, stdout holds the configuration alone and stderr the
  // findings, without a summary.
  if (flags.output != "json") {
    std::cerr << core::summary_line(flags.format == "text" ? shown : result.diagnostics) << "\n";
  }
  std::size_t warnings = result.diagnostics.count(core::Severity::Warning);
  if (flags.strict && warnings > 0 && !result.diagnostics.has_errors()) {
    std::cerr << "Error: " << warnings << (warnings == 1 ? " warning was" : " warnings were")
              << " found. Warnings are not allowed in strict mode\n";
  }
  return failed(result.diagnostics, flags.strict) ? core::ExitCode::Failure
                                                  : core::ExitCode::Success;
}

// Every target in one run: files are read once, each target resolved from them. In text,
// each target's findings follow a "Target: name" line; the machine formats list the targets
// of every finding.
core::ExitCode run_validate_all(const ValidateFlags& flags) {
  validate::WarmUp warm_up;
  // One workspace for every target: --emulator, or flags and environment (each target's own
  // workspace.host is not read here).
  SessionInputs inputs;
  inputs.emulator = flags.bundle.emulator;
  inputs.bundle = load_options(flags.bundle);
  WorkspaceSession session(inputs);
  config::LoadOptions options = load_options(flags.bundle);
  options.workspace = session.lookup();
  config::LoadResult files = config::load_files(options);
  core::DiagnosticReport report;
  if (!files.complete) {
    validate::recommend_bundlectl_only(files.diagnostics);
    files.diagnostics.sort();
    const core::Diagnostics shown = printed(files.diagnostics, flags);
    if (flags.format == "text") {
      core::render_text(std::cerr, shown, files.bundle.root);
    } else {
      report.add("", files.diagnostics);
      render_report(flags.format, report, report_options(files.bundle));
    }
    std::cerr << core::summary_line(flags.format == "text" ? shown : files.diagnostics) << "\n";
    return core::ExitCode::Failure;
  }
  bool any_failed = false;
  nlohmann::json configs = nlohmann::json::object();
  core::ReportOptions paths = report_options(files.bundle);  // the git top level, once known
  for (const std::string& target : config::target_names_of(files.bundle)) {
    config::LoadResult result = config::load_target(files, target);
    run_checks(result, flags);
    if (flags.explain_schedules && result.complete) {
      std::cout << "Target: " << target << "\n\n";
      validate::explain_schedules(result.bundle, std::cout, explain_from(flags));
    }
    if (flags.format == "text") {
      const core::Diagnostics shown = printed(result.diagnostics, flags);
      std::cerr << "Target: " << target << "\n\n";
      core::render_text(std::cerr, shown, result.bundle.root);
      std::cerr << core::summary_line(shown) << "\n\n";
    } else {
      report.add(target, result.diagnostics);
      std::cerr << "Target: " << target << ": " << core::summary_line(result.diagnostics) << "\n";
    }
    any_failed = any_failed || failed(result.diagnostics, flags.strict);
    if (result.bundle.config.is_mapping()) {
      config::add_required_zero_values(result.bundle.config);
      configs[target] = core::to_json(result.bundle.config);
      redact_credentials(configs[target]);
    }
    if (result.bundle.git.found) paths = report_options(result.bundle);
  }
  if (flags.format != "text") render_report(flags.format, report, paths);
  if (flags.output == "json") {
    core::write_go_json(std::cout, configs);
    std::cout << "\n";
  }
  return any_failed ? core::ExitCode::Failure : core::ExitCode::Success;
}

}  // namespace

CommandBody define_validate_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<ValidateFlags>();
  add_bundle_flags(app, flags->bundle);
  app.add_option("-o,--output", flags->output,
                 "text: findings and a summary; json: also the resolved configuration on stdout")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--strict", flags->strict, "Fail on warnings too");
  app.add_flag("--all-targets", flags->all_targets, "Validate every target of the bundle")
      ->excludes(app.get_option("--target"));
  app.add_option("--format", flags->format,
                 "How findings are rendered: text (stderr), or json, github (workflow commands) "
                 "and sarif (SARIF 2.1.0) on stdout")
      ->check(CLI::IsMember({"text", "json", "github", "sarif"}));
  app.add_flag("--policies", flags->policies,
               "Also judge each target by its built-in environment policy (dev, staging, prod; "
               "see docs/policies.md). The Databricks CLI has no policies, so they are opt-in");
  app.add_option("--policy", flags->policy_files,
                 "Policy file to apply instead of the environment policy chosen by target name")
      ->check(CLI::ExistingFile);
  app.add_flag("--recommendations", flags->recommendations,
               "Also print the recommendations only bundlectl makes (findings the Databricks "
               "CLI does not make and the API accepts; --format json, github and sarif always "
               "list them). They never fail validation, not even with --strict");
  app.add_flag("--include-locations", flags->include_locations,
               "With -o json: where each map and list of the configuration was written "
               "(__locations)");
  app.add_flag("--explain-schedules", flags->explain_schedules,
               "Print what every schedule means and its next fire times (stdout)");
  app.add_option("--schedules-from", flags->schedules_from,
                 "With --explain-schedules: the instant to count fire times from, ISO 8601 "
                 "(default: now)")
      ->needs(app.get_option("--explain-schedules"));
  return [flags] {
    if (flags->format != "text" && flags->output == "json") {
      throw core::UsageError("--format " + flags->format +
                             " and -o json both write to stdout; choose one");
    }
    if (flags->explain_schedules && (flags->format != "text" || flags->output == "json")) {
      std::string other = flags->output == "json" ? "-o json" : "--format " + flags->format;
      throw core::UsageError("--explain-schedules and " + other +
                             " both write to stdout; choose one");
    }
    return flags->all_targets ? run_validate_all(*flags) : run_validate(*flags);
  };
}

}  // namespace bundlectl::cli
