// to_yaml: render -o yaml reads back as the same data.
#include "render/yaml_output.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace bundlectl::render {
namespace {

using nlohmann::json;

TEST(YamlOutputTest, StringsThatYamlWouldReadAsOtherKindsAreQuoted) {
  json document = json::parse(R"({"a": "true", "b": "1.5", "c": "", "d": "null", "e": "No",
      "f": "plain text", "g": true, "h": 3, "i": null, "j": [], "k": {}, "l": ["x", 2]})");
  EXPECT_EQ(to_yaml(document),
            "a: \"true\"\n"
            "b: \"1.5\"\n"
            "c: \"\"\n"
            "d: \"null\"\n"
            "e: \"No\"\n"
            "f: plain text\n"
            "g: true\n"
            "h: 3\n"
            "i: null\n"
            "j: []\n"
            "k: {}\n"
            "l:\n"
            "  - x\n"
            "  - 2\n");
}

TEST(YamlOutputTest, FloatsAreTheShortestTextThatReadsBackAsTheSameNumber) {
  json document = {{"tenth", 0.1}, {"sum", 0.1 + 0.2}, {"tiny", 1.25e-7}, {"price", 0.5}};
  const std::string text = to_yaml(document);
  EXPECT_EQ(text,
            "price: 0.5\n"
            "sum: 0.30000000000000004\n"
            "tenth: 0.1\n"
            "tiny: 1.25e-07\n");
  YAML::Node back = YAML::Load(text);
  for (const char* key : {"tenth", "sum", "tiny", "price"}) {
    EXPECT_EQ(back[key].as<double>(), document[key].get<double>()) << key;
  }
}

TEST(YamlOutputTest, ReferencesAndTemplatesSurviveAReadBack) {
  json document = {{"id", "${resources.pipelines.etl.id}"},
                   {"date", "{{job.start_time.iso_date}}"},
                   {"cron", "0 0 2 * * ?"},
                   {"colon", "a: b # c"}};
  YAML::Node back = YAML::Load(to_yaml(document));
  EXPECT_EQ(back["id"].as<std::string>(), "${resources.pipelines.etl.id}");
  EXPECT_EQ(back["date"].as<std::string>(), "{{job.start_time.iso_date}}");
  EXPECT_EQ(back["cron"].as<std::string>(), "0 0 2 * * ?");
  EXPECT_EQ(back["colon"].as<std::string>(), "a: b # c");
}

}  // namespace
}  // namespace bundlectl::render
