#include <gtest/gtest.h>

#include "bundlectl/render/mustache.h"
#include "bundlectl/render/template.h"

namespace bundlectl::render {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_manifest(text, "t/template.yml");
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TemplateManifestTest, ReadsParametersInOrderWithTheirRules) {
  TemplateManifest manifest = parse_manifest(
      "description: d\n"
      "parameters:\n"
      "  - name: project_name\n"
      "    description: Name\n"
      "    default: demo\n"
      "    pattern: \"^[a-z]+$\"\n"
      "    pattern_message: lower-case letters only\n"
      "  - name: with_pipeline\n"
      "    type: boolean\n"
      "    default: \"yes\"\n"
      "  - name: catalog\n"
      "    allowed: [main, dev]\n"
      "    when: {with_pipeline: \"true\"}\n"
      "files:\n"
      "  \"a/pipeline.yml\": {when: {with_pipeline: \"true\"}}\n"
      "success_message: done\n",
      "t/template.yml");
  EXPECT_EQ(manifest.description, "d");
  ASSERT_EQ(manifest.parameters.size(), 3u);
  EXPECT_EQ(manifest.parameters[0].name, "project_name");
  EXPECT_EQ(manifest.parameters[0].default_value, "demo");
  EXPECT_EQ(manifest.parameters[0].pattern_message, "lower-case letters only");
  EXPECT_EQ(manifest.parameters[1].type, ParameterType::Boolean);
  EXPECT_EQ(manifest.parameters[2].allowed, (std::vector<std::string>{"main", "dev"}));
  EXPECT_EQ(manifest.parameters[2].when, (Condition{{"with_pipeline", "true"}}));
  ASSERT_EQ(manifest.conditional_files.size(), 1u);
  EXPECT_EQ(manifest.conditional_files[0].path, "a/pipeline.yml");
  EXPECT_EQ(manifest.success_message, "done");
}

TEST(TemplateManifestTest, UnknownFieldIsLocatedWithASuggestion) {
  EXPECT_EQ(error_of("parameters:\n  - name: a\n    dfault: x\n"),
            "t/template.yml:3:5: unknown field \"dfault\" in a parameter, did you mean "
            "\"default\"?");
}

TEST(TemplateManifestTest, ConditionMayOnlyReadAnEarlierParameter) {
  EXPECT_EQ(error_of("parameters:\n"
                     "  - name: a\n"
                     "    when: {b: \"x\"}\n"
                     "  - name: b\n"),
            "t/template.yml:3:11: when refers to \"b\", which is not a parameter defined "
            "before this one");
}

TEST(TemplateManifestTest, ParameterDefinedTwiceIsAnError) {
  EXPECT_EQ(error_of("parameters:\n  - name: a\n  - name: a\n"),
            "t/template.yml:3:11: parameter \"a\" is defined twice");
}

TEST(TemplateManifestTest, InvalidPatternIsAnError) {
  EXPECT_EQ(error_of("parameters:\n  - name: a\n    pattern: \"([a-z\"\n")
                .rfind("t/template.yml:3:14: invalid pattern: ", 0),
            0u);
}

TEST(TemplateManifestTest, UnknownTypeIsAnError) {
  EXPECT_EQ(error_of("parameters:\n  - name: a\n    type: bool\n"),
            "t/template.yml:3:11: unknown type \"bool\" (string, boolean or integer)");
}

TEST(TemplateManifestTest, BrokenYamlIsLocated) {
  EXPECT_EQ(error_of("parameters: [\n"), "t/template.yml:2:1: end of sequence flow not found");
}

}  // namespace
}  // namespace bundlectl::render
