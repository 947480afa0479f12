// check_run_as: exactly one of user_name and service_principal_name.
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
              "      run_as: {service_principal_name: sp-2}\n");
  // (The top-level run_as is checked while loading, with the Databricks CLI's words: see
  // tests/unit/config/run_as_test.cc.)
  EXPECT_EQ(run(check_run_as),
            (Messages{"error run-as.identity: databricks.yml:5:15: run_as names no identity "
                      "[resources.jobs.j.run_as]"}));
}

}  // namespace
}  // namespace bundlectl::validate
