// `validate --format sarif` as GitHub code scanning takes it: checked against the
// requirements written down in tests/support/schemas/sarif-code-scanning.schema.json, and
// columns counted in UTF-16 code units (as `--format github` counts them too).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "support/source_tree.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

std::vector<std::string> schema_violations(const json& document) {
  std::ifstream in(source_dir() / "tests/support/schemas/sarif-code-scanning.schema.json");
  json schema_json = json::parse(in);
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  validator.validate(schema, target, &results);
  std::vector<std::string> out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const std::string& step : error.context) where += step;
    out.push_back(where + ": " + error.description);
  }
  return out;
}

class SarifOutputTest : public ::testing::Test {
 protected:
  ProcessResult validate(const std::string& format) {
    ProcessOptions options = isolated_environment(m_dir.path().string());
    options.cwd = m_dir.path().string();
    return run_bundlectl({"validate", "--format", format, "--user", "jane@example.com"}, options);
  }
  TempDir m_dir;
};

// "naïve ✓" is 9 bytes, 7 characters and 7 UTF-16 code units; "😀" is 1 character and 2
// units, so the finding after it is right of its character column.
constexpr const char* k_bundle =
    "bundle: {name: b}\n"
    "resources: {jobs: {j: {name: \"naïve ✓ 😀\", max_concurrent_runs: \"many\"}}}\n";

TEST_F(SarifOutputTest, MeetsWhatCodeScanningRequires) {
  m_dir.write("databricks.yml", k_bundle);
  ProcessResult result = validate("sarif");
  // "many" in an integer field is dropped with a warning while loading, as the Databricks CLI
  // drops it: a finding, not a failure.
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json log = json::parse(result.out);
  EXPECT_EQ(schema_violations(log), std::vector<std::string>{}) << log.dump(2);
  const json& finding = log["runs"][0]["results"][0];
  EXPECT_EQ(finding["ruleId"], "schema.type");
  EXPECT_EQ(finding["locations"][0]["physicalLocation"]["region"],
            json::parse(R"({"startLine": 2, "startColumn": 65})"));
}

TEST_F(SarifOutputTest, AFindingWithoutALocationIsPlacedOnTheRootFile) {
  m_dir.write("databricks.yml", "bundle: {name: b}\nvariables: {v: {description: needed}}\n");
  ProcessResult result = validate("sarif");
  ASSERT_EQ(result.exit_code, 1) << result.err;
  json log = json::parse(result.out);
  EXPECT_EQ(schema_violations(log), std::vector<std::string>{}) << log.dump(2);
}

// The Databricks CLI prints a missing reference without a location, and so does the text
// output; annotations still point at the string that holds it.
TEST_F(SarifOutputTest, AFindingTheCliPrintsWithoutALocationIsStillAnnotatedAtItsLine) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nresources:\n  jobs:\n    j:\n      name: ${var.nope}\n");
  ProcessResult text = validate("text");
  EXPECT_EQ(text.err.find("databricks.yml:5"), std::string::npos) << text.err;
  ProcessResult github = validate("github");
  EXPECT_NE(github.out.find("::error file=databricks.yml,line=5,col=13,"), std::string::npos)
      << github.out;
  json log = json::parse(validate("sarif").out);
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"],
            json::parse(R"({"startLine": 5, "startColumn": 13})"));
}

TEST_F(SarifOutputTest, FingerprintsStayWhenTheFindingMovesToAnotherLine) {
  m_dir.write("databricks.yml", k_bundle);
  json before = json::parse(validate("sarif").out);
  m_dir.write("databricks.yml", std::string("# a comment moves everything down\n") + k_bundle);
  json after = json::parse(validate("sarif").out);
  EXPECT_EQ(before["runs"][0]["results"][0]["partialFingerprints"],
            after["runs"][0]["results"][0]["partialFingerprints"]);
}

TEST_F(SarifOutputTest, GithubAnnotationsCountColumnsInUtf16CodeUnits) {
  m_dir.write("databricks.yml", k_bundle);
  ProcessResult result = validate("github");
  EXPECT_NE(result.out.find("file=databricks.yml,line=2,col=65,"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace bundlectl::testing
