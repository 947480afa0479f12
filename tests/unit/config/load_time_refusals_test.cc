// reject_internal_resources, require_resource_values and check_scripts: what the Databricks CLI
// refuses while loading, before the user is looked up.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class LoadTimeRefusalsTest : public StepTest {};

TEST_F(LoadTimeRefusalsTest, AnInternalResourceKindStopsLoadingAtItsValue) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  internal_immutable_snapshots:\n"
              "    s: {bundle_id: 1}\n");
  LoadResult result = load();
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:4:5: internal_immutable_snapshots is an internal "
                      "resource and cannot be set in bundle configuration "
                      "[resources.internal_immutable_snapshots]"}));
  EXPECT_FALSE(result.bundle.user.has_value());
}

TEST_F(LoadTimeRefusalsTest, AResourceWithoutAValueStopsLoadingAtTheFirst) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    fine: {name: fine}\n"
              "    cut_short:\n"
              "  pipelines:\n"
              "    also_empty:\n");
  LoadResult result = load();
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(messages(result), (Messages{"error: job cut_short is not defined"}));
  EXPECT_FALSE(result.bundle.user.has_value());
}

TEST_F(LoadTimeRefusalsTest, ScriptsNeedContentWithoutReferencesAndEnvOfEarlyValues) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables:\n"
              "  where: {default: here}\n"
              "scripts:\n"
              "  zeta:\n"
              "    content: echo ${var.where} ${bundle.name}\n"
              "  alpha:\n"
              "    env:\n"
              "      JOB: ${resources.jobs.j.id}\n"
              "      NAME: ${bundle.name}\n"
              "    content: echo \"$JOB\"\n"
              "  empty:\n"
              "    content: \"\"\n");
  LoadResult result = load();
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(messages(result),
            (Messages{"error: Script empty has no content [scripts.empty.content]",
                      "error: databricks.yml:6:14: Found ${var.where} in script zeta.content. "
                      "Interpolation syntax ${...} is not supported in script content "
                      "[scripts.zeta.content] (Script "
                      "content is passed to the shell as-is, so ${...} is left for the shell to "
                      "expand.\nTo interpolate a bundle value into the script, declare an "
                      "environment variable\nin the script's \"env:\" section and reference it "
                      "from \"content\" with $NAME:\n\n  scripts:\n    zeta:\n      env:\n        "
                      "MY_VAR: ${var.foo}\n      content: echo \"$MY_VAR\")",
                      "error: databricks.yml:9:12: ${resources.jobs.j.id} cannot be used in "
                      "scripts.alpha.env.JOB; only ${bundle.*}, ${workspace.*}, and ${var.*} are "
                      "resolved before scripts execute [scripts.alpha.env.JOB]"}));
}

TEST_F(LoadTimeRefusalsTest, AScriptThatReadsItsEnvironmentIsFine) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "scripts:\n"
              "  hello:\n"
              "    env: {WHO: '${workspace.current_user.userName}'}\n"
              "    content: echo \"$WHO\"\n");
  LoadResult result = load();
  EXPECT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(messages(result), Messages{});
}

}  // namespace
}  // namespace bundlectl::config
