#include <gtest/gtest.h>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/render/mustache.h"
#include "bundlectl/render/template.h"

namespace bundlectl::render {
namespace {

using nlohmann::json;

Template sample_template() {
  Template tmpl;
  tmpl.name = "sample";
  tmpl.origin = "sample";
  tmpl.manifest = parse_manifest(
      "parameters:\n"
      "  - name: project_name\n"
      "    description: Name of the bundle\n"
      "    pattern: \"^[a-z_]+$\"\n"
      "    pattern_message: lower-case letters and underscores only\n"
      "  - name: with_pipeline\n"
      "    type: boolean\n"
      "    default: \"yes\"\n"
      "  - name: catalog\n"
      "    default: <% project_name %>_catalog\n"
      "    when: {with_pipeline: \"true\"}\n"
      "  - name: workers\n"
      "    type: integer\n"
      "    default: \"2\"\n"
      "  - name: cloud\n"
      "    allowed: [aws, azure, gcp]\n"
      "    default: aws\n",
      "sample/template.yml");
  return tmpl;
}

std::string error_of(const AnswerSources& sources) {
  try {
    resolve_answers(sample_template(), sources);
  } catch (const core::UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TemplateAnswersTest, SetWinsOverConfigFileAndDefaultsFillTheRestTyped) {
  AnswerSources sources;
  sources.set = {{"project_name", "sales"}};
  sources.config_file = {{"project_name", "ignored"}, {"workers", 4}};
  json answers = resolve_answers(sample_template(), sources);
  EXPECT_EQ(answers, (json{{"project_name", "sales"},
                           {"with_pipeline", true},
                           {"catalog", "sales_catalog"},
                           {"workers", 4},
                           {"cloud", "aws"}}));
}

TEST(TemplateAnswersTest, EveryMissingOrInvalidValueIsNamedAtOnce) {
  AnswerSources sources;
  sources.set = {{"workers", "many"}, {"cloud", "ibm"}};
  EXPECT_EQ(error_of(sources),
            "template \"sample\":\n"
            "  missing value for \"project_name\" (Name of the bundle): pass --set "
            "project_name=VALUE or put it in --config-file\n"
            "  --set workers=many: must be an integer\n"
            "  --set cloud=ibm: must be one of aws, azure, gcp");
}

TEST(TemplateAnswersTest, PatternMessageExplainsARejectedValue) {
  AnswerSources sources;
  sources.set = {{"project_name", "Sales-2"}};
  EXPECT_EQ(error_of(sources),
            "template \"sample\":\n"
            "  --set project_name=Sales-2: lower-case letters and underscores only");
}

TEST(TemplateAnswersTest, UnknownNamesAreRefusedWithASuggestion) {
  AnswerSources sources;
  sources.set = {{"project_name", "a"}};
  sources.config_file = {{"worker", 3}};
  EXPECT_EQ(error_of(sources),
            "template \"sample\":\n"
            "  --config-file sets \"worker\", which template \"sample\" does not have, did you "
            "mean \"workers\"?");
}

TEST(TemplateAnswersTest, ParameterWhoseConditionFailsIsNotAskedAndTakesItsDefault) {
  std::vector<std::string> asked;
  AnswerSources sources;
  sources.ask = [&](const TemplateParameter& parameter, const std::string&, const std::string&) {
    asked.push_back(parameter.name);
    return parameter.name == "project_name" ? "a" : parameter.name == "with_pipeline" ? "no" : "";
  };
  json answers = resolve_answers(sample_template(), sources);
  EXPECT_EQ(asked, (std::vector<std::string>{"project_name", "with_pipeline", "workers", "cloud"}));
  EXPECT_EQ(answers["with_pipeline"], false);
  EXPECT_EQ(answers["catalog"], "a_catalog");
}

TEST(TemplateAnswersTest, TerminalAnswerIsAskedAgainWithTheReasonUntilValid) {
  std::vector<std::string> reasons;
  AnswerSources sources;
  sources.set = {{"project_name", "a"}, {"with_pipeline", "no"}, {"cloud", "aws"}};
  int attempts = 0;
  sources.ask = [&](const TemplateParameter&, const std::string& default_value,
                    const std::string& error) {
    EXPECT_EQ(default_value, "2");
    reasons.push_back(error);
    return ++attempts == 1 ? std::string("x") : std::string("");
  };
  json answers = resolve_answers(sample_template(), sources);
  EXPECT_EQ(answers["workers"], 2);
  EXPECT_EQ(reasons, (std::vector<std::string>{"", "\"x\" must be an integer"}));
}

}  // namespace
}  // namespace bundlectl::render
