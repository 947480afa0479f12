// `bundlectl plan --refresh` against `bundlectl emulator serve` over HTTP: jobs and pipelines
// changed or deleted outside the bundle are reported, server defaults are not.
#include "bundlectl/deploy/plan_refresh.h"

#include <gtest/gtest.h>

#include <algorithm>
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
      tasks:
        - task_key: refresh
          pipeline_task: {pipeline_id: "${resources.pipelines.etl.id}"}
        - task_key: report
          depends_on: [{task_key: refresh}]
          notebook_task: {notebook_path: ./src/report.py}
          max_retries: 1
  pipelines:
    etl:
      name: etl
      libraries: [{notebook: {path: ./src/etl.py}}]
)";

constexpr const char* k_state_path =
    "/Workspace/Users/emulator-user@example.com/.bundle/shop/default/state";

class PlanRefreshTest : public ::testing::Test {
 protected:
  PlanRefreshTest() {
    m_bundle.write("databricks.yml", k_bundle);
    m_bundle.write("src/report.py", "# Databricks notebook source\n");
    m_bundle.write("src/etl.py", "# Databricks notebook source\n");
    api::AuthConfig config;
    config.host = {m_emulator.url(), "test"};
    config.auth_type = {api::k_auth_pat, "test"};
    config.token = {api::Secret(m_emulator.token()), "test"};
    m_workspace = api::make_workspace(config);
  }

  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"-C", m_bundle.path().string()});
    ProcessOptions options = isolated_environment(m_home.path().string());
    options.env["DATABRICKS_HOST"] = m_emulator.url();
    options.env["DATABRICKS_TOKEN"] = m_emulator.token();
    return run_bundlectl(args, options);
  }

  // What deploy does, by hand: create each object from its rendered spec (references
  // filled) and record the spec as rendered in the workspace's state.
  void deploy_by_hand() {
    ProcessResult rendered = run({"render"});
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    const json document = json::parse(rendered.out);
    deploy::DeploymentState state;
    state.bundle = "shop";
    state.target = "default";
    state.workspace = m_emulator.url();
    state.lineage = "5b0f7e52-lineage";
    state.serial = 2;
    // Pipelines first: the job's pipeline_task needs the pipeline's id.
    std::vector<json> resources = document["resources"];
    std::stable_sort(resources.begin(), resources.end(), [](const json& a, const json& b) {
      return a["type"] == "pipelines" && b["type"] != "pipelines";
    });
    for (const json& resource : resources) {
      const json& spec = resource["spec"];
      const std::string address = resource["address"];
      json filled = deploy::fill_state_ids(spec, state);
      std::string id = resource["type"] == "jobs" ? std::to_string(m_workspace->create_job(filled))
                                                  : m_workspace->create_pipeline(filled);
      state.resources[address] = deploy::ResourceState{id, spec, deploy::spec_hash(spec)};
    }
    deploy::write_remote_state(*m_workspace, k_state_path, state);
    m_state = state;
  }

  TempDir m_home;
  TempDir m_bundle;
  ServedEmulator m_emulator;
  std::unique_ptr<api::Workspace> m_workspace;
  deploy::DeploymentState m_state;
};

TEST_F(PlanRefreshTest, AWorkspaceThatMatchesTheStateHasNoDriftDespiteServerDefaults) {
  ASSERT_TRUE(m_emulator.ready());
  deploy_by_hand();
  ProcessResult result = run({"plan", "--refresh"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Plan for bundle shop (target default) on " + m_emulator.url() +
                            "\n\nPlan: 0 to add, 0 to change, 0 to delete, 2 unchanged\n");
}

TEST_F(PlanRefreshTest, ChangesAndDeletionsOutsideTheBundleAreReported) {
  ASSERT_TRUE(m_emulator.ready());
  deploy_by_hand();
  const std::string job_id = m_state.resources.at("jobs.daily").id;
  const std::string pipeline_id = m_state.resources.at("pipelines.etl").id;
  json settings = m_workspace->get_job(std::stoll(job_id))["settings"];
  settings["tasks"][1]["max_retries"] = 5;
  settings["description"] = "edited in the UI";  // a field the bundle does not set
  m_workspace->reset_job(std::stoll(job_id), settings);
  m_workspace->delete_pipeline(pipeline_id);

  ProcessResult plain = run({"plan"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.out.find("Plan: 0 to add, 0 to change, 0 to delete, 2 unchanged\n"),
            std::string::npos)
      << "without --refresh the state alone is trusted: " << plain.out;

  ProcessResult result = run({"plan", "--refresh"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Plan for bundle shop (target default) on " + m_emulator.url() +
                            "\n\n"
                            "+ create pipelines.etl (deleted outside the bundle (id " +
                            pipeline_id +
                            "))\n"
                            "~ update jobs.daily (id " +
                            job_id +
                            ") (changed outside the bundle)\n"
                            "    tasks[task_key='report'].max_retries: 5 → 1\n"
                            "\n"
                            "Plan: 1 to add, 1 to change, 0 to delete, 0 unchanged\n");
}

TEST(ProjectRemoteTest, KeepsOnlyTheFieldsTheSpecSetsAndElementsOnlyTheRemoteHas) {
  json applied = json::parse(R"({"name": "a", "tasks": [
      {"task_key": "x", "run_job_task": {"job_id": "12"}},
      {"task_key": "y", "notebook_task": {"notebook_path": "${var.path}"}}]})");
  json remote = json::parse(R"({"name": "a", "timeout_seconds": 0, "tasks": [
      {"task_key": "y", "notebook_task": {"notebook_path": "/p", "source": "WORKSPACE"}},
      {"task_key": "x", "run_job_task": {"job_id": 12}, "run_if": "ALL_SUCCESS"},
      {"task_key": "z"}]})");
  EXPECT_EQ(deploy::project_remote(remote, applied), json::parse(R"({"name": "a", "tasks": [
      {"task_key": "y", "notebook_task": {"notebook_path": "${var.path}"}},
      {"task_key": "x", "run_job_task": {"job_id": "12"}},
      {"task_key": "z"}]})"));
}

TEST(FillStateIdsTest, ReplacesWholeIdReferencesThatTheStateKnows) {
  deploy::DeploymentState state;
  state.resources["pipelines.etl"] = deploy::ResourceState{"p-9", nullptr, ""};
  json spec = json::parse(R"({"a": "${resources.pipelines.etl.id}",
      "b": ["${resources.pipelines.other.id}", "x ${resources.pipelines.etl.id}"]})");
  EXPECT_EQ(deploy::fill_state_ids(spec, state), json::parse(R"({"a": "p-9",
      "b": ["${resources.pipelines.other.id}", "x ${resources.pipelines.etl.id}"]})"));
}

}  // namespace
}  // namespace bundlectl::testing
