// Which workspace to talk to and with which credentials, resolved the way Databricks users
// configure it, each value remembering where it came from.
//
// Order, first found wins, field by field: command-line flags; environment (DATABRICKS_HOST,
// DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET, DATABRICKS_CONFIG_PROFILE,
// DATABRICKS_CONFIG_FILE, DATABRICKS_AUTH_TYPE, ...); the target's workspace.host /
// workspace.profile; then the profile of ~/.databrickscfg. The profile is the one named (flag,
// env, target), else the only one whose host matches the resolved host (two matches are an
// error), else DEFAULT when no host is known at all.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "bundlectl/api/env.h"
#include "bundlectl/api/secret.h"
#include "bundlectl/core/exit_code.h"

namespace bundlectl::api {

inline constexpr const char* k_auth_pat = "pat";
inline constexpr const char* k_auth_oauth_m2m = "oauth-m2m";
inline constexpr const char* k_auth_github_oidc = "github-oidc";

struct AuthField {
  std::string value;
  std::string source;  // "flag --host", "environment DATABRICKS_HOST", "profile [dev] in ..."
  bool is_set() const { return !value.empty(); }
};

struct SecretField {
  Secret value;
  std::string source;
  bool is_set() const { return !value.empty(); }
};

struct AuthInputs {
  std::string host_flag;
  std::string profile_flag;
  std::string auth_type_flag;
  EnvLookup env = process_env();
  std::string target_host;     // the bundle target's workspace.host
  std::string target_profile;  // the bundle target's workspace.profile
  std::string config_file;     // "" : DATABRICKS_CONFIG_FILE, else $HOME/.databrickscfg
};

struct AuthConfig {
  AuthField host;  // normalized: scheme, no trailing slash
  AuthField profile;
  AuthField config_file;
  AuthField auth_type;  // pat, oauth-m2m, github-oidc; empty when no credentials were found
  AuthField client_id;
  AuthField account_id;
  AuthField token_audience;
  AuthField ca_bundle;
  AuthField rate_limit;             // requests per second
  AuthField http_timeout_seconds;   // total timeout of one request
  AuthField retry_timeout_seconds;  // total retry budget of one call
  AuthField id_token_request_url;   // ACTIONS_ID_TOKEN_REQUEST_URL
  SecretField token;
  SecretField client_secret;
  SecretField id_token_request_token;  // ACTIONS_ID_TOKEN_REQUEST_TOKEN

  // What is missing for the chosen auth type ("" when complete), e.g. "no host: set ...".
  std::string problem() const;
  // (name, "value (from source)") rows for display; secrets appear only as "set".
  std::vector<std::pair<std::string, std::string>> describe() const;
};

// The input contradicts itself: a named profile that does not exist, two profiles matching
// the host, a profile whose host differs from the one asked for, an unknown auth type.
class AuthError : public core::Failure {
 public:
  using core::Failure::Failure;
};

AuthConfig resolve_auth(const AuthInputs& inputs);

}  // namespace bundlectl::api
