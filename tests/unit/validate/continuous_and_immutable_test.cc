// Unit tests of check_continuous_retry (check_continuous_retry.cc), check_immutable_folder
// (check_immutable_folder.cc) and check_single_node (check_single_node.cc) on small bundles written
// to a temp folder and loaded for real; only the finding of the check under test is compared.
#include <gtest/gtest.h>

#include "support/check_findings.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

class ContinuousAndImmutableTest : public ::testing::Test {
 protected:
  Messages check(CheckFunction run, const std::string& yaml) {
    return testing::findings_of_check(run, m_dir, yaml);
  }
  testing::TempDir m_dir;
};

constexpr const char* k_continuous_jobs =
    "resources:\n"
    "  jobs:\n"
    "    unset:\n"
    "      continuous:\n"
    "        pause_status: UNPAUSED\n"
    "    never:\n"
    "      continuous: {task_retry_mode: NEVER}\n"
    "    on_failure:\n"
    "      continuous: {task_retry_mode: ON_FAILURE}\n"
    "    scheduled:\n"
    "      schedule: {quartz_cron_expression: '0 0 * * * ?', timezone_id: UTC}\n";

TEST_F(ContinuousAndImmutableTest, AContinuousJobWithoutARetryModeIsWarned) {
  EXPECT_EQ(check(check_continuous_retry, k_continuous_jobs),
            (Messages{"warning: databricks.yml:6:9: Continuous job does not set task_retry_mode "
                      "[resources.jobs.unset.continuous] (jobs.continuous-task-retry-mode)"}));
}

TEST_F(ContinuousAndImmutableTest, AnEmptyContinuousSectionIsWarnedToo) {
  EXPECT_EQ(check(check_continuous_retry,
                  "resources:\n  jobs:\n    j:\n      name: j\n      continuous: {}\n"),
            (Messages{"warning: databricks.yml:6:19: Continuous job does not set task_retry_mode "
                      "[resources.jobs.j.continuous] (jobs.continuous-task-retry-mode)"}));
}

TEST_F(ContinuousAndImmutableTest, WrittenWorkspacePathsAreRefusedWithAnImmutableFolder) {
  EXPECT_EQ(check(check_immutable_folder,
                  "experimental:\n"
                  "  immutable_folder: true\n"
                  "workspace:\n"
                  "  artifact_path: /Workspace/Shared/libs\n"
                  "  file_path: /Workspace/Shared/files\n"),
            (Messages{"error: databricks.yml:5:18: workspace.artifact_path cannot be configured "
                      "when experimental.immutable_folder is enabled "
                      "(workspace.immutable-folder-path)",
                      "error: databricks.yml:6:14: workspace.file_path cannot be configured when "
                      "experimental.immutable_folder is enabled "
                      "(workspace.immutable-folder-path)"}));
}

TEST_F(ContinuousAndImmutableTest, DefaultWorkspacePathsAreNotTheUsers) {
  EXPECT_EQ(check(check_immutable_folder, "experimental:\n  immutable_folder: true\n"), Messages{});
}

TEST_F(ContinuousAndImmutableTest, WrittenWorkspacePathsAreFineWithoutAnImmutableFolder) {
  EXPECT_EQ(check(check_immutable_folder,
                  "experimental:\n"
                  "  immutable_folder: false\n"
                  "workspace:\n"
                  "  artifact_path: /Workspace/Shared/libs\n"),
            Messages{});
}

TEST_F(ContinuousAndImmutableTest, ZeroWorkersNeedTheSingleNodeSettings) {
  EXPECT_EQ(check(check_single_node,
                  "resources:\n"
                  "  clusters:\n"
                  "    bare: {cluster_name: bare, num_workers: 0}\n"
                  "    single:\n"
                  "      cluster_name: single\n"
                  "      num_workers: 0\n"
                  "      spark_conf: {spark.databricks.cluster.profile: singleNode, "
                  "spark.master: 'local[*]'}\n"
                  "      custom_tags: {ResourceClass: SingleNode}\n"
                  "    governed: {cluster_name: governed, num_workers: 0, policy_id: P1}\n"
                  "    many: {cluster_name: many, num_workers: 2}\n"
                  "  pipelines:\n"
                  "    p:\n"
                  "      name: p\n"
                  "      clusters:\n"
                  "        - {label: default, num_workers: 0}\n"),
            (Messages{"warning: databricks.yml:4:11: Single node cluster is not correctly "
                      "configured [resources.clusters.bare] (clusters.single-node)",
                      "warning: databricks.yml:16:11: Single node cluster is not correctly "
                      "configured [resources.pipelines.p.clusters[0]] (clusters.single-node)"}));
}

}  // namespace
}  // namespace bundlectl::validate
