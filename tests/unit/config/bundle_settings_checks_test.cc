// check_bundle_engine and warn_bundle_name_interpolation: the bundle section as the Databricks
// CLI checks it while loading.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class BundleSettingsChecksTest : public StepTest {};

TEST_F(BundleSettingsChecksTest, AnUnknownEngineStopsLoadingBeforeTheUserIsKnown) {
  m_dir.write("databricks.yml",
              "bundle:\n"
              "  name: b\n"
              "targets:\n"
              "  default:\n"
              "    bundle:\n"
              "      engine: steam\n");
  LoadResult result = load();
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:6:15: invalid value \"steam\" for bundle.engine "
                      "(expected \"direct\")"}));
  EXPECT_FALSE(result.bundle.user.has_value());
}

TEST_F(BundleSettingsChecksTest, DirectIsAcceptedAndTerraformIsRefusedAsRemoved) {
  m_dir.write("databricks.yml",
              "bundle: {name: b, engine: direct}\n"
              "targets:\n"
              "  direct: {}\n"
              "  tf: {bundle: {engine: terraform}}\n");
  LoadResult direct = load("direct");
  EXPECT_TRUE(direct.complete) << findings(direct);
  EXPECT_EQ(messages(direct), Messages{});
  LoadResult tf = load("tf");
  EXPECT_FALSE(tf.complete);
  EXPECT_EQ(
      messages(tf),
      (Messages{"error: databricks.yml:4:25: the Terraform deployment engine has been removed "
                "in Databricks CLI v1.20.0 (Remove the \"engine\" setting (or set it to "
                "\"direct\") to deploy with the direct engine; existing Terraform state is "
                "migrated automatically. To keep using Terraform, downgrade to CLI v1.19.x. "
                "See https://docs.databricks.com/dev-tools/bundles/direct for details.)"}));
}

TEST_F(BundleSettingsChecksTest, TerraformSettingsAreWarnedAtEveryLineThatSetThem) {
  m_dir.write("databricks.yml",
              "bundle:\n"
              "  name: b\n"
              "  terraform: {exec_path: /usr/bin/terraform}\n"
              "targets:\n"
              "  t:\n"
              "    bundle:\n"
              "      terraform: {exec_path: /opt/terraform}\n");
  LoadResult result = load("t");
  EXPECT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(messages(result),
            (Messages{"warning: databricks.yml:3:14: databricks.yml:7:18: bundle.terraform is "
                      "deprecated and has no effect: the Terraform deployment engine has been "
                      "removed in Databricks CLI v1.20.0 [bundle.terraform]"}));
}

TEST_F(BundleSettingsChecksTest, AVariableInTheBundleNameIsWarned) {
  m_dir.write("databricks.yml",
              "bundle:\n"
              "  name: trees are ${var.color}\n"
              "variables: {color: {default: green}}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  ASSERT_EQ(messages(result).size(), 1u);
  EXPECT_EQ(messages(result)[0],
            "warning: databricks.yml:2:9: Please do not use variable interpolation in the name "
            "of your bundle. The name of your bundle\nis a part of the path at which your bundle "
            "state is stored at by default. Parameterizing it at\nruntime can have unexpected "
            "consequences like duplicate deployments or resources not being\ncleaned up during "
            "bundle destroy. [bundle.name]");
  EXPECT_EQ(json_at(result, {"bundle", "name"}), "\"trees are green\"");
}

TEST_F(BundleSettingsChecksTest, ARequiredVariableWithoutValueStopsLoadingBeforeTheNameCheck) {
  m_dir.write("databricks.yml",
              "bundle:\n"
              "  name: sales ${var.region}\n"
              "variables: {region: {description: required}}\n");
  LoadResult result = load();
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(messages(result),
            (Messages{"error: no value assigned to required variable region. Variables are "
                      "usually assigned in databricks.yml, and they can be overridden using "
                      "\"--var\", the BUNDLE_VAR_region environment variable, or "
                      ".databricks/bundle/<target>/variable-overrides.json"}));
}

TEST_F(BundleSettingsChecksTest, ANameWithTextThatIsNotAReferenceIsNotWarned) {
  for (const char* name : {"'${}'", "'${0foo}'", "'${foo.bar-}'", "'${foo.bar'", "'$${var.a}'"}) {
    m_dir.write("databricks.yml",
                std::string("bundle:\n  name: ") + name + "\nvariables: {a: {default: x}}\n");
    LoadResult result = load();
    for (const std::string& message : messages(result)) {
      EXPECT_EQ(message.find("Please do not use variable interpolation"), std::string::npos)
          << name << ": " << message;
    }
  }
}

TEST_F(BundleSettingsChecksTest, InterpolationInAnAuthenticationFieldIsWarned) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {id: {default: abc}}\n"
              "workspace:\n"
              "  client_id: ${var.id}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"warning: databricks.yml:4:14: Variable interpolation is not supported for "
                      "fields that configure authentication [workspace.client_id] "
                      "(Interpolation is not supported for the field workspace.client_id. Please "
                      "set\nthe DATABRICKS_CLIENT_ID environment variable if you wish to "
                      "configure this field at runtime.)"}));
}

}  // namespace
}  // namespace bundlectl::config
