#include <gtest/gtest.h>

#include "bundlectl/render/mustache.h"
#include "bundlectl/render/template.h"

namespace bundlectl::render {
namespace {

using nlohmann::json;

Template two_file_template() {
  Template tmpl;
  tmpl.name = "t";
  tmpl.origin = "t";
  tmpl.manifest = parse_manifest(
      "parameters:\n"
      "  - name: name\n"
      "  - name: with_pipeline\n"
      "    type: boolean\n"
      "files:\n"
      "  \"<%name%>/pipeline.yml\": {when: {with_pipeline: \"true\"}}\n",
      "t/template.yml");
  tmpl.files = {{"<%name%>/databricks.yml", "bundle:\n  name: <% name %>\n"},
                {"<%name%>/pipeline.yml", "pipelines: {}\n"},
                {"<%name%>/logo.bin", std::string("\x89PNG\0<% name %>", 14)}};
  return tmpl;
}

std::string error_of(const Template& tmpl, const json& answers) {
  try {
    instantiate(tmpl, answers);
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TemplateInstantiateTest, RendersNamesAndContentsAndKeepsBinaryFilesAsTheyAre) {
  std::vector<TemplateFile> files =
      instantiate(two_file_template(), json{{"name", "sales"}, {"with_pipeline", true}});
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, "sales/databricks.yml");
  EXPECT_EQ(files[0].contents, "bundle:\n  name: sales\n");
  EXPECT_EQ(files[1].path, "sales/logo.bin");
  EXPECT_EQ(files[1].contents, std::string("\x89PNG\0<% name %>", 14));
  EXPECT_EQ(files[2].path, "sales/pipeline.yml");
}

TEST(TemplateInstantiateTest, ConditionalFileIsLeftOutWhenItsConditionFails) {
  std::vector<TemplateFile> files =
      instantiate(two_file_template(), json{{"name", "sales"}, {"with_pipeline", false}});
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[1].path, "sales/logo.bin");
}

TEST(TemplateInstantiateTest, AValueCannotLeaveTheOutputFolder) {
  EXPECT_EQ(error_of(two_file_template(), json{{"name", ".."}, {"with_pipeline", false}}),
            "t/files/<%name%>/databricks.yml: the name renders to \"..\", which is not a file "
            "or folder name");
  EXPECT_EQ(error_of(two_file_template(), json{{"name", "a/b"}, {"with_pipeline", false}}),
            "t/files/<%name%>/databricks.yml: the name renders to \"a/b\", which is not a file "
            "or folder name");
}

TEST(TemplateInstantiateTest, TwoFilesRenderingToOnePathIsAnError) {
  Template tmpl = two_file_template();
  tmpl.files.push_back({"sales/databricks.yml", "x"});
  EXPECT_EQ(error_of(tmpl, json{{"name", "sales"}, {"with_pipeline", false}}),
            "t: two files render to \"sales/databricks.yml\"");
}

TEST(TemplateInstantiateTest, ContentErrorsNameTheTemplateFile) {
  Template tmpl = two_file_template();
  tmpl.files[0].contents = "a: 1\nb: <% missing %>\n";
  EXPECT_EQ(error_of(tmpl, json{{"name", "sales"}, {"with_pipeline", false}}),
            "t/files/<%name%>/databricks.yml:2:4: no value for \"missing\"");
}

}  // namespace
}  // namespace bundlectl::render
