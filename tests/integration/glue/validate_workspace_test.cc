// `bundlectl validate` and `auth describe` finding their workspace, as a user runs them: the
// in-process emulator (--emulator, BUNDLECTL_EMULATOR=1), an unreachable host, a bundle target.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "bundlectl/api/workspace.h"
#include "integration/glue/served_emulator.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

using Clock = std::chrono::steady_clock;

const char* const k_bundle = R"(bundle:
  name: glue
resources:
  jobs:
    nightly:
      name: "nightly of ${workspace.current_user.userName}"
)";

ProcessOptions clean_env(const TempDir& home) {
  ProcessOptions options = isolated_environment(home.path().string());
  options.timeout = std::chrono::milliseconds(30000);
  return options;
}

class ValidateWorkspaceTest : public ::testing::Test {
 protected:
  ValidateWorkspaceTest() { m_bundle.write("databricks.yml", k_bundle); }
  std::string root() const { return m_bundle.path().string(); }

  TempDir m_home;
  TempDir m_bundle;
};

TEST_F(ValidateWorkspaceTest, EmulatorFlagResolvesTheCurrentUserAndCreatesTheDatabase) {
  ProcessResult result =
      run_bundlectl({"validate", "--emulator", "-C", root(), "-o", "json"}, clean_env(m_home));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json config = nlohmann::json::parse(result.out);
  EXPECT_EQ(config["workspace"]["current_user"]["userName"], "emulator-user@example.com");
  EXPECT_EQ(config["workspace"]["current_user"]["short_name"], "emulator_user");
  EXPECT_EQ(config["resources"]["jobs"]["nightly"]["name"], "nightly of emulator-user@example.com");
  EXPECT_EQ(config["workspace"]["root_path"],
            "/Workspace/Users/emulator-user@example.com/.bundle/glue/default");
  EXPECT_EQ(result.err.find("current_user"), std::string::npos) << result.err;
  EXPECT_TRUE(std::filesystem::exists(m_bundle.path() / ".bundlectl" / "emulator.db"));
}

TEST_F(ValidateWorkspaceTest, EmulatorEnvironmentVariableDoesTheSameAndIgnoresDatabricksHost) {
  ProcessOptions options = clean_env(m_home);
  options.env["BUNDLECTL_EMULATOR"] = "1";
  options.env["DATABRICKS_HOST"] = "http://127.0.0.1:1";
  options.env["DATABRICKS_TOKEN"] = "dapi0000000000000000000000000000";
  ProcessResult result = run_bundlectl({"validate", "-C", root(), "-o", "json"}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["workspace"]["current_user"]["userName"],
            "emulator-user@example.com");
}

TEST_F(ValidateWorkspaceTest, WithoutAnyWorkspaceTheUserIsAWarningAsBefore) {
  ProcessResult result = run_bundlectl({"validate", "-C", root()}, clean_env(m_home));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("no workspace is configured"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(m_bundle.path() / ".bundlectl"));
}

TEST_F(ValidateWorkspaceTest, UnreachableHostIsAQuickWarningNotAnError) {
  ProcessOptions options = clean_env(m_home);
  options.env["DATABRICKS_HOST"] = "http://127.0.0.1:1";
  options.env["DATABRICKS_TOKEN"] = "dapi0000000000000000000000000000";
  auto start = Clock::now();
  ProcessResult result = run_bundlectl({"validate", "-C", root()}, options);
  auto took = Clock::now() - start;
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(took, std::chrono::seconds(10));
  EXPECT_NE(result.err.find("Warning: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("the workspace could not be reached"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("Error: "), std::string::npos) << result.err;
}

TEST_F(ValidateWorkspaceTest, DebugLogOfAnEmulatedValidateNeverShowsTheToken) {
  // A token the redactor cannot recognize by its shape: only scrubbing of known secrets hides it.
  const std::string token = "glue-secret-7f3a9c21e4";
  ProcessOptions options = clean_env(m_home);
  options.env["BUNDLECTL_EMULATOR_TOKEN"] = token;
  ProcessResult result = run_bundlectl(
      {"--log-level", "debug", "validate", "--emulator", "-C", root(), "-o", "json"}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // The log did talk about the request, so the check below is about something that was logged.
  EXPECT_NE(result.err.find("scim/v2/Me"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(token), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(token), std::string::npos);
}

TEST_F(ValidateWorkspaceTest, JobLookupVariableIsResolvedFromTheEmulatedWorkspace) {
  // A served emulator and the embedded one share the bundle's database file: seed a job
  // through the one, look it up through the other.
  const std::string db = (m_bundle.path() / ".bundlectl" / "emulator.db").string();
  std::int64_t job_id = 0;
  {
    BackgroundProcess server({bundlectl_binary(), "emulator", "serve", "--port", "0", "--db", db,
                              "--token", "seed-token"},
                             clean_env(m_home));
    std::string line = server.wait_for_line("Listening on ", std::chrono::seconds(15));
    ASSERT_NE(line.find("http://"), std::string::npos);
    std::string url = line.substr(line.find("http://"));
    while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.pop_back();
    api::AuthConfig config;
    config.host = {url, "test"};
    config.auth_type = {api::k_auth_pat, "test"};
    config.token = {api::Secret("seed-token"), "test"};
    job_id = api::make_workspace(config)->create_job({{"name", "upstream"}});
  }
  m_bundle.write("databricks.yml", std::string(k_bundle) + R"(variables:
  upstream:
    lookup:
      job: upstream
)");
  ProcessResult result =
      run_bundlectl({"validate", "--emulator", "-C", root(), "-o", "json"}, clean_env(m_home));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json config = nlohmann::json::parse(result.out);
  EXPECT_EQ(config["variables"]["upstream"]["value"], std::to_string(job_id));
}

TEST_F(ValidateWorkspaceTest, AuthDescribeReadsTheTargetHostAndAsksTheEmulatorWhoWeAre) {
  m_bundle.write("databricks.yml", R"(bundle:
  name: glue
targets:
  dev:
    default: true
    workspace:
      host: https://dev.example.com
  prod:
    workspace:
      host: https://prod.example.com
)");
  ProcessResult prod = run_bundlectl({"auth", "describe", "-C", root(), "-t", "prod", "-o", "json"},
                                     clean_env(m_home));
  nlohmann::json described = nlohmann::json::parse(prod.out);
  EXPECT_EQ(described["Host"], "https://prod.example.com (from bundle workspace.host)");
  EXPECT_EQ(described["ok"], false);

  ProcessResult emulated =
      run_bundlectl({"auth", "describe", "--emulator", "-C", root()}, clean_env(m_home));
  EXPECT_EQ(emulated.exit_code, 0) << emulated.err;
  EXPECT_NE(emulated.out.find("Identity:"), std::string::npos) << emulated.out;
  EXPECT_NE(emulated.out.find("emulator-user@example.com"), std::string::npos) << emulated.out;
}

}  // namespace
}  // namespace bundlectl::testing
