// merge_keyed_sequences runs after references are resolved, as in the Databricks CLI.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class KeyedMergeOrderTest : public StepTest {};

TEST_F(KeyedMergeOrderTest, ATaskKeyWrittenAsAReferenceMergesWithTheTargetsTask) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {k: {default: load}}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: ${var.k}\n"
              "          run_job_task: {job_id: 1}\n"
              "targets:\n"
              "  prod:\n"
              "    resources:\n"
              "      jobs:\n"
              "        j:\n"
              "          tasks:\n"
              "            - task_key: load\n"
              "              timeout_seconds: 600\n");
  LoadResult result = load("prod");
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "tasks"}),
            "[{\"run_job_task\":{\"job_id\":1},\"task_key\":\"load\",\"timeout_seconds\":600}]");
}

}  // namespace
}  // namespace bundlectl::config
