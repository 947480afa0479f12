// check_permissions: one principal per entry, levels of the resource type, one owner.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsPermissionsTest : public RefsCheckTest {};

TEST_F(RefsPermissionsTest, EntryMustNameExactlyOnePrincipal) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "permissions:\n"
              "  - {level: CAN_VIEW}\n"
              "  - {user_name: a@example.com, group_name: admins, level: CAN_MANAGE}\n"
              "  - {group_name: users, level: CAN_RUN}\n");
  EXPECT_EQ(run(check_permissions),
            (Messages{"error permissions.principal: databricks.yml:3:5: permission names no "
                      "principal [permissions[0]]",
                      "error permissions.principal: databricks.yml:4:5: permission names more "
                      "than one principal: user_name, group_name [permissions[1]]"}));
}

TEST_F(RefsPermissionsTest, LevelMustBeOneOfTheResourceType) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      permissions: [{group_name: ops, level: CAN_MANAGE_RUN}, "
              "{group_name: devs, level: CAN_RUN}]\n"
              "  pipelines:\n"
              "    p:\n"
              "      permissions: [{group_name: ops, level: CAN_RUN}]\n");
  // (A wrong level in the top-level section stops loading, as in the Databricks CLI: see
  // tests/unit/config/bundle_permissions_test.cc.)
  EXPECT_EQ(run(check_permissions),
            (Messages{"error permissions.invalid-level: databricks.yml:5:89: permission level "
                      "CAN_RUN is not valid for resources.jobs.j "
                      "[resources.jobs.j.permissions[1].level]"}));
}

TEST_F(RefsPermissionsTest, SecondOwnerIsAnError) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      permissions:\n"
              "        - {user_name: a@example.com, level: IS_OWNER}\n"
              "        - {service_principal_name: 6f1c2e8a-1b7d-4c55-9a8e-3f0d2b9c7e41, "
              "level: IS_OWNER}\n");
  EXPECT_EQ(run(check_permissions),
            (Messages{"error permissions.multiple-owners: databricks.yml:7:81: "
                      "resources.jobs.j has more than one IS_OWNER permission "
                      "[resources.jobs.j.permissions[1].level]"}));
}

}  // namespace
}  // namespace bundlectl::validate
