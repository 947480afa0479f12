// check_job_parameters: parameter names of a job are unique once loading merged them.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsJobParametersTest : public RefsCheckTest {};

TEST_F(RefsJobParametersTest, TwoParametersResolvingToOneNameAreMergedAsTheDatabricksCliMerges) {
  // Loading merges parameters by name after variables are resolved, as the Databricks CLI
  // does, so a name written as a reference merges too: nothing is left to find twice.
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {p: {default: env}}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      parameters:\n"
              "        - {name: env, default: dev}\n"
              "        - {name: \"${var.p}\", default: prod}\n");
  EXPECT_EQ(run(check_job_parameters), Messages{});
}

}  // namespace
}  // namespace bundlectl::validate
