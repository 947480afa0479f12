// set_run_as: the bundle's run_as on every job and pipeline without one of their own.
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

TEST_F(RunAsTest, BothIdentitiesAreAnErrorInTheCliWords) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "run_as: {user_name: a@example.com, service_principal_name: sp-1}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:2:9: run_as section cannot specify both user_name "
                      "and service_principal_name"}));
}

TEST_F(RunAsTest, AnEmptyRunAsNamesNoIdentity) {
  m_dir.write("databricks.yml", "bundle: {name: b}\nrun_as: {user_name: \"\"}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:2:9: run_as section must specify exactly one "
                      "non-empty identity: user_name, service_principal_name, or group_name"}));
}

TEST_F(RunAsTest, DashboardsCannotRunAsAnotherIdentity) {
  m_dir.write("dash.lvdash.json", "{}\n");
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "run_as: {service_principal_name: sp-1}\n"
              "resources:\n"
              "  dashboards:\n"
              "    d: {display_name: d, file_path: dash.lvdash.json, warehouse_id: w}\n");
  LoadResult result = load();
  ASSERT_EQ(messages(result).size(), 1u) << findings(result);
  EXPECT_EQ(messages(result).front(),
            "error: databricks.yml:5:5: dashboards do not support a setting a run_as user that "
            "is different from the owner.\nCurrent identity: jane@example.com. Run as identity: "
            "sp-1.\nSee https://docs.databricks.com/dev-tools/bundles/run-as.html to learn more "
            "about the run_as property. [resources.dashboards]");
}

}  // namespace
}  // namespace bundlectl::config
