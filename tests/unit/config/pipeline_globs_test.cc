// expand_pipeline_globs: a library path with a wildcard becomes one library per match.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class PipelineGlobsTest : public StepTest {};

TEST_F(PipelineGlobsTest, EachMatchingFileBecomesALibraryInOrder) {
  m_dir.write("src/b.py", "print(1)\n");
  m_dir.write("src/a.py", "print(1)\n");
  m_dir.write("src/c.sql", "select 1\n");
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  pipelines:\n"
              "    p:\n"
              "      libraries:\n"
              "        - file: {path: ./src/*.py}\n"
              "        - notebook: {path: /Workspace/Shared/*}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  const std::string files = "/Workspace/Users/jane@example.com/.bundle/b/default/files";
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "libraries"}),
            "[{\"file\":{\"path\":\"" + files + "/src/a.py\"}},{\"file\":{\"path\":\"" + files +
                "/src/b.py\"}},{\"notebook\":{\"path\":\"/Workspace/Shared/*\"}}]");
}

TEST_F(PipelineGlobsTest, APatternMatchingNothingIsLeftForTranslationToReport) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  pipelines:\n"
              "    p:\n"
              "      libraries:\n"
              "        - file: {path: src/*.py}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: file src/*.py not found"}));
}

}  // namespace
}  // namespace bundlectl::config
