// `bundlectl render` and `bundlectl plan`, run as the real binary on a bundle in a temporary
// folder, against the embedded emulator (--emulator) or none (--user).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "bundlectl/deploy/state.h"
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
  schemas:
    raw: {catalog_name: main, name: raw}
)";

class RenderPlanTest : public ::testing::Test {
 protected:
  RenderPlanTest() {
    m_bundle.write("databricks.yml", k_bundle);
    m_bundle.write("src/report.py", "# Databricks notebook source\n");
    m_bundle.write("src/etl.py", "# Databricks notebook source\n");
  }

  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"-C", m_bundle.path().string()});
    ProcessOptions options = isolated_environment(m_home.path().string());
    return run_bundlectl(args, options);
  }

  // A local state as deploy would leave it had it applied today's payloads: ids 1, 2, ...
  void write_state_of_current_payloads() {
    ProcessResult rendered = run({"render", "--emulator"});
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    deploy::DeploymentState state;
    state.bundle = "shop";
    state.target = "default";
    state.workspace = "emulator";
    state.lineage = "0d9c1f4e-lineage";
    state.serial = 3;
    int id = 0;
    const json document = json::parse(rendered.out);
    for (const json& resource : document["resources"]) {
      if (!resource["supported"].get<bool>()) continue;
      const json& spec = resource["spec"];
      state.resources[resource["address"]] =
          deploy::ResourceState{std::to_string(++id), spec, deploy::spec_hash(spec)};
    }
    deploy::write_local_state(deploy::local_state_file(m_bundle.path(), "default"), state);
  }

  TempDir m_home;
  TempDir m_bundle;
};

constexpr const char* k_root = "/Workspace/Users/jane@example.com/.bundle/shop/default";

TEST_F(RenderPlanTest, RenderPrintsEveryPayloadWithoutAWorkspaceWhenTheUserIsGiven) {
  ProcessResult result = run({"render", "--user", "jane@example.com"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string root = k_root;
  json deployment = {{"kind", "BUNDLE"}, {"metadata_file_path", root + "/state/metadata.json"}};
  json expected = {{"target", "default"},
                   {"resources",
                    {{{"address", "jobs.daily"},
                      {"type", "jobs"},
                      {"key", "daily"},
                      {"supported", true},
                      {"depends_on", {"pipelines.etl"}},
                      {"access_control_list", json::array()},
                      {"spec",
                       {{"name", "daily"},
                        {"deployment", deployment},
                        {"edit_mode", "UI_LOCKED"},
                        {"format", "MULTI_TASK"},
                        {"max_concurrent_runs", 1},
                        {"queue", {{"enabled", true}}},
                        {"tags",
                         {{"bundlectl-bundle", "shop"},
                          {"bundlectl-target", "default"},
                          {"bundlectl-resource", "daily"}}},
                        {"tasks",
                         {{{"task_key", "refresh"},
                           {"pipeline_task", {{"pipeline_id", "${resources.pipelines.etl.id}"}}}},
                          {{"task_key", "report"},
                           {"depends_on", {{{"task_key", "refresh"}}}},
                           {"notebook_task", {{"notebook_path", root + "/files/src/report"}}},
                           {"max_retries", 1}}}}}}},
                     {{"address", "pipelines.etl"},
                      {"type", "pipelines"},
                      {"key", "etl"},
                      {"supported", true},
                      {"depends_on", json::array()},
                      {"access_control_list", json::array()},
                      {"spec",
                       {{"name", "etl"},
                        {"channel", "CURRENT"},
                        {"edition", "ADVANCED"},
                        {"deployment", deployment},
                        {"libraries", {{{"notebook", {{"path", root + "/files/src/etl"}}}}}}}}},
                     {{"address", "schemas.raw"},
                      {"type", "schemas"},
                      {"key", "raw"},
                      {"supported", false},
                      {"depends_on", json::array()},
                      {"access_control_list", json::array()},
                      {"spec", {{"catalog_name", "main"}, {"name", "raw"}}}}}}};
  EXPECT_EQ(json::parse(result.out), expected) << result.out;
}

TEST_F(RenderPlanTest, RenderWithoutWorkspaceOrUserSaysWhatToPass) {
  ProcessResult result = run({"render"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Error: no workspace to talk to: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("(or pass --user NAME to work without one, or --emulator for the "
                            "local emulated workspace)\n"),
            std::string::npos)
      << result.err;
}

TEST_F(RenderPlanTest, RenderOfOneResourceAsYaml) {
  ProcessResult result =
      run({"render", "--user", "jane@example.com", "--resource", "schemas.raw", "-o", "yaml"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "resources:\n"
            "  - access_control_list: []\n"
            "    address: schemas.raw\n"
            "    depends_on: []\n"
            "    key: raw\n"
            "    spec:\n"
            "      catalog_name: main\n"
            "      name: raw\n"
            "    supported: false\n"
            "    type: schemas\n"
            "target: default\n");
}

TEST_F(RenderPlanTest, RenderOfAnUnknownResourceIsAUsageErrorWithASuggestion) {
  ProcessResult result = run({"render", "--user", "jane@example.com", "--resource", "dialy"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: unknown resource \"dialy\" (the bundle has jobs.daily, pipelines.etl, "
            "schemas.raw), did you mean \"daily\"?\n");
}

TEST_F(RenderPlanTest, RenderOutWritesOneFilePerResource) {
  TempDir out;
  ProcessResult result =
      run({"render", "--user", "jane@example.com", "--out", out.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  json job = json::parse(out.read("jobs/daily.json"));
  EXPECT_EQ(job["spec"]["tags"]["bundlectl-resource"], "daily");
  EXPECT_EQ(json::parse(out.read("pipelines/etl.json"))["spec"]["name"], "etl");
  EXPECT_EQ(json::parse(out.read("schemas/raw.json"))["supported"], false);
}

TEST_F(RenderPlanTest, RenderOutRefusesAKeyThatIsNoPlainFileNameAndWritesNothing) {
  m_bundle.write("databricks.yml",
                 "bundle: {name: shop}\n"
                 "resources:\n"
                 "  jobs:\n"
                 "    fine: {name: fine}\n"
                 "    \"../../escape\": {name: bad}\n");
  TempDir out;
  ProcessResult result =
      run({"render", "--user", "jane@example.com", "--out", (out.path() / "o").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Error: resource key \"jobs.../../escape\" cannot be a file name "
                            "under --out (letters, digits, '_', '-' and '.' only); render it to "
                            "stdout instead\n"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(out.path() / "o"));
  EXPECT_FALSE(std::filesystem::exists(out.path() / "escape.json"));
}

TEST_F(RenderPlanTest, RenderEjectWritesTheTemplatesOutAsABundleThatRendersTheSame) {
  TempDir bundle;
  bundle.write("databricks.yml",
               "bundle: {name: shop}\n"
               "templates:\n"
               "  ingest:\n"
               "    file: templates/ingest.yml.mustache\n"
               "    instances:\n"
               "      - {source: orders}\n");
  bundle.write("templates/ingest.yml.mustache",
               "resources:\n  jobs:\n    ingest_<% source %>: {name: ingest-<% source %>}\n");
  TempDir out;
  const std::string ejected = (out.path() / "plain").string();
  ProcessOptions options = isolated_environment(m_home.path().string());
  ProcessResult result =
      run_bundlectl({"render", "-C", bundle.path().string(), "--eject", ejected}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "wrote " + ejected +
                            "/templates/ingest.orders.yml\nEjected the bundle to " + ejected +
                            " with 1 rendered template file(s); the Databricks CLI deploys it "
                            "unchanged\n");
  auto render_of = [&](const std::string& root) {
    ProcessResult rendered =
        run_bundlectl({"render", "-C", root, "--user", "jane@example.com"}, options);
    EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
    return json::parse(rendered.out);
  };
  json original = render_of(bundle.path().string());
  EXPECT_EQ(original["resources"][0]["address"], "jobs.ingest_orders");
  EXPECT_EQ(render_of(ejected), original);
  EXPECT_EQ(out.read("plain/databricks.yml").find("templates:"), std::string::npos);
}

TEST_F(RenderPlanTest, PlanWithoutStateCreatesInDependencyOrderAndSkipsOtherTypes) {
  ProcessResult result = run({"plan", "--emulator"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Plan for bundle shop (target default) on the emulator (.bundlectl/emulator.db)\n"
            "\n"
            "+ create pipelines.etl\n"
            "+ create jobs.daily\n"
            "! skip schemas.raw (schemas are not deployed by bundlectl yet)\n"
            "\n"
            "Plan: 2 to add, 0 to change, 0 to delete, 0 unchanged\n");
}

TEST_F(RenderPlanTest, PlanAgainstAStateOfTheSameSpecsIsAllUnchanged) {
  write_state_of_current_payloads();
  ProcessResult result = run({"plan", "--emulator", "--verbose"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Plan for bundle shop (target default) on the emulator (.bundlectl/emulator.db)\n"
            "\n"
            "  unchanged pipelines.etl (id 2)\n"
            "  unchanged jobs.daily (id 1)\n"
            "! skip schemas.raw (schemas are not deployed by bundlectl yet)\n"
            "\n"
            "Plan: 0 to add, 0 to change, 0 to delete, 2 unchanged\n");
}

TEST_F(RenderPlanTest, PlanAfterChangingOneFieldIsOneUpdateNamingThatField) {
  write_state_of_current_payloads();
  std::string yaml = k_bundle;
  yaml.replace(yaml.find("max_retries: 1"), 14, "max_retries: 3");
  m_bundle.write("databricks.yml", yaml);
  ProcessResult result = run({"plan", "--emulator"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Plan for bundle shop (target default) on the emulator (.bundlectl/emulator.db)\n"
            "\n"
            "~ update jobs.daily (id 1)\n"
            "    tasks[task_key='report'].max_retries: 1 → 3\n"
            "! skip schemas.raw (schemas are not deployed by bundlectl yet)\n"
            "\n"
            "Plan: 0 to add, 1 to change, 0 to delete, 1 unchanged\n");
}

TEST_F(RenderPlanTest, PlanAsJsonAndMarkdownAfterRemovingAResourceAndChangingAnother) {
  write_state_of_current_payloads();
  std::string yaml = k_bundle;
  yaml.replace(yaml.find("max_retries: 1"), 14, "max_retries: 3");
  yaml = yaml.substr(0, yaml.find("  pipelines:")) +
         "  schemas:" + yaml.substr(yaml.find("  schemas:") + 10);
  yaml.replace(yaml.find("\"${resources.pipelines.etl.id}\""), 31, "abc");
  m_bundle.write("databricks.yml", yaml);
  ProcessResult result = run({"plan", "--emulator", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err,
            "Plan for bundle shop (target default) on the emulator (.bundlectl/emulator.db)\n\n");
  EXPECT_EQ(json::parse(result.out), json::parse(R"({
    "target": "default", "workspace": "emulator",
    "changes": [
      {"action": "update", "address": "jobs.daily", "id": "1", "reason": null, "changes": [
        {"path": "tasks[task_key='refresh'].pipeline_task.pipeline_id",
         "before": "${resources.pipelines.etl.id}", "after": "abc"},
        {"path": "tasks[task_key='report'].max_retries", "before": 1, "after": 3}]},
      {"action": "skip", "address": "schemas.raw", "id": null, "changes": [],
       "reason": "schemas are not deployed by bundlectl yet"},
      {"action": "delete", "address": "pipelines.etl", "id": "2", "changes": [], "reason": null}],
    "summary": {"add": 0, "change": 1, "delete": 1, "unchanged": 0, "skip": 1}
  })"))
      << result.out;

  result = run({"plan", "--emulator", "-o", "markdown"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "### bundlectl plan: target `default` on `emulator`\n"
            "\n"
            "| Action | Resource | Details |\n"
            "| --- | --- | --- |\n"
            "| update | `jobs.daily` | `tasks[task_key='refresh'].pipeline_task.pipeline_id: "
            "\"${resources.pipelines.etl.id}\" → \"abc\"`<br>"
            "`tasks[task_key='report'].max_retries: 1 → 3` |\n"
            "| skip | `schemas.raw` | schemas are not deployed by bundlectl yet |\n"
            "| delete | `pipelines.etl` |  |\n"
            "\n"
            "Plan: 0 to add, 1 to change, 1 to delete, 0 unchanged\n");
}

}  // namespace
}  // namespace bundlectl::testing
