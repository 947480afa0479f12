#include "bundlectl/api/auth_config.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace bundlectl::api {
namespace {

using bundlectl::testing::TempDir;

const char* const k_config = R"(; written by databricks configure
[DEFAULT]
host = https://default.cloud.databricks.com
token = dapi-default-token

[dev]
host = https://dev.cloud.databricks.com/
token = dapi-dev-token

[ci]
host = https://ci.cloud.databricks.com
client_id = ci-client
client_secret = ci-secret

[ci-copy]
host = ci.cloud.databricks.com
client_id = other-client
client_secret = other-secret
)";

class AuthConfigTest : public ::testing::Test {
 protected:
  AuthConfigTest() { m_file = m_dir.write(".databrickscfg", k_config).string(); }

  AuthConfig resolve(std::map<std::string, std::string> env, AuthInputs inputs = {}) {
    env["HOME"] = m_dir.path().string();
    inputs.env = map_env(env);
    return resolve_auth(inputs);
  }
  std::string error_of(std::map<std::string, std::string> env, AuthInputs inputs = {}) {
    try {
      resolve(std::move(env), std::move(inputs));
    } catch (const AuthError& e) {
      return e.what();
    }
    return "(no error)";
  }

  TempDir m_dir;
  std::string m_file;
};

TEST_F(AuthConfigTest, EnvironmentAloneIsEnough) {
  AuthConfig config = resolve(
      {{"DATABRICKS_HOST", "adb-1.azuredatabricks.net/"}, {"DATABRICKS_TOKEN", "dapi-env"}});
  EXPECT_EQ(config.host.value, "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(config.host.source, "environment DATABRICKS_HOST");
  EXPECT_EQ(config.token.value.reveal(), "dapi-env");
  EXPECT_EQ(config.auth_type.value, "pat");
  EXPECT_EQ(config.profile.value, "");  // no profile has this host
  EXPECT_EQ(config.problem(), "");
}

TEST_F(AuthConfigTest, FlagBeatsEnvironmentBeatsTarget) {
  AuthInputs inputs;
  inputs.host_flag = "https://flag.test";
  inputs.target_host = "https://target.test";
  EXPECT_EQ(resolve({{"DATABRICKS_HOST", "https://env.test"}}, inputs).host.source, "flag --host");
  inputs.host_flag.clear();
  EXPECT_EQ(resolve({{"DATABRICKS_HOST", "https://env.test"}}, inputs).host.value,
            "https://env.test");
  AuthConfig from_target = resolve({{"DATABRICKS_TOKEN", "t0k3n"}}, inputs);
  EXPECT_EQ(from_target.host.value, "https://target.test");
  EXPECT_EQ(from_target.host.source, "bundle workspace.host");
}

TEST_F(AuthConfigTest, NamedProfileFillsWhatTheEnvironmentLeavesOpen) {
  AuthInputs inputs;
  inputs.profile_flag = "dev";
  AuthConfig config = resolve({}, inputs);
  EXPECT_EQ(config.host.value, "https://dev.cloud.databricks.com");
  EXPECT_EQ(config.host.source, "profile [dev] in " + m_file);
  EXPECT_EQ(config.token.value.reveal(), "dapi-dev-token");
  EXPECT_EQ(config.auth_type.value, "pat");
  AuthConfig overridden = resolve({{"DATABRICKS_TOKEN", "dapi-env"}}, inputs);
  EXPECT_EQ(overridden.token.value.reveal(), "dapi-env");
  EXPECT_EQ(overridden.token.source, "environment DATABRICKS_TOKEN");
}

TEST_F(AuthConfigTest, TargetProfileIsUsedWhenNoneIsNamedElsewhere) {
  AuthInputs inputs;
  inputs.target_profile = "dev";
  AuthConfig config = resolve({}, inputs);
  EXPECT_EQ(config.profile.source, "bundle workspace.profile");
  EXPECT_EQ(config.token.value.reveal(), "dapi-dev-token");
  EXPECT_EQ(resolve({{"DATABRICKS_CONFIG_PROFILE", "DEFAULT"}}, inputs).profile.value, "DEFAULT");
}

TEST_F(AuthConfigTest, TheOnlyProfileWithTheHostIsChosen) {
  AuthInputs inputs;
  inputs.target_host = "dev.cloud.databricks.com";
  AuthConfig config = resolve({}, inputs);
  EXPECT_EQ(config.profile.value, "dev");
  EXPECT_EQ(config.profile.source, "the only profile in " + m_file + " with this host");
  EXPECT_EQ(config.token.value.reveal(), "dapi-dev-token");
}

TEST_F(AuthConfigTest, TwoProfilesWithTheHostAreAnError) {
  AuthInputs inputs;
  inputs.target_host = "https://ci.cloud.databricks.com";
  EXPECT_EQ(error_of({}, inputs),
            "several profiles in " + m_file +
                " match host https://ci.cloud.databricks.com: ci, ci-copy; choose one with "
                "--profile, DATABRICKS_CONFIG_PROFILE or workspace.profile");
  inputs.profile_flag = "ci";
  AuthConfig config = resolve({}, inputs);
  EXPECT_EQ(config.auth_type.value, "oauth-m2m");
  EXPECT_EQ(config.client_id.value, "ci-client");
}

TEST_F(AuthConfigTest, DefaultProfileIsUsedWhenNoHostIsKnown) {
  AuthConfig config = resolve({});
  EXPECT_EQ(config.profile.value, "DEFAULT");
  EXPECT_EQ(config.host.value, "https://default.cloud.databricks.com");
}

TEST_F(AuthConfigTest, UnknownProfileSuggestsTheNearestName) {
  AuthInputs inputs;
  inputs.profile_flag = "dve";
  EXPECT_EQ(error_of({}, inputs), "profile \"dve\" (from flag --profile) not found: in " + m_file +
                                      ", did you mean \"dev\"?");
}

TEST_F(AuthConfigTest, ProfileWhoseHostDiffersFromTheTargetIsAnError) {
  AuthInputs inputs;
  inputs.target_host = "https://prod.cloud.databricks.com";
  inputs.profile_flag = "dev";
  EXPECT_EQ(error_of({}, inputs),
            "host https://prod.cloud.databricks.com (from bundle workspace.host) does not match "
            "host https://dev.cloud.databricks.com of profile [dev] in " +
                m_file);
}

TEST_F(AuthConfigTest, ConfigFileFromTheEnvironment) {
  std::string other = m_dir.write("elsewhere.cfg", "[x]\nhost = h.test\ntoken = dapi-x\n").string();
  AuthConfig config =
      resolve({{"DATABRICKS_CONFIG_FILE", other}, {"DATABRICKS_CONFIG_PROFILE", "x"}});
  EXPECT_EQ(config.host.value, "https://h.test");
  EXPECT_EQ(config.config_file.source, "environment DATABRICKS_CONFIG_FILE");
}

TEST_F(AuthConfigTest, AuthTypeIsInferredOrChecked) {
  std::map<std::string, std::string> github = {{"DATABRICKS_HOST", "https://gh.test"},
                                               {"DATABRICKS_CLIENT_ID", "sp-app-id"},
                                               {"ACTIONS_ID_TOKEN_REQUEST_URL", "https://gh/x?a=1"},
                                               {"ACTIONS_ID_TOKEN_REQUEST_TOKEN", "req-token"}};
  EXPECT_EQ(resolve(github).auth_type.value, "github-oidc");
  github["DATABRICKS_AUTH_TYPE"] = "oauth-m2n";
  EXPECT_EQ(error_of(github),
            "unknown auth type \"oauth-m2n\" (from environment DATABRICKS_AUTH_TYPE), did you "
            "mean \"oauth-m2m\"?; bundlectl supports pat, oauth-m2m and github-oidc");
  github["DATABRICKS_AUTH_TYPE"] = "oauth-m2m";
  EXPECT_EQ(resolve(github).problem(),
            "auth type oauth-m2m needs DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (or "
            "client_id and client_secret in the profile)");
}

TEST_F(AuthConfigTest, MissingHostAndCredentialsAreProblemsNotExceptions) {
  m_dir.write(".databrickscfg", "");
  EXPECT_EQ(resolve({}).problem(),
            "no host: set --host, DATABRICKS_HOST, the target's workspace.host, or a profile "
            "with a host in " +
                m_file);
  EXPECT_EQ(resolve({{"DATABRICKS_HOST", "h.test"}}).problem().substr(0, 15), "no credentials:");
}

TEST_F(AuthConfigTest, DescribeNeverShowsSecrets) {
  AuthInputs inputs;
  inputs.profile_flag = "ci";
  std::string text;
  for (const auto& [name, value] : resolve({}, inputs).describe()) text += name + value + "\n";
  EXPECT_NE(text.find("Client secretset (from profile [ci]"), std::string::npos) << text;
  EXPECT_EQ(text.find("ci-secret"), std::string::npos) << text;
}

}  // namespace
}  // namespace bundlectl::api
