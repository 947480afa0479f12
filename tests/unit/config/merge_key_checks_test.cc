// warn_missing_merge_keys: items of a job's keyed sequences without their key are warned one by
// one, as the target left them, before the keyed merge gives them the key "".
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class MergeKeyChecksTest : public StepTest {};

TEST_F(MergeKeyChecksTest, TwoClustersWithoutKeyAreTwoWarningsThoughTheyMergeIntoOne) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      job_clusters:\n"
              "        - new_cluster: {spark_version: '15.4', num_workers: 1}\n"
              "targets:\n"
              "  dev:\n"
              "    resources:\n"
              "      jobs:\n"
              "        j:\n"
              "          job_clusters:\n"
              "            - new_cluster: {num_workers: 2}\n");
  LoadResult result = load("dev");
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(messages(result),
            (Messages{"warning: databricks.yml:13:15: required field \"job_cluster_key\" is not "
                      "set [resources.jobs.j.job_clusters[1]]",
                      "warning: databricks.yml:6:11: required field \"job_cluster_key\" is not "
                      "set [resources.jobs.j.job_clusters[0]]"}));
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "job_clusters"}),
            "[{\"job_cluster_key\":\"\",\"new_cluster\":{\"num_workers\":2,"
            "\"spark_version\":\"15.4\"}}]");
}

TEST_F(MergeKeyChecksTest, TasksParametersAndEnvironmentsWithTheirKeysAreNotWarned) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          run_job_task: {job_id: 1}\n"
              "        - run_job_task: {job_id: 2}\n"
              "      parameters:\n"
              "        - {name: p, default: x}\n"
              "        - {default: y}\n"
              "      environments:\n"
              "        - environment_key: e\n"
              "          spec: {client: '1'}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"warning: databricks.yml:11:11: required field \"name\" is not set "
                      "[resources.jobs.j.parameters[1]]",
                      "warning: databricks.yml:8:11: required field \"task_key\" is not set "
                      "[resources.jobs.j.tasks[1]]"}));
}

}  // namespace
}  // namespace bundlectl::config
