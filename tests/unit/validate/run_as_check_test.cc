// check_run_as: exactly one of user_name and service_principal_name.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsRunAsTest : public RefsCheckTest {};

TEST_F(RefsRunAsTest, RunAsMustNameExactlyOneIdentity) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "run_as: {user_name: a@example.com, service_principal_name: sp-1}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      run_as: {group_name: admins}\n"
              "    k:\n"
              "      run_as: {service_principal_name: sp-2}\n");
  EXPECT_EQ(run(check_run_as),
            (Messages{"error run-as.identity: databricks.yml:2:9: run_as names both user_name and "
                      "service_principal_name [run_as]",
                      "error run-as.identity: databricks.yml:6:15: run_as names no identity "
                      "[resources.jobs.j.run_as]"}));
}

}  // namespace
}  // namespace bundlectl::validate
