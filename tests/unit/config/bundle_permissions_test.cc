// apply_bundle_permissions: the top-level permissions on every resource that takes them, at
// that resource's level. The deploying user's own entry is fix_permissions' (owner_permissions).
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class BundlePermissionsTest : public StepTest {};

TEST_F(BundlePermissionsTest, EachResourceGetsTheBundleLevelsInItsOwnTerms) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "permissions:\n"
              "  - {level: CAN_VIEW, group_name: analysts}\n"
              "  - {level: CAN_RUN, service_principal_name: 9f2c-runner}\n"
              "  - {level: CAN_MANAGE, user_name: jane@example.com}\n"
              "resources:\n"
              "  jobs:\n"
              "    j: {name: j}\n"
              "  pipelines:\n"
              "    p: {name: p}\n"
              "  experiments:\n"
              "    e: {name: /Shared/e}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  // jane@example.com deploys: her CAN_MANAGE becomes IS_OWNER where the type has owners.
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_VIEW\"},"
            "{\"level\":\"CAN_MANAGE_RUN\",\"service_principal_name\":\"9f2c-runner\"},"
            "{\"level\":\"IS_OWNER\",\"user_name\":\"jane@example.com\"}]");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_VIEW\"},"
            "{\"level\":\"CAN_RUN\",\"service_principal_name\":\"9f2c-runner\"},"
            "{\"level\":\"IS_OWNER\",\"user_name\":\"jane@example.com\"}]");
  // Experiments have no run level (CAN_RUN is not applied) and no owner level.
  EXPECT_EQ(json_at(result, {"resources", "experiments", "e", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_READ\"},"
            "{\"level\":\"CAN_MANAGE\",\"user_name\":\"jane@example.com\"}]");
}

TEST_F(BundlePermissionsTest, AResourceThatNamesThePrincipalKeepsItsOwnLevelWithTheCliWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "permissions:\n"
              "  - {level: CAN_VIEW, group_name: analysts}\n"
              "  - {level: CAN_MANAGE, user_name: jane@example.com}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      permissions: [{level: CAN_MANAGE_RUN, group_name: analysts}]\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_MANAGE_RUN\"},"
            "{\"level\":\"IS_OWNER\",\"user_name\":\"jane@example.com\"}]");
  EXPECT_EQ(messages(result),
            (Messages{"warning: 'jobs' already has permissions set for 'analysts' group"}));
}

TEST_F(BundlePermissionsTest, AnEmptyListOfPermissionsIsNoList) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j: {name: j, permissions: []}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "permissions"}), "<none>");
}

TEST_F(BundlePermissionsTest, AnUnknownBundleLevelStopsLoadingWithTheCliMessage) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "permissions:\n"
              "  - {level: CAN_VEIW, group_name: analysts}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:3:13: invalid permission level: CAN_VEIW, allowed "
                      "values: [CAN_MANAGE, CAN_VIEW, CAN_RUN] [permissions[0].level]"}));
}

}  // namespace
}  // namespace bundlectl::config
