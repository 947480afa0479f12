#include "bundlectl/api/auth_config.h"

#include "api/config_file.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::api {
namespace {

struct Resolver {
  const AuthInputs& inputs;
  AuthConfig config;
  ConfigFile file;
  const Profile* profile = nullptr;

  std::string profile_source() const { return "profile [" + profile->name + "] in " + file.path; }

  // Fills `field` from the environment, then the chosen profile, unless already set.
  void fill(AuthField& field, const char* env_name, const char* profile_key) {
    if (field.is_set()) return;
    if (env_name != nullptr) {
      if (auto value = inputs.env(env_name)) {
        field = {*value, std::string("environment ") + env_name};
        return;
      }
    }
    if (profile != nullptr && profile_key != nullptr) {
      if (const std::string* value = profile->find(profile_key)) {
        field = {*value, profile_source()};
      }
    }
  }

  void fill(SecretField& field, const char* env_name, const char* profile_key) {
    AuthField plain;
    fill(plain, env_name, profile_key);
    if (plain.is_set()) field = {Secret(plain.value), plain.source};
  }

  void resolve_host() {
    if (!inputs.host_flag.empty()) {
      config.host = {inputs.host_flag, "flag --host"};
    } else if (auto env = inputs.env("DATABRICKS_HOST")) {
      config.host = {*env, "environment DATABRICKS_HOST"};
    } else if (!inputs.target_host.empty()) {
      config.host = {inputs.target_host, "bundle workspace.host"};
    }
    config.host.value = normalize_host(config.host.value);
  }

  void resolve_profile_name() {
    if (!inputs.profile_flag.empty()) {
      config.profile = {inputs.profile_flag, "flag --profile"};
    } else if (auto env = inputs.env("DATABRICKS_CONFIG_PROFILE")) {
      config.profile = {*env, "environment DATABRICKS_CONFIG_PROFILE"};
    } else if (!inputs.target_profile.empty()) {
      config.profile = {inputs.target_profile, "bundle workspace.profile"};
    }
  }

  void load_file() {
    if (!inputs.config_file.empty()) {
      config.config_file = {inputs.config_file, "argument"};
    } else if (auto env = inputs.env("DATABRICKS_CONFIG_FILE")) {
      config.config_file = {*env, "environment DATABRICKS_CONFIG_FILE"};
    } else if (auto home = inputs.env("HOME")) {
      config.config_file = {*home + "/.databrickscfg", "default"};
    }
    if (config.config_file.is_set()) file = load_config_file(config.config_file.value);
  }

  void choose_named_profile() {
    profile = file.find(config.profile.value);
    if (profile == nullptr) {
      std::string where = file.exists ? "in " + file.path : file.path + " does not exist";
      throw AuthError("profile " + util::quoted(config.profile.value) + " (from " +
                      config.profile.source + ") not found: " + where +
                      util::did_you_mean(config.profile.value, file.names()));
    }
    const std::string* host = profile->find("host");
    if (config.host.is_set() && host != nullptr && normalize_host(*host) != config.host.value) {
      throw AuthError("host " + config.host.value + " (from " + config.host.source +
                      ") does not match host " + normalize_host(*host) + " of " + profile_source());
    }
  }

  void choose_matching_profile() {
    if (!config.host.is_set()) {
      profile = file.find("DEFAULT");
      if (profile != nullptr) config.profile = {"DEFAULT", "default profile in " + file.path};
      return;
    }
    std::vector<std::string> matches;
    for (const Profile& candidate : file.profiles) {
      const std::string* host = candidate.find("host");
      if (host != nullptr && normalize_host(*host) == config.host.value) {
        matches.push_back(candidate.name);
      }
    }
    if (matches.size() > 1) {
      throw AuthError("several profiles in " + file.path + " match host " + config.host.value +
                      ": " + util::join(matches, ", ") +
                      "; choose one with --profile, DATABRICKS_CONFIG_PROFILE or "
                      "workspace.profile");
    }
    if (matches.size() == 1) {
      profile = file.find(matches[0]);
      config.profile = {matches[0], "the only profile in " + file.path + " with this host"};
    }
  }

  void infer_auth_type();
  void resolve_rest();
};

void Resolver::infer_auth_type() {
  if (!inputs.auth_type_flag.empty()) {
    config.auth_type = {inputs.auth_type_flag, "flag --auth-type"};
  }
  fill(config.auth_type, "DATABRICKS_AUTH_TYPE", "auth_type");
  if (config.auth_type.is_set()) {
    const std::vector<std::string> known = {k_auth_pat, k_auth_oauth_m2m, k_auth_github_oidc};
    for (const std::string& type : known) {
      if (config.auth_type.value == type) return;
    }
    throw AuthError("unknown auth type " + util::quoted(config.auth_type.value) + " (from " +
                    config.auth_type.source + ")" +
                    util::did_you_mean(config.auth_type.value, known) +
                    "; bundlectl supports pat, oauth-m2m and github-oidc");
  }
  if (config.token.is_set()) {
    config.auth_type = {k_auth_pat, "inferred: a token is set, from " + config.token.source};
  } else if (config.client_id.is_set() && config.client_secret.is_set()) {
    config.auth_type = {k_auth_oauth_m2m, "inferred: a client id and secret are set"};
  } else if (config.id_token_request_url.is_set() && config.id_token_request_token.is_set()) {
    config.auth_type = {k_auth_github_oidc,
                        "inferred: running in GitHub Actions with an id-token permission"};
  }
}

void Resolver::resolve_rest() {
  if (!config.host.is_set() && profile != nullptr) {
    if (const std::string* host = profile->find("host")) {
      config.host = {normalize_host(*host), profile_source()};
    }
  }
  fill(config.token, "DATABRICKS_TOKEN", "token");
  fill(config.client_id, "DATABRICKS_CLIENT_ID", "client_id");
  fill(config.client_secret, "DATABRICKS_CLIENT_SECRET", "client_secret");
  fill(config.account_id, "DATABRICKS_ACCOUNT_ID", "account_id");
  fill(config.token_audience, "DATABRICKS_TOKEN_AUDIENCE", "token_audience");
  fill(config.ca_bundle, "REQUESTS_CA_BUNDLE", nullptr);
  fill(config.ca_bundle, "SSL_CERT_FILE", "ca_bundle");
  fill(config.rate_limit, "DATABRICKS_RATE_LIMIT", "rate_limit");
  fill(config.http_timeout_seconds, "DATABRICKS_HTTP_TIMEOUT_SECONDS", "http_timeout_seconds");
  fill(config.retry_timeout_seconds, "DATABRICKS_RETRY_TIMEOUT_SECONDS", "retry_timeout_seconds");
  fill(config.id_token_request_url, "ACTIONS_ID_TOKEN_REQUEST_URL", nullptr);
  fill(config.id_token_request_token, "ACTIONS_ID_TOKEN_REQUEST_TOKEN", nullptr);
  infer_auth_type();
}

std::string shown(const AuthField& field) {
  if (!field.is_set()) return "(not set)";
  if (field.source.rfind("inferred", 0) == 0) return field.value + " (" + field.source + ")";
  return field.value + " (from " + field.source + ")";
}

std::string shown(const SecretField& field) {
  if (!field.is_set()) return "(not set)";
  return "set (from " + field.source + ")";
}

}  // namespace

AuthConfig resolve_auth(const AuthInputs& inputs) {
  Resolver resolver{inputs, {}, {}, nullptr};
  resolver.resolve_host();
  resolver.resolve_profile_name();
  resolver.load_file();
  if (resolver.config.profile.is_set()) {
    resolver.choose_named_profile();
  } else {
    resolver.choose_matching_profile();
  }
  resolver.resolve_rest();
  return resolver.config;
}

std::string AuthConfig::problem() const {
  if (!host.is_set()) {
    return "no host: set --host, DATABRICKS_HOST, the target's workspace.host, or a profile "
           "with a host in " +
           (config_file.is_set() ? config_file.value : "~/.databrickscfg");
  }
  if (auth_type.value == k_auth_pat && !token.is_set()) {
    return "auth type pat needs a token: set DATABRICKS_TOKEN or token in the profile";
  }
  if (auth_type.value == k_auth_oauth_m2m && (!client_id.is_set() || !client_secret.is_set())) {
    return "auth type oauth-m2m needs DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET "
           "(or client_id and client_secret in the profile)";
  }
  if (auth_type.value == k_auth_github_oidc &&
      (!id_token_request_url.is_set() || !id_token_request_token.is_set())) {
    return "auth type github-oidc needs ACTIONS_ID_TOKEN_REQUEST_URL and "
           "ACTIONS_ID_TOKEN_REQUEST_TOKEN: give the workflow job `permissions: id-token: write`";
  }
  if (!auth_type.is_set()) {
    return "no credentials: set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and "
           "DATABRICKS_CLIENT_SECRET, or run in GitHub Actions with an id-token permission, or "
           "name a profile that has them";
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> AuthConfig::describe() const {
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Host", shown(host)},
      {"Profile", shown(profile)},
      {"Config file", shown(config_file)},
      {"Auth type", shown(auth_type)},
  };
  if (auth_type.value == k_auth_pat) rows.emplace_back("Token", shown(token));
  if (auth_type.value == k_auth_oauth_m2m || auth_type.value == k_auth_github_oidc) {
    rows.emplace_back("Client ID", shown(client_id));
  }
  if (auth_type.value == k_auth_oauth_m2m) rows.emplace_back("Client secret", shown(client_secret));
  if (auth_type.value == k_auth_github_oidc) {
    rows.emplace_back("ID token URL", id_token_request_url.is_set()
                                          ? "set (from " + id_token_request_url.source + ")"
                                          : "(not set)");
    rows.emplace_back("Token audience", shown(token_audience));
  }
  if (ca_bundle.is_set()) rows.emplace_back("CA bundle", shown(ca_bundle));
  return rows;
}

}  // namespace bundlectl::api
