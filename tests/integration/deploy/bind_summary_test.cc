// `bundlectl deployment bind|unbind` and `bundlectl summary` against `bundlectl emulator
// serve` over HTTP: adopt an existing job, see it in the summary and the plan, release it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bundlectl/api/workspace.h"
#include "bundlectl/deploy/state.h"
#include "integration/glue/served_emulator.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

const char* const k_bundle = R"(bundle:
  name: shop
resources:
  jobs:
    daily:
      name: daily
  pipelines:
    etl:
      name: etl
)";

constexpr const char* k_state_path =
    "/Workspace/Users/emulator-user@example.com/.bundle/shop/default/state";

class BindSummaryTest : public ::testing::Test {
 protected:
  BindSummaryTest() {
    m_bundle.write("databricks.yml", k_bundle);
    api::AuthConfig config;
    config.host = {m_emulator.url(), "test"};
    config.auth_type = {api::k_auth_pat, "test"};
    config.token = {api::Secret(m_emulator.token()), "test"};
    m_workspace = api::make_workspace(config);
  }

  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.end(), {"-C", m_bundle.path().string()});
    ProcessOptions options = isolated_environment(m_home.path().string());
    options.env["DATABRICKS_HOST"] = m_emulator.url();
    options.env["DATABRICKS_TOKEN"] = m_emulator.token();
    return run_bundlectl(args, options);
  }

  std::optional<deploy::DeploymentState> local_state() {
    return deploy::read_local_state(deploy::local_state_file(m_bundle.path(), "default"));
  }

  TempDir m_home;
  TempDir m_bundle;
  ServedEmulator m_emulator;
  std::unique_ptr<api::Workspace> m_workspace;
};

TEST_F(BindSummaryTest, BindSummaryPlanAndUnbindRoundTrip) {
  ASSERT_TRUE(m_emulator.ready());
  const std::string job_id = std::to_string(m_workspace->create_job({{"name", "made by hand"}}));
  const std::string url = m_emulator.url();

  ProcessResult bound = run({"deployment", "bind", "daily", job_id});
  ASSERT_EQ(bound.exit_code, 0) << bound.err;
  EXPECT_EQ(bound.out, "Bound jobs.daily to " + job_id + " on " + url +
                           "; the next deploy updates it from the bundle\n");
  // Written in both places, with a fresh lineage (a UUID v4) and serial 1.
  std::optional<deploy::DeploymentState> local = local_state();
  ASSERT_TRUE(local.has_value());
  EXPECT_EQ(local->serial, 1);
  EXPECT_EQ(local->workspace, url);
  EXPECT_EQ(local->resources.at("jobs.daily").id, job_id);
  EXPECT_EQ(local->lineage.size(), 36u);
  EXPECT_EQ(local->lineage[14], '4');
  std::optional<deploy::DeploymentState> remote =
      deploy::read_remote_state(*m_workspace, k_state_path);
  ASSERT_TRUE(remote.has_value());
  EXPECT_EQ(deploy::state_to_json(*remote), deploy::state_to_json(*local));

  ProcessResult summary = run({"summary", "-o", "json"});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_EQ(json::parse(summary.out),
            (json{{"bundle", "shop"},
                  {"target", "default"},
                  {"workspace", url},
                  {"root_path", "/Workspace/Users/emulator-user@example.com/.bundle/shop/default"},
                  {"resources",
                   {{{"address", "jobs.daily"},
                     {"type", "jobs"},
                     {"key", "daily"},
                     {"name", "daily"},
                     {"id", job_id},
                     {"url", url + "/jobs/" + job_id}},
                    {{"address", "pipelines.etl"},
                     {"type", "pipelines"},
                     {"key", "etl"},
                     {"name", "etl"},
                     {"id", nullptr},
                     {"url", nullptr}}}}}))
      << summary.out;

  ProcessResult text = run({"summary"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "Name: shop\nTarget: default\nWorkspace: " + url +
                          "\n  Path: /Workspace/Users/emulator-user@example.com/.bundle/shop/"
                          "default\nResources:\n  jobs:\n    daily:\n      Name: daily\n"
                          "      Id:   " +
                          job_id + "\n      URL:  " + url + "/jobs/" + job_id +
                          "\n  pipelines:\n    etl:\n      Name: etl\n"
                          "      Id:   (not deployed)\n");

  ProcessResult plan = run({"plan", "-o", "json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  json changes = json::parse(plan.out)["changes"];
  // The adopted job has no applied spec yet: every field of the bundle is an update.
  EXPECT_EQ(changes[0]["action"], "update");
  EXPECT_EQ(changes[0]["id"], job_id);
  EXPECT_EQ(changes[1]["action"], "create");
  EXPECT_EQ(changes[0]["changes"][4],
            (json{{"path", "name"}, {"before", nullptr}, {"after", "daily"}}));

  ProcessResult unbound = run({"deployment", "unbind", "jobs.daily"});
  ASSERT_EQ(unbound.exit_code, 0) << unbound.err;
  EXPECT_EQ(unbound.out, "Unbound jobs.daily (" + job_id + " stays in the workspace)\n");
  local = local_state();
  EXPECT_TRUE(local->resources.empty());
  EXPECT_EQ(local->serial, 2);
  EXPECT_EQ(local->lineage, remote->lineage);
  EXPECT_EQ(m_workspace->get_job(std::stoll(job_id))["settings"]["name"], "made by hand");
}

TEST_F(BindSummaryTest, BindRefusesWhatDoesNotExistOrIsBoundAlready) {
  ASSERT_TRUE(m_emulator.ready());
  ProcessResult missing = run({"deployment", "bind", "daily", "12345"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "Error: job 12345 does not exist in " + m_emulator.url() + "\n");
  ProcessResult not_a_number = run({"deployment", "bind", "daily", "12a"});
  EXPECT_EQ(not_a_number.exit_code, 2);
  EXPECT_EQ(not_a_number.err, "Error: job id \"12a\" is not a number\n");
  ProcessResult missing_pipeline = run({"deployment", "bind", "etl", "nope"});
  EXPECT_EQ(missing_pipeline.exit_code, 1);
  EXPECT_EQ(missing_pipeline.err,
            "Error: pipeline nope does not exist in " + m_emulator.url() + "\n");
  EXPECT_FALSE(local_state().has_value());

  const std::string first = std::to_string(m_workspace->create_job({{"name", "a"}}));
  const std::string second = std::to_string(m_workspace->create_job({{"name", "b"}}));
  ASSERT_EQ(run({"deployment", "bind", "daily", first}).exit_code, 0);
  ProcessResult again = run({"deployment", "bind", "daily", second});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.err, "Error: jobs.daily is already bound to " + first + "; unbind it first\n");
}

TEST_F(BindSummaryTest, UnbindOfSomethingNotDeployedSuggestsTheNearest) {
  ASSERT_TRUE(m_emulator.ready());
  const std::string job_id = std::to_string(m_workspace->create_job({{"name", "a"}}));
  ASSERT_EQ(run({"deployment", "bind", "jobs.daily", job_id}).exit_code, 0);
  ProcessResult result = run({"deployment", "unbind", "dialy"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: nothing named \"dialy\" is deployed by target default, did you mean "
            "\"daily\"?\n");
}

}  // namespace
}  // namespace bundlectl::testing
