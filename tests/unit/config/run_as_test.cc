// set_run_as: the bundle's run_as on every job, pipeline and alert without one of their own.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class RunAsTest : public StepTest {};

TEST_F(RunAsTest, JobsAndPipelinesWithoutTheirOwnRunAsTheBundlesIdentity) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "run_as: {service_principal_name: 6f1c-sp}\n"
              "resources:\n"
              "  jobs:\n"
              "    j: {name: j}\n"
              "    own: {name: own, run_as: {user_name: joe@example.com}}\n"
              "  pipelines:\n"
              "    p: {name: p}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "run_as"}),
            "{\"service_principal_name\":\"6f1c-sp\"}");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "own", "run_as"}),
            "{\"user_name\":\"joe@example.com\"}");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "run_as"}),
            "{\"service_principal_name\":\"6f1c-sp\"}");
}

TEST_F(RunAsTest, TwoIdentitiesAreAnErrorInTheCliWords) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "run_as: {user_name: a@example.com, group_name: ops}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:2:9: run_as section must specify exactly one "
                      "non-empty identity: user_name, service_principal_name, or group_name"}));
}

TEST_F(RunAsTest, ARunAsWithNothingInItIsNoRunAs) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "run_as:\n"
              "resources:\n"
              "  jobs:\n"
              "    j: {name: j}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(messages(result), Messages{});
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "run_as"}), "<none>");
}

TEST_F(RunAsTest, AGroupIsSetOnJobsAndEachPipelineOrAlertMustNameItsOwnIdentity) {
  const std::string each_pipeline_names_its_own =
      "bundle: {name: b}\n"
      "run_as: {group_name: ops}\n"
      "resources:\n"
      "  jobs:\n"
      "    j: {name: j}\n"
      "  pipelines:\n"
      "    own: {name: own, run_as: {user_name: joe@example.com}}\n";
  m_dir.write("databricks.yml", each_pipeline_names_its_own + "    inherits: {name: inherits}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:8:15: pipelines do not support run_as.group_name; "
                      "set run_as.user_name or run_as.service_principal_name on this pipeline to "
                      "override the bundle run_as"}));
  m_dir.write("databricks.yml", each_pipeline_names_its_own);
  LoadResult valid = load();
  ASSERT_TRUE(valid.complete) << findings(valid);
  EXPECT_EQ(json_at(valid, {"resources", "jobs", "j", "run_as"}), "{\"group_name\":\"ops\"}");
}

TEST_F(RunAsTest, LegacyRunAsRefusesAGroup) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "experimental: {use_legacy_run_as: true}\n"
              "run_as: {group_name: ops}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:3:22: run_as.group_name is not supported with "
                      "experimental.use_legacy_run_as; disable experimental.use_legacy_run_as to "
                      "use a group identity"}));
}

TEST_F(RunAsTest, AnEmptyRunAsNamesNoIdentity) {
  m_dir.write("databricks.yml", "bundle: {name: b}\nrun_as: {user_name: \"\"}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:2:9: run_as section must specify exactly one "
                      "non-empty identity: user_name, service_principal_name, or group_name"}));
}

TEST_F(RunAsTest, DashboardsThatEmbedCredentialsCannotRunAsAnotherIdentity) {
  m_dir.write("dash.lvdash.json", "{}\n");
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "run_as: {service_principal_name: sp-1}\n"
              "resources:\n"
              "  dashboards:\n"
              "    d:\n"
              "      display_name: d\n"
              "      file_path: dash.lvdash.json\n"
              "      warehouse_id: w\n"
              "      embed_credentials: true\n"
              "    plain: {display_name: p, file_path: dash.lvdash.json, warehouse_id: w}\n");
  LoadResult result = load();
  ASSERT_EQ(messages(result).size(), 1u) << findings(result);
  EXPECT_EQ(messages(result).front(),
            "error: databricks.yml:6:7: dashboards with embed_credentials set to true do not "
            "support a setting a run_as user that is different from the owner.\nCurrent "
            "identity: jane@example.com. Run as identity: sp-1.\nSee "
            "https://docs.databricks.com/dev-tools/bundles/run-as.html to learn more about the "
            "run_as property.");
}

}  // namespace
}  // namespace bundlectl::config
