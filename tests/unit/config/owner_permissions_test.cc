// fix_permissions: the deploying user's own permission on every resource that lists
// permissions, and one entry per principal at its highest level; recommend_deploying_identity.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class OwnerPermissionsTest : public StepTest {};

TEST_F(OwnerPermissionsTest, TwoLevelsForOnePrincipalBecomeTheHigherInFirstSeenOrder) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      permissions:\n"
              "        - {level: CAN_VIEW, user_name: ann@example.com}\n"
              "        - {level: CAN_VIEW, group_name: ops}\n"
              "        - {level: CAN_MANAGE_RUN, user_name: ann@example.com}\n"
              "  pipelines:\n"
              "    p:\n"
              "      permissions:\n"
              "        - {level: CAN_MANAGE, group_name: ops}\n"
              "        - {level: CAN_RUN, group_name: ops}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "permissions"}),
            "[{\"level\":\"CAN_MANAGE_RUN\",\"user_name\":\"ann@example.com\"},"
            "{\"group_name\":\"ops\",\"level\":\"CAN_VIEW\"},"
            "{\"level\":\"IS_OWNER\",\"user_name\":\"jane@example.com\"}]");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "permissions"}),
            "[{\"group_name\":\"ops\",\"level\":\"CAN_MANAGE\"},"
            "{\"level\":\"IS_OWNER\",\"user_name\":\"jane@example.com\"}]");
}

TEST_F(OwnerPermissionsTest, TheDeployingUsersCanManageBecomesOwnerUnlessSomeoneElseOwns) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    mine:\n"
              "      permissions: [{level: CAN_MANAGE, user_name: jane@example.com}]\n"
              "    theirs:\n"
              "      permissions: [{level: IS_OWNER, group_name: admins}]\n"
              "  sql_warehouses:\n"
              "    w:\n"
              "      name: w\n"
              "      permissions: [{level: CAN_VIEW, user_name: jane@example.com}]\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "mine", "permissions"}),
            "[{\"level\":\"IS_OWNER\",\"user_name\":\"jane@example.com\"}]");
  // Someone else owns it: the deploying user manages it.
  EXPECT_EQ(json_at(result, {"resources", "jobs", "theirs", "permissions"}),
            "[{\"group_name\":\"admins\",\"level\":\"IS_OWNER\"},"
            "{\"level\":\"CAN_MANAGE\",\"user_name\":\"jane@example.com\"}]");
  // A lower level of the deploying user collapses into the owner entry added for them.
  EXPECT_EQ(json_at(result, {"resources", "sql_warehouses", "w", "permissions"}),
            "[{\"level\":\"IS_OWNER\",\"user_name\":\"jane@example.com\"}]");
}

TEST_F(OwnerPermissionsTest, ResourcesWithoutPermissionsAndSecretScopesAreLeftAlone) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j: {name: j}\n"
              "  secret_scopes:\n"
              "    s:\n"
              "      name: s\n"
              "      permissions: [{level: READ, group_name: ops}, {level: WRITE, group_name: "
              "ops}]\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "permissions"}), "<none>");
  EXPECT_EQ(json_at(result, {"resources", "secret_scopes", "s", "permissions"}),
            "[{\"group_name\":\"ops\",\"level\":\"READ\"},"
            "{\"group_name\":\"ops\",\"level\":\"WRITE\"}]");
}

TEST_F(OwnerPermissionsTest, AServicePrincipalDeployingIsAddedAsAServicePrincipal) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  experiments:\n"
              "    e:\n"
              "      name: /Shared/e\n"
              "      permissions: [{level: CAN_READ, group_name: ops}]\n");
  LoadOptions options = load_options();
  options.user = "6a1b2c3d-0000-4000-8000-0123456789ab";
  LoadResult result = load_bundle(options);
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "experiments", "e", "permissions"}),
            "[{\"group_name\":\"ops\",\"level\":\"CAN_READ\"},"
            "{\"level\":\"CAN_MANAGE\",\"service_principal_name\":"
            "\"6a1b2c3d-0000-4000-8000-0123456789ab\"}]");
}

TEST_F(OwnerPermissionsTest, TopLevelPermissionsThatLeaveOutTheDeployerGetTheCliRecommendation) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "permissions:\n"
              "  - {level: CAN_MANAGE, user_name: lead@example.com}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(messages(result),
            (Messages{"recommendation: databricks.yml:3:3: permissions section should explicitly "
                      "include the current deployment identity 'jane@example.com' or one of its "
                      "groups\nIf it is not included, CAN_MANAGE permissions are only applied if "
                      "the present identity is used to deploy.\n\nConsider using a adding a "
                      "top-level permissions section such as the following:\n\n  permissions:\n"
                      "    - user_name: jane@example.com\n      level: CAN_MANAGE\n\nSee "
                      "https://docs.databricks.com/dev-tools/bundles/permissions.html to learn "
                      "more about permission configuration."}));
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "permissions:\n"
              "  - {level: CAN_MANAGE, user_name: jane@example.com}\n");
  LoadResult listed = load();
  EXPECT_EQ(messages(listed), Messages{});
}

}  // namespace
}  // namespace bundlectl::config
