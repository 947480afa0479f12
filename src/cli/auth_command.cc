// bundlectl auth describe: which host, auth method and identity will be used, and where each
// came from. Never prints a secret: secrets appear as "set (from ...)".
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/auth_config.h"
#include "bundlectl/api/workspace.h"
#include "cli/bundle_flags.h"
#include "cli/commands.h"
#include "cli/workspace_session.h"
#include "config/bundle_root.h"

namespace bundlectl::cli {
namespace {

// SCIM Me is asked once, without retries, and must answer within this time.
constexpr int k_describe_timeout_seconds = 5;

struct AuthFlags {
  std::string host;
  std::string profile;
  std::string auth_type;
  std::string output = "text";
  BundleFlags bundle;  // -C, -t and --emulator only
};

// "alice@example.com" or "unknown: <why>".
std::string identity(const api::AuthConfig& config, bool& known) {
  known = false;
  api::AuthConfig quick = config;
  quick.http_timeout_seconds = {std::to_string(k_describe_timeout_seconds), "auth describe"};
  api::WorkspaceOptions options;
  options.retry = api::RetryPolicy::none();
  try {
    std::unique_ptr<api::Workspace> workspace = api::make_workspace(quick, options);
    api::CurrentUser user = workspace->current_user();
    known = true;
    if (!user.display_name.empty() && user.display_name != user.user_name) {
      return user.user_name + " (" + user.display_name + ")";
    }
    return user.user_name.empty() ? "id " + user.id : user.user_name;
  } catch (const std::exception& e) {
    return std::string("unknown: ") + e.what();
  }
}

// The target's workspace.host and workspace.profile when a bundle is at hand: named with
// -C (or DATABRICKS_BUNDLE_ROOT), or found upward from here. -C or -t without a bundle is an
// error; no bundle otherwise just means there is no target to read.
TargetWorkspace bundle_target(const BundleFlags& bundle) {
  config::LoadOptions options = load_options(bundle);
  config::RootSearch root = config::find_bundle_root(options);
  if (!root.error.empty()) {
    if (!bundle.chdir.empty() || !bundle.target.empty()) throw core::UsageError(root.error);
    return {};
  }
  return target_workspace(options);
}

core::ExitCode describe(const AuthFlags& flags) {
  std::unique_ptr<WorkspaceSession> emulated;  // keeps the emulator up while we ask it
  api::AuthConfig config;
  if (flags.bundle.emulator) {
    SessionInputs session;
    session.emulator = true;
    session.bundle = load_options(flags.bundle);
    emulated = std::make_unique<WorkspaceSession>(session);
    config = emulated->auth();
  } else {
    api::AuthInputs inputs;
    inputs.host_flag = flags.host;
    inputs.profile_flag = flags.profile;
    inputs.auth_type_flag = flags.auth_type;
    TargetWorkspace target = bundle_target(flags.bundle);
    inputs.target_host = target.host;
    inputs.target_profile = target.profile;
    config = api::resolve_auth(inputs);
  }
  auto rows = config.describe();
  std::string problem = config.problem();
  bool known = false;
  rows.emplace_back("Identity", problem.empty() ? identity(config, known) : "unknown: " + problem);
  if (flags.output == "json") {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : rows) out[name] = value;
    out["ok"] = problem.empty();
    std::cout << out.dump(2) << "\n";
  } else {
    std::size_t width = 0;
    for (const auto& row : rows) width = std::max(width, row.first.size());
    for (const auto& [name, value] : rows) {
      std::cout << name << ":" << std::string(width - name.size() + 1, ' ') << value << "\n";
    }
  }
  if (!problem.empty()) {
    std::cerr << "Error: " << problem << "\n";
    return core::ExitCode::Failure;
  }
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_auth_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<AuthFlags>();
  app.require_subcommand(1);
  CLI::App* sub = app.add_subcommand(
      "describe", "Show the host, auth method and identity that commands will use");
  sub->add_option("--host", flags->host, "Workspace URL (overrides DATABRICKS_HOST)");
  sub->add_option("-p,--profile", flags->profile,
                  "Profile of ~/.databrickscfg (overrides DATABRICKS_CONFIG_PROFILE)");
  sub->add_option("--auth-type", flags->auth_type, "pat, oauth-m2m or github-oidc")
      ->check(CLI::IsMember({api::k_auth_pat, api::k_auth_oauth_m2m, api::k_auth_github_oidc}));
  sub->add_option("-o,--output", flags->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  sub->add_option("-C,--chdir", flags->bundle.chdir,
                  "Bundle root folder whose target's workspace.host/profile to use "
                  "(default: search upward)");
  sub->add_option("-t,--target", flags->bundle.target,
                  "Target whose workspace.host/profile to use (default: the default target)");
  sub->add_flag("--emulator", flags->bundle.emulator,
                "Describe the in-process emulated workspace of the bundle (BUNDLECTL_EMULATOR=1)")
      ->envname("BUNDLECTL_EMULATOR")
      ->excludes("--host")
      ->excludes("--profile");
  return [flags] { return describe(*flags); };
}

}  // namespace bundlectl::cli
