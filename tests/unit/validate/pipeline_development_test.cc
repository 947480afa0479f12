// Unit tests of check_pipeline_development (check_pipeline_development.cc) on small bundles
// written to a temp folder and loaded for real; only the finding of the check is compared.
#include <gtest/gtest.h>

#include "support/check_findings.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

class PipelineDevelopmentTest : public ::testing::Test {
 protected:
  Messages check(CheckFunction run, const std::string& yaml) {
    return testing::findings_of_check(run, m_dir, yaml);
  }
  testing::TempDir m_dir;
};

TEST_F(PipelineDevelopmentTest, AFlagWrittenOnAPipelineIsDeprecated) {
  EXPECT_EQ(check(check_pipeline_development,
                  "resources:\n"
                  "  pipelines:\n"
                  "    p:\n"
                  "      name: p\n"
                  "      development: false\n"),
            (Messages{"warning: databricks.yml:6:20: The \"development\" property of pipelines is "
                      "deprecated. Use \"mode: development\" in your databricks.yml instead. See "
                      "https://docs.databricks.com/dev-tools/bundles/deployment-modes. "
                      "[resources.pipelines.p.development] (pipelines.development-deprecated)"}));
}

TEST_F(PipelineDevelopmentTest, TheValueAPresetSetsIsNotTheUsers) {
  EXPECT_EQ(check(check_pipeline_development,
                  "presets:\n"
                  "  pipelines_development: true\n"
                  "resources:\n"
                  "  pipelines:\n"
                  "    p: {name: p}\n"
                  "targets:\n"
                  "  dev: {default: true, mode: development}\n"),
            Messages{});
}

}  // namespace
}  // namespace bundlectl::validate
