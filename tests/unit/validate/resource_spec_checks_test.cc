// Unit tests of check_vector_search_index_spec, check_job_run_dependencies,
// check_sensitive_references, check_deployment_history, check_native_formats and
// check_volume_paths on small bundles
// written to a temp folder and loaded for real; only the findings of the check under test are
// compared.
#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "support/check_findings.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

class ResourceSpecChecksTest : public ::testing::Test {
 protected:
  Messages check(CheckFunction run, const std::string& yaml,
                 std::optional<std::string> enable_history = std::nullopt) {
    std::map<std::string, std::string> variables;
    if (enable_history) {
      variables["DATABRICKS_BUNDLE_ENABLE_RECORD_DEPLOYMENT_HISTORY"] = *enable_history;
    }
    return testing::findings_of_check(run, m_dir, yaml, variables);
  }
  testing::TempDir m_dir;
};

TEST_F(ResourceSpecChecksTest, AVectorSearchIndexNeedsTheSpecOfItsType) {
  EXPECT_EQ(check(check_vector_search_index_spec,
                  "resources:\n"
                  "  vector_search_indexes:\n"
                  "    bare:\n"
                  "      name: c.s.bare\n"
                  "      index_type: DELTA_SYNC\n"
                  "    both:\n"
                  "      name: c.s.both\n"
                  "      index_type: DIRECT_ACCESS\n"
                  "      direct_access_index_spec: {schema_json: '{}'}\n"
                  "      delta_sync_index_spec: {source_table: c.s.t}\n"
                  "    fine:\n"
                  "      name: c.s.fine\n"
                  "      index_type: DELTA_SYNC\n"
                  "      delta_sync_index_spec: {source_table: c.s.t}\n"),
            (Messages{"error: databricks.yml:5:7: vector_search_indexes: missing "
                      "delta_sync_index_spec for index_type \"DELTA_SYNC\" "
                      "[resources.vector_search_indexes.bare.delta_sync_index_spec] "
                      "(resources.vector-search-index-spec)",
                      "error: databricks.yml:8:7: vector_search_indexes: delta_sync_index_spec "
                      "is not allowed when index_type is \"DIRECT_ACCESS\" "
                      "[resources.vector_search_indexes.both.delta_sync_index_spec] "
                      "(resources.vector-search-index-spec)"}));
}

TEST_F(ResourceSpecChecksTest, AJobRunDependsOnlyOnJobRunIds) {
  EXPECT_EQ(check(check_job_run_dependencies,
                  "resources:\n"
                  "  jobs:\n"
                  "    j: {name: j}\n"
                  "  job_runs:\n"
                  "    prepare: {job_id: 1}\n"
                  "    load:\n"
                  "      job_id: 2\n"
                  "      depends_on:\n"
                  "        - ${resources.job_runs.prepare.id}\n"
                  "        - ${resources.jobs.j.id}\n"
                  "        - prepare\n"),
            (Messages{"error: databricks.yml:11:11: depends_on entries must be job run ID "
                      "references, for example ${resources.job_runs.prepare.id} "
                      "[resources.job_runs.load.depends_on[1]] (resources.job-run-dependency)",
                      "error: databricks.yml:12:11: depends_on entries must be job run ID "
                      "references, for example ${resources.job_runs.prepare.id} "
                      "[resources.job_runs.load.depends_on[2]] (resources.job-run-dependency)"}));
}

TEST_F(ResourceSpecChecksTest, ASecretValueIsNotCopiedElsewhere) {
  EXPECT_EQ(check(check_sensitive_references,
                  "variables:\n"
                  "  token: {default: t0ken}\n"
                  "resources:\n"
                  "  secrets:\n"
                  "    tok:\n"
                  "      catalog_name: c\n"
                  "      schema_name: s\n"
                  "      name: tok\n"
                  "      value: ${var.token}\n"
                  "  jobs:\n"
                  "    j:\n"
                  "      name: j\n"
                  "      description: \"uses ${resources.secrets.tok.value} and "
                  "${resources.secrets.tok.name}\"\n"),
            (Messages{"error: databricks.yml:14:20: ${resources.secrets.tok.value}: references a "
                      "sensitive field and cannot be used in interpolation "
                      "(resources.sensitive-reference)"}));
}

TEST_F(ResourceSpecChecksTest, RecordingDeploymentHistoryIsRefusedUnlessEnabled) {
  const std::string yaml = "experimental:\n  record_deployment_history: true\n";
  EXPECT_EQ(check(check_deployment_history, yaml),
            (Messages{"error: databricks.yml:3:30: experimental.record_deployment_history is not "
                      "supported yet [experimental.record_deployment_history] "
                      "(experimental.record-deployment-history)"}));
  EXPECT_EQ(check(check_deployment_history, yaml, "true"), Messages{});
}

TEST_F(ResourceSpecChecksTest, BranchTimestampsAndDurationsMustParse) {
  EXPECT_EQ(check(check_native_formats,
                  "variables:\n"
                  "  until: {default: '2031-02-03T04:05:06+01:00'}\n"
                  "resources:\n"
                  "  postgres_branches:\n"
                  "    bad:\n"
                  "      branch_id: bad\n"
                  "      expire_time: '2030-01-01'\n"
                  "      ttl: 1h\n"
                  "    good:\n"
                  "      branch_id: good\n"
                  "      expire_time: ${var.until}\n"
                  "      ttl: 1.5s\n"),
            (Messages{"error: databricks.yml:8:20: cannot parse \"2030-01-01\" as an RFC 3339 "
                      "timestamp (e.g. \"2006-01-02T15:04:05Z\") "
                      "[resources.postgres_branches.bad.expire_time] (schema.native-format)",
                      "error: databricks.yml:9:12: cannot parse \"1h\" as a duration in seconds "
                      "(e.g. \"300s\") [resources.postgres_branches.bad.ttl] "
                      "(schema.native-format)"}));
}

TEST_F(ResourceSpecChecksTest, AHugeDurationIsRefusedWithoutExhaustingTheStack) {
  // A million digits: matched by the pattern, it would take a stack frame per character.
  const std::string ttl = std::string(1000000, '7') + "s";
  Messages found = check(check_native_formats,
                         "resources:\n"
                         "  postgres_branches:\n"
                         "    long:\n"
                         "      branch_id: long\n"
                         "      ttl: '" +
                             ttl + "'\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rfind("error: databricks.yml:6:12: cannot parse \"7777", 0), 0u) << found[0];
}

TEST_F(ResourceSpecChecksTest, WorkspacePathsOtherThanArtifactsAreNotInVolumes) {
  EXPECT_EQ(check(check_volume_paths,
                  "workspace:\n"
                  "  artifact_path: /Volumes/main/default/artifacts\n"
                  "  state_path: /Volumes/main/default/state\n"),
            (Messages{"error: databricks.yml:4:15: workspace.state_path "
                      "/Volumes/main/default/state starts with /Volumes. /Volumes can only be "
                      "used with workspace.artifact_path. [workspace.state_path] "
                      "(workspace.volume-path)"}));
  // A root path there is reported alone: the other paths derive from it.
  EXPECT_EQ(check(check_volume_paths, "workspace:\n  root_path: /Volumes/main/default/b\n"),
            (Messages{"error: databricks.yml:3:14: workspace.root_path /Volumes/main/default/b "
                      "starts with /Volumes. /Volumes can only be used with "
                      "workspace.artifact_path. [workspace.root_path] (workspace.volume-path)"}));
}

}  // namespace
}  // namespace bundlectl::validate
