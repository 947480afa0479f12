// check_job_parameters: parameter names of a job are unique once variables are resolved.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsJobParametersTest : public RefsCheckTest {};

TEST_F(RefsJobParametersTest, TwoParametersResolvingToOneNameIsAnError) {
  // Loading merges parameters written with one name; variables can still make two alike.
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {p: {default: env}}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      parameters:\n"
              "        - {name: env, default: dev}\n"
              "        - {name: \"${var.p}\", default: prod}\n");
  EXPECT_EQ(run(check_job_parameters),
            (Messages{"error parameters.duplicate-name: databricks.yml:8:18: job parameter is "
                      "defined twice: env [resources.jobs.j.parameters[1].name]"}));
}

}  // namespace
}  // namespace bundlectl::validate
