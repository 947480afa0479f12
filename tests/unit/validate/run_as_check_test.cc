// check_run_as: exactly one of user_name and service_principal_name, or for a job group_name.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsRunAsTest : public RefsCheckTest {};

TEST_F(RefsRunAsTest, RunAsMustNameExactlyOneIdentity) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      run_as: {group_name: admins}\n"
              "    k:\n"
              "      run_as: {service_principal_name: sp-2}\n"
              "    both:\n"
              "      run_as: {group_name: admins, user_name: jane@example.com}\n"
              "  pipelines:\n"
              "    p:\n"
              "      run_as: {group_name: admins}\n");
  // (The top-level run_as is checked while loading, with the Databricks CLI's words: see
  // tests/unit/config/run_as_test.cc.) A job may run as a group (JobRunAs.group_name); a
  // pipeline may not.
  EXPECT_EQ(run(check_run_as),
            (Messages{"error run-as.identity: databricks.yml:9:15: run_as names more than one "
                      "identity [resources.jobs.both.run_as]",
                      "error run-as.identity: databricks.yml:12:15: run_as names no identity "
                      "[resources.pipelines.p.run_as]"}));
}

}  // namespace
}  // namespace bundlectl::validate
