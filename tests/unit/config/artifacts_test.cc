// prepare_artifacts: artifact paths, wheel defaults and files[].source globs as the Databricks
// CLI prepares them.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class ArtifactsTest : public StepTest {};

TEST_F(ArtifactsTest, PathIsAbsoluteAndAWheelGetsItsDefaults) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "presets: {artifacts_dynamic_version: true}\n"
              "artifacts:\n"
              "  wheel: {type: whl, build: uv build --wheel}\n"
              "  tool: {path: ./tool, build: make}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  const std::string root = m_dir.path().lexically_normal().generic_string();
  EXPECT_EQ(json_at(result, {"artifacts", "wheel"}),
            "{\"build\":\"uv build --wheel\",\"dynamic_version\":true,\"files\":[{\"source\":\"" +
                root + "/dist/*.whl\"}],\"path\":\"" + root + "\",\"type\":\"whl\"}");
  EXPECT_EQ(json_at(result, {"artifacts", "tool", "path"}), "\"" + root + "/tool\"");
}

TEST_F(ArtifactsTest, SourcesOfAnArtifactNotBuiltHereAreExpanded) {
  m_dir.write("a1.txt", "1");
  m_dir.write("a2.txt", "2");
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "artifacts:\n"
              "  files:\n"
              "    files:\n"
              "      - source: a*.txt\n"
              "  built:\n"
              "    build: make\n"
              "    files:\n"
              "      - source: out/*.txt\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  const std::string root = m_dir.path().lexically_normal().generic_string();
  EXPECT_EQ(json_at(result, {"artifacts", "files", "files"}),
            "[{\"source\":\"" + root + "/a1.txt\"},{\"source\":\"" + root + "/a2.txt\"}]");
  EXPECT_EQ(json_at(result, {"artifacts", "built", "files"}),
            "[{\"source\":\"" + root + "/out/*.txt\"}]");
}

TEST_F(ArtifactsTest, APatternMatchingNothingOrMalformedIsTheCliError) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "artifacts:\n"
              "  test:\n"
              "    files:\n"
              "      - source: a*.txt\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: databricks.yml:5:17: a*.txt: no matching files "
                                        "[artifacts.test.files[0].source]"}));
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "artifacts:\n"
              "  test:\n"
              "    files:\n"
              "      - source: \"a[.txt\"\n");
  result = load();
  EXPECT_EQ(messages(result), (Messages{"error: databricks.yml:5:17: a[.txt: syntax error in "
                                        "pattern [artifacts.test.files[0].source]"}));
  EXPECT_EQ(json_at(result, {"artifacts", "test"}), "{\"files\":[{\"source\":\"a[.txt\"}]}");
}

TEST_F(ArtifactsTest, AnArtifactWithoutADefinitionIsAnError) {
  m_dir.write("databricks.yml", "bundle: {name: b}\nartifacts:\n  empty:\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: databricks.yml:3:9: Artifact not properly "
                                        "configured (please specify artifact properties)"}));
}

}  // namespace
}  // namespace bundlectl::config
