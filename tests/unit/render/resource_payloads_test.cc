// render_payloads on bundles loaded from a temporary folder through every loading step.
#include "bundlectl/render/resource_payloads.h"

#include <gtest/gtest.h>

#include "bundlectl/config/load.h"
#include "bundlectl/core/exit_code.h"
#include "render/resource_references.h"
#include "support/temp_dir.h"

namespace bundlectl::render {
namespace {

using nlohmann::json;

class ResourcePayloadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir.write("src/report.py", "# Databricks notebook source\nprint(1)\n");
    m_dir.write("src/etl.py", "# Databricks notebook source\nprint(2)\n");
  }

  config::LoadResult load(const std::string& yaml, const std::string& target = "") {
    m_dir.write("databricks.yml", yaml);
    config::LoadOptions options;
    options.chdir = m_dir.path();
    options.target = target;
    options.user = "jane@example.com";
    options.environment = [](const std::string&) { return std::optional<std::string>(); };
    config::LoadResult result = config::load_bundle(options);
    EXPECT_TRUE(result.complete);
    EXPECT_FALSE(result.diagnostics.has_errors());
    return result;
  }

  testing::TempDir m_dir;
};

constexpr const char* k_sales_bundle = R"(bundle: {name: sales}
resources:
  pipelines:
    etl:
      name: etl
      catalog: main
      target: raw
      libraries:
        - notebook: {path: ./src/etl.py}
      permissions:
        - {level: CAN_VIEW, group_name: analysts}
  jobs:
    daily:
      name: daily
      tags: {team: data, bundlectl-target: mine}
      permissions:
        - {level: CAN_MANAGE_RUN, user_name: ops@example.com}
        - {level: CAN_VIEW, service_principal_name: 6f1c2e8a-1b7d-4c55-9a8e-3f0d2b9c7e41}
      tasks:
        - task_key: refresh
          pipeline_task: {pipeline_id: "${resources.pipelines.etl.id}"}
        - task_key: report
          depends_on: [{task_key: refresh}]
          notebook_task:
            notebook_path: ./src/report.py
            base_parameters: {pipeline: "id ${resources.pipelines.etl.id}, ${resources.jobs.daily.id}"}
  schemas:
    raw:
      catalog_name: main
      name: raw
      grants: [{principal: analysts, privileges: [USE_SCHEMA]}]
)";

TEST_F(ResourcePayloadsTest, JobIsTheJobSettingsBodyWithBundleTagsAndNoBundleOnlyFields) {
  config::LoadResult result = load(k_sales_bundle);
  std::vector<ResourcePayload> payloads = render_payloads(result.bundle);
  ASSERT_EQ(payloads.size(), 3u);
  const ResourcePayload& job = payloads[1];
  EXPECT_EQ(job.address(), "jobs.daily");
  EXPECT_TRUE(job.supported);
  EXPECT_EQ(job.spec, json::parse(R"({
    "name": "daily",
    "deployment": {"kind": "BUNDLE", "metadata_file_path":
        "/Workspace/Users/jane@example.com/.bundle/sales/default/state/metadata.json"},
    "edit_mode": "UI_LOCKED",
    "format": "MULTI_TASK",
    "max_concurrent_runs": 1,
    "queue": {"enabled": true},
    "tags": {"team": "data", "bundlectl-bundle": "sales", "bundlectl-target": "default",
             "bundlectl-resource": "daily"},
    "tasks": [
      {"task_key": "refresh", "pipeline_task": {"pipeline_id": "${resources.pipelines.etl.id}"}},
      {"task_key": "report", "depends_on": [{"task_key": "refresh"}],
       "notebook_task": {
         "notebook_path": "/Workspace/Users/jane@example.com/.bundle/sales/default/files/src/report",
         "base_parameters": {"pipeline": "id ${resources.pipelines.etl.id}, ${resources.jobs.daily.id}"}}}
    ]
  })"))
      << job.spec.dump(2);
  // The deploying user owns what the bundle deploys, as the Databricks CLI sends it.
  EXPECT_EQ(job.permissions, json::parse(R"([
    {"permission_level": "CAN_MANAGE_RUN", "user_name": "ops@example.com"},
    {"permission_level": "CAN_VIEW",
     "service_principal_name": "6f1c2e8a-1b7d-4c55-9a8e-3f0d2b9c7e41"},
    {"permission_level": "IS_OWNER", "user_name": "jane@example.com"}
  ])"));
  // The job's reference to itself is no dependency; the pipeline's id, named twice, is one.
  EXPECT_EQ(job.depends_on, std::vector<std::string>{"pipelines.etl"});
}

TEST_F(ResourcePayloadsTest, PipelineIsItsSpecWithPermissionsApartAndNoTags) {
  config::LoadResult result = load(k_sales_bundle);
  std::vector<ResourcePayload> payloads = render_payloads(result.bundle);
  const ResourcePayload& pipeline = payloads[0];
  EXPECT_EQ(pipeline.address(), "pipelines.etl");
  EXPECT_TRUE(pipeline.supported);
  EXPECT_EQ(pipeline.spec, json::parse(R"({
    "name": "etl",
    "catalog": "main",
    "target": "raw",
    "channel": "CURRENT",
    "edition": "ADVANCED",
    "deployment": {"kind": "BUNDLE", "metadata_file_path":
        "/Workspace/Users/jane@example.com/.bundle/sales/default/state/metadata.json"},
    "libraries": [{"notebook": {"path":
        "/Workspace/Users/jane@example.com/.bundle/sales/default/files/src/etl"}}]
  })"))
      << pipeline.spec.dump(2);
  EXPECT_EQ(pipeline.permissions,
            json::parse(R"([{"permission_level": "CAN_VIEW", "group_name": "analysts"},
                                                   {"permission_level": "IS_OWNER",
                                                    "user_name": "jane@example.com"}])"));
  // The pipeline's target is the bundle's schema raw: the loader made it a reference to that
  // schema, so the schema comes first; the payload carries the name itself.
  EXPECT_EQ(pipeline.depends_on, std::vector<std::string>{"schemas.raw"});
}

TEST_F(ResourcePayloadsTest, OtherTypesAreRenderedButNotSupportedAndLoseTheirGrants) {
  config::LoadResult result = load(k_sales_bundle);
  std::vector<ResourcePayload> payloads = render_payloads(result.bundle);
  const ResourcePayload& schema = payloads[2];
  EXPECT_EQ(schema.address(), "schemas.raw");
  EXPECT_FALSE(schema.supported);
  EXPECT_EQ(schema.spec, json::parse(R"({"catalog_name": "main", "name": "raw"})"))
      << schema.spec.dump(2);
  EXPECT_EQ(schema.permissions, json::array());
}

TEST_F(ResourcePayloadsTest, TargetTagFollowsTheSelectedTarget) {
  config::LoadResult result = load(
      "bundle: {name: sales}\n"
      "targets: {dev: {default: true}, prod: {}}\n"
      "resources: {jobs: {daily: {name: daily}}}\n",
      "prod");
  std::vector<ResourcePayload> payloads = render_payloads(result.bundle);
  ASSERT_EQ(payloads.size(), 1u);
  EXPECT_EQ(payloads[0].spec["tags"], json::parse(R"({"bundlectl-bundle": "sales",
      "bundlectl-target": "prod", "bundlectl-resource": "daily"})"));
}

TEST_F(ResourcePayloadsTest, OnlyKeepsResourcesNamedByKeyOrAddressInConfigurationOrder) {
  config::LoadResult result = load(k_sales_bundle);
  std::vector<ResourcePayload> payloads = render_payloads(result.bundle, {"schemas.raw", "daily"});
  ASSERT_EQ(payloads.size(), 2u);
  EXPECT_EQ(payloads[0].address(), "jobs.daily");
  EXPECT_EQ(payloads[1].address(), "schemas.raw");
}

TEST_F(ResourcePayloadsTest, UnknownResourceListsTheKnownOnesAndSuggestsTheNearest) {
  config::LoadResult result = load(k_sales_bundle);
  try {
    render_payloads(result.bundle, {"daly"});
    FAIL() << "accepted an unknown resource";
  } catch (const core::UsageError& error) {
    EXPECT_STREQ(error.what(),
                 "unknown resource \"daly\" (the bundle has pipelines.etl, jobs.daily, "
                 "schemas.raw), did you mean \"daily\"?");
  }
}

TEST_F(ResourcePayloadsTest, BundleWithoutResourcesRendersNothing) {
  config::LoadResult result = load("bundle: {name: empty}\n");
  EXPECT_TRUE(render_payloads(result.bundle).empty());
}

TEST(ResourceReferencesTest, FindsReferencesAtAnyDepthSortedUniqueAndNotItself) {
  json spec = json::parse(R"({
    "a": "${resources.pipelines.etl.id}",
    "b": [{"c": "x ${resources.jobs.z-1.id} y ${resources.pipelines.etl.url}"}],
    "d": "${resources.jobs.self.id} ${resources.jobs.whole} ${var.x} ${resources.} ${resources.jobs}",
    "e": 3
  })");
  EXPECT_EQ(referenced_resources(spec, "jobs.self"),
            (std::vector<std::string>{"jobs.whole", "jobs.z-1", "pipelines.etl"}));
}

}  // namespace
}  // namespace bundlectl::render
