// add_required_zero_values: the zero values the CLI shows for required fields left out.
#include "bundlectl/config/zero_values.h"

#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class ZeroValuesTest : public StepTest {};

TEST_F(ZeroValuesTest, RequiredScalarsOfApiObjectsGetTheirZeroValue) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      job_clusters:\n"
              "        - new_cluster: {spark_version: 15.4.x-scala2.12, num_workers: 1}\n"
              "      tasks:\n"
              "        - run_job_task: {}\n"
              "          depends_on: [{outcome: 'true'}]\n");
  LoadResult result = load();
  add_required_zero_values(result.bundle.config);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "job_clusters"}),
            R"([{"job_cluster_key":"","new_cluster":{"num_workers":1,)"
            R"("spark_version":"15.4.x-scala2.12"}}])");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "tasks"}),
            R"([{"depends_on":[{"outcome":"true","task_key":""}],)"
            R"("run_job_task":{"job_id":0},"task_key":""}])");
}

TEST_F(ZeroValuesTest, FieldsThatAreSetAndObjectsWrittenAsReferencesAreLeftAlone) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {cluster: {type: complex, default: {spark_version: x}}}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      name: j\n"
              "      tasks:\n"
              "        - task_key: t\n"
              "          notebook_task: {notebook_path: /n}\n"
              "      job_clusters:\n"
              "        - job_cluster_key: c\n"
              "          new_cluster: ${var.cluster}\n");
  LoadResult result = load();
  std::string before = core::to_json(result.bundle.config).dump();
  add_required_zero_values(result.bundle.config);
  EXPECT_EQ(core::to_json(result.bundle.config).dump(), before);
}

}  // namespace
}  // namespace bundlectl::config
