// Unit tests of check_continuous_retry (check_continuous_retry.cc), check_immutable_folder
// (check_immutable_folder.cc) and check_single_node (check_single_node.cc) on small bundles written
// to a temp folder and loaded for real; only the finding of the check under test is compared.
#include <gtest/gtest.h>

#include "bundlectl/config/load.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

class PipelineDevelopmentTest : public ::testing::Test {
 protected:
  Messages check(CheckFunction run, const std::string& yaml) {
    m_dir.write("databricks.yml", "bundle: {name: b}\n" + yaml);
    config::LoadOptions options;
    options.chdir = m_dir.path();
    options.user = "jane@example.com";
    options.environment = [](const std::string&) { return std::optional<std::string>(); };
    config::LoadResult loaded = config::load_bundle(options);
    EXPECT_TRUE(loaded.complete);
    Options validate_options;
    CheckContext context{loaded.bundle, validate_options};
    core::Diagnostics found;
    run(context, found);
    found.sort();
    Messages out;
    for (const core::Diagnostic& d : found) {
      std::string text = std::string(core::severity_name(d.severity)) + ":";
      for (const core::SourceLocation& l : d.locations) {
        text += " " + loaded.bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
                std::to_string(l.column);
      }
      text += ": " + d.summary;
      for (const core::Path& path : d.paths) text += " [" + path.to_string() + "]";
      out.push_back(text + " (" + d.rule + ")");
    }
    return out;
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
