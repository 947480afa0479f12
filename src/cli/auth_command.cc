// bundlectl auth describe: which host, auth method and identity will be used, and where each
// came from. Never prints a secret: secrets appear as "set (from ...)".
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/auth_config.h"
#include "bundlectl/api/workspace.h"
#include "cli/commands.h"

namespace bundlectl::cli {
namespace {

// SCIM Me is asked once, without retries, and must answer within this time.
constexpr int k_describe_timeout_seconds = 5;

struct AuthFlags {
  std::string host;
  std::string profile;
  std::string auth_type;
  std::string output = "text";
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

core::ExitCode describe(const AuthFlags& flags) {
  api::AuthInputs inputs;
  inputs.host_flag = flags.host;
  inputs.profile_flag = flags.profile;
  inputs.auth_type_flag = flags.auth_type;
  api::AuthConfig config = api::resolve_auth(inputs);
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
  return [flags] { return describe(*flags); };
}

}  // namespace bundlectl::cli
