#include "bundlectl/core/diagnostic_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace bundlectl::core {
namespace {

Diagnostic override_warning() {
  Diagnostic d;
  d.severity = Severity::Warning;
  d.summary = "unknown field: notebok_path, did you mean notebook_path?";
  d.locations = {{"/repo/bundle/resources/etl.yml", 12, 9}, {"/repo/bundle/databricks.yml", 3, 5}};
  d.paths = {Path::parse("resources.jobs.etl.tasks[0].notebook_task.notebok_path")};
  d.rule = "schema.unknown-field";
  return d;
}

Diagnostic load_error() {
  Diagnostic d;
  d.severity = Severity::Error;
  d.summary = "reference does not exist: ${var.nope}";
  d.detail = "line one\nline: two, with 100%";
  d.locations = {{"/repo/bundle/databricks.yml", 7, 11}};
  d.paths = {Path::parse("bundle.name")};
  return d;
}

ReportOptions options() { return {"/repo", "1.2.3", "/repo/bundle/databricks.yml"}; }

TEST(DiagnosticReportTest, AFindingSharedByTargetsIsOneEntryListingThem) {
  Diagnostics dev, prod;
  dev.add(override_warning());
  prod.add(override_warning());
  prod.add(load_error());
  DiagnosticReport report;
  report.add("dev", dev);
  report.add("prod", prod);
  report.add("prod", prod);
  ASSERT_EQ(report.entries().size(), 2u);
  EXPECT_EQ(report.entries()[0].targets, (std::vector<std::string>{"dev", "prod"}));
  EXPECT_EQ(report.entries()[1].targets, (std::vector<std::string>{"prod"}));
}

TEST(DiagnosticReportTest, GithubCommandsEscapeMessagesAndProperties) {
  Diagnostics found;
  found.add(override_warning());
  found.add(load_error());
  DiagnosticReport report;
  report.add("prod", found);
  std::ostringstream out;
  render_github(out, report, options());
  EXPECT_EQ(out.str(),
            "::warning file=bundle/resources/etl.yml,line=12,col=9,title=bundlectl "
            "schema.unknown-field (prod)::unknown field: notebok_path, did you mean "
            "notebook_path?%0A  at resources.jobs.etl.tasks[0].notebook_task.notebok_path%0A  "
            "also set in bundle/databricks.yml:3:5\n"
            "::error file=bundle/databricks.yml,line=7,col=11,title=bundlectl load "
            "(prod)::reference does not exist: ${var.nope}%0A  at bundle.name%0A%0Aline "
            "one%0Aline: two, with 100%25\n");
}

TEST(DiagnosticReportTest, GithubCommandWithoutLocationHasOnlyATitle) {
  Diagnostics found;
  found.error("no bundle root file found");
  DiagnosticReport report;
  report.add("", found);
  std::ostringstream out;
  render_github(out, report, options());
  EXPECT_EQ(out.str(), "::error title=bundlectl load::no bundle root file found\n");
}

TEST(DiagnosticReportTest, JsonListsEveryFieldWithFilesRelativeToTheBase) {
  Diagnostics found;
  found.add(override_warning());
  DiagnosticReport report;
  report.add("dev", found);
  std::ostringstream out;
  render_json(out, report, options());
  nlohmann::json expected = nlohmann::json::parse(R"([{
    "severity": "warning",
    "summary": "unknown field: notebok_path, did you mean notebook_path?",
    "detail": "",
    "rule": "schema.unknown-field",
    "path": "resources.jobs.etl.tasks[0].notebook_task.notebok_path",
    "paths": ["resources.jobs.etl.tasks[0].notebook_task.notebok_path"],
    "file": "bundle/resources/etl.yml", "line": 12, "column": 9,
    "locations": [{"file": "bundle/resources/etl.yml", "line": 12, "column": 9},
                  {"file": "bundle/databricks.yml", "line": 3, "column": 5}],
    "targets": ["dev"]}])");
  EXPECT_EQ(nlohmann::json::parse(out.str()), expected);
}

TEST(DiagnosticReportTest, SarifHasOneRulePerIdAndRelativeUris) {
  Diagnostics found;
  found.add(override_warning());
  found.add(load_error());
  Diagnostic spaced = load_error();
  spaced.locations = {{"/repo/my bundle/databricks.yml", 1, 1}};
  found.add(spaced);
  DiagnosticReport report;
  report.add("prod", found);
  std::ostringstream out;
  render_sarif(out, report, options());
  nlohmann::json log = nlohmann::json::parse(out.str());
  EXPECT_EQ(log["version"], "2.1.0");
  const nlohmann::json& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "bundlectl");
  EXPECT_EQ(run["tool"]["driver"]["version"], "1.2.3");
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 2u);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "schema.unknown-field");
  EXPECT_EQ(run["tool"]["driver"]["rules"][1]["id"], "load");
  ASSERT_EQ(run["results"].size(), 3u);
  const nlohmann::json& first = run["results"][0];
  EXPECT_EQ(first["level"], "warning");
  EXPECT_EQ(first["ruleIndex"], 0);
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "bundle/resources/etl.yml");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"],
            nlohmann::json::parse(R"({"startLine": 12, "startColumn": 9})"));
  EXPECT_EQ(first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "resources.jobs.etl.tasks[0].notebook_task.notebok_path");
  EXPECT_EQ(first["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "bundle/databricks.yml");
  EXPECT_EQ(first["properties"]["targets"], nlohmann::json::array({"prod"}));
  EXPECT_EQ(run["results"][1]["message"]["text"],
            "reference does not exist: ${var.nope}\n\nline one\nline: two, with 100%");
  EXPECT_EQ(run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "my%20bundle/databricks.yml");
}

}  // namespace
}  // namespace bundlectl::core
