// annotate_jobs, annotate_pipelines: every job and pipeline is marked as deployed by a bundle.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class AnnotateDeploymentTest : public StepTest {};

TEST_F(AnnotateDeploymentTest, JobsAreLockedMultiTaskAndPointAtTheDeploymentMetadata) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j: {name: j, edit_mode: EDITABLE, format: SINGLE_TASK}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "deployment"}),
            "{\"kind\":\"BUNDLE\",\"metadata_file_path\":"
            "\"/Workspace/Users/jane@example.com/.bundle/b/default/state/metadata.json\"}");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "edit_mode"}), "\"UI_LOCKED\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "format"}), "\"MULTI_TASK\"");
}

TEST_F(AnnotateDeploymentTest, PipelinesGetOnlyTheDeploymentFromTheStatePath) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "workspace: {state_path: /Workspace/Shared/b/state/}\n"
              "resources:\n"
              "  pipelines:\n"
              "    p: {name: p}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "deployment"}),
            "{\"kind\":\"BUNDLE\",\"metadata_file_path\":"
            "\"/Workspace/Shared/b/state/metadata.json\"}");
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "edit_mode"}), "<none>");
}

}  // namespace
}  // namespace bundlectl::config
