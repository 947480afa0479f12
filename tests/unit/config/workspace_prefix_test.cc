// rewrite_workspace_prefix: "/Workspace" written before a workspace path reference is dropped,
// with the Databricks CLI's warning at the value.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class WorkspacePrefixTest : public StepTest {};

TEST_F(WorkspacePrefixTest, APrefixBeforeAWorkspacePathIsDroppedAndWarned) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      name: j\n"
              "      parameters:\n"
              "        - name: conf\n"
              "          default: /Workspace${workspace.root_path}/conf\n"
              "        - name: plain\n"
              "          default: /Workspace/Shared/conf\n");
  LoadResult result = load();
  EXPECT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(
      messages(result),
      (Messages{"warning: databricks.yml:8:20: substring \"/Workspace${workspace.root_path}\" "
                "found in \"/Workspace${workspace.root_path}/conf\". Please update this to "
                "\"${workspace.root_path}/conf\". [resources.jobs.j.parameters[0].default] "
                "(For more information, please refer to: "
                "https://docs.databricks.com/en/release-notes/dev-tools/"
                "bundles.html#workspace-paths)"}));
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "parameters"}),
            "[{\"default\":\"/Workspace/Users/jane@example.com/.bundle/b/default/conf\","
            "\"name\":\"conf\"},{\"default\":\"/Workspace/Shared/conf\",\"name\":\"plain\"}]");
}

}  // namespace
}  // namespace bundlectl::config
