// apply_bundle_permissions and filter_current_user_permissions: the top-level permissions on
// every resource that takes them, at that resource's level, without the deploying user.
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
  // jane@example.com deploys: she owns what she deploys, and is taken out.
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_VIEW\"},"
            "{\"level\":\"CAN_MANAGE_RUN\",\"service_principal_name\":\"9f2c-runner\"}]");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_VIEW\"},"
            "{\"level\":\"CAN_RUN\",\"service_principal_name\":\"9f2c-runner\"}]");
  // Experiments have no run level: CAN_RUN is not applied to them.
  EXPECT_EQ(json_at(result, {"resources", "experiments", "e", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_READ\"}]");
}

TEST_F(BundlePermissionsTest, AResourceThatNamesThePrincipalKeepsItsOwnLevel) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "permissions:\n"
              "  - {level: CAN_VIEW, group_name: analysts}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      permissions: [{level: CAN_MANAGE_RUN, group_name: analysts}]\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "permissions"}),
            "[{\"group_name\":\"analysts\",\"level\":\"CAN_MANAGE_RUN\"}]");
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
