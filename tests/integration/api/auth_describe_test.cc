// bundlectl auth describe as a user runs it: a real process, a temporary HOME with a
// .databrickscfg, and a workspace on loopback answering SCIM Me.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/api/loopback_server.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::api {
namespace {

using bundlectl::testing::isolated_environment;
using bundlectl::testing::ProcessOptions;
using bundlectl::testing::ProcessResult;
using bundlectl::testing::run_bundlectl;
using bundlectl::testing::TempDir;
using testing::LoopbackServer;

const std::string k_token = "dapi5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

ProcessOptions clean_env(const TempDir& home) {
  ProcessOptions options = isolated_environment(home.path().string());
  options.timeout = std::chrono::milliseconds(20000);
  return options;
}

class AuthDescribeTest : public ::testing::Test {
 protected:
  AuthDescribeTest() {
    m_server.server().Get(
        "/api/2.0/preview/scim/v2/Me", [](const httplib::Request& req, httplib::Response& res) {
          if (req.get_header_value("Authorization") != "Bearer " + k_token) {
            res.status = 401;
            return;
          }
          res.set_content(R"({"id":"1","userName":"alice@example.com"})", "application/json");
        });
    m_server.start();
    m_config = m_home
                   .write(".databrickscfg",
                          "[dev]\nhost = " + m_server.url() + "\ntoken = " + k_token + "\n")
                   .string();
  }

  LoopbackServer m_server;
  TempDir m_home;
  std::string m_config;
};

TEST_F(AuthDescribeTest, PrintsHostMethodIdentityAndSourcesButNoSecret) {
  ProcessResult result = run_bundlectl(
      {"--log-level", "debug", "auth", "describe", "--profile", "dev"}, clean_env(m_home));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const std::string from = " (from profile [dev] in " + m_config + ")";
  EXPECT_EQ(result.out, "Host:        " + m_server.url() + from + "\n" +
                            "Profile:     dev (from flag --profile)\n"
                            "Config file: " +
                            m_config +
                            " (from default)\n"
                            "Auth type:   pat (inferred: a token is set, from profile [dev] in " +
                            m_config +
                            ")\n"
                            "Token:       set" +
                            from +
                            "\n"
                            "Identity:    alice@example.com\n");
  EXPECT_NE(result.err.find("/api/2.0/preview/scim/v2/Me"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(k_token), std::string::npos);
  EXPECT_EQ(result.err.find(k_token), std::string::npos) << result.err;
}

TEST_F(AuthDescribeTest, ProfileIsFoundByTheHostFromTheEnvironment) {
  ProcessOptions options = clean_env(m_home);
  options.env["DATABRICKS_HOST"] = m_server.url() + "/";
  ProcessResult result = run_bundlectl({"auth", "describe", "-o", "json"}, options);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["Host"], m_server.url() + " (from environment DATABRICKS_HOST)");
  EXPECT_EQ(json["Profile"], "dev (from the only profile in " + m_config + " with this host)");
  EXPECT_EQ(json["Identity"], "alice@example.com");
  EXPECT_EQ(json["ok"], true);
}

TEST_F(AuthDescribeTest, UnreachableWorkspaceSaysWhy) {
  ProcessOptions options = clean_env(m_home);
  std::string host = "http://127.0.0.1:" + std::to_string(testing::closed_port());
  options.env["DATABRICKS_HOST"] = host;
  options.env["DATABRICKS_TOKEN"] = k_token;
  ProcessResult result = run_bundlectl({"auth", "describe"}, options);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Token:       set (from environment DATABRICKS_TOKEN)\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Identity:    unknown: GET /api/2.0/preview/scim/v2/Me: could not "
                            "connect: "),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find(k_token), std::string::npos);
}

TEST_F(AuthDescribeTest, MissingCredentialsFailWithTheReason) {
  ProcessOptions options = clean_env(m_home);
  options.env["DATABRICKS_HOST"] = "https://elsewhere.test";
  ProcessResult result = run_bundlectl({"auth", "describe"}, options);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err.substr(0, 23), "Error: no credentials: ");
}

TEST_F(AuthDescribeTest, UnknownProfileIsAnError) {
  ProcessResult result = run_bundlectl({"auth", "describe", "-p", "dve"}, clean_env(m_home));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "Error: profile \"dve\" (from flag --profile) not found: in " + m_config +
                            ", did you mean \"dev\"?\n");
}

}  // namespace
}  // namespace bundlectl::api
