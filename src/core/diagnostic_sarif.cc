// Findings as a SARIF 2.1.0 log, for code scanning (GitHub's upload-sarif and others).
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "bundlectl/core/diagnostic_report.h"
#include "bundlectl/util/sha256.h"
#include "bundlectl/util/strings.h"
#include "core/report_paths.h"
#include "core/utf16_columns.h"

namespace bundlectl::core {

namespace {

const char* level_of(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Recommendation: return "note";
  }
  return "error";
}

nlohmann::json physical_location(const SourceLocation& location, const ReportOptions& options,
                                 Utf16Columns& columns) {
  return {{"physicalLocation",
           {{"artifactLocation",
             {{"uri", util::percent_encode(report_file_name(location.file, options.base), "/")},
              {"uriBaseId", "%SRCROOT%"}}},
            {"region",
             {{"startLine", std::max<std::uint32_t>(location.line, 1)},
              {"startColumn",
               std::max<std::uint32_t>(
                   columns.column(location.file, location.line, location.column), 1)}}}}}};
}

// A rule's texts come from its first finding: the summary as the short description, with
// the detail (how to comply, when the check says) as the full description and the help.
nlohmann::json rule_of_finding(const std::string& rule, const Diagnostic& d) {
  const std::string full = d.detail.empty() ? d.summary : d.summary + ". " + d.detail;
  return {
      {"id", rule},
      {"name", rule},
      {"shortDescription", {{"text", d.summary}}},
      {"fullDescription", {{"text", full}}},
      {"help",
       {{"text", full + "\n\nbundlectl rule " + rule + "; docs/validate.md lists every rule."}}},
      {"defaultConfiguration", {{"level", level_of(d.severity)}}}};
}

// Stable across edits that move the finding to another line: the rule, the config path and
// the file, not the line.
nlohmann::json fingerprints_of(const Diagnostic& d, const std::string& rule,
                               const ReportOptions& options) {
  std::string file = reported_locations(d).empty()
                         ? ""
                         : report_file_name(reported_locations(d).front().file, options.base);
  return {{"bundlectl/v1",
           util::sha256_hex(rule + "\n" + first_path_of(d) + "\n" + file + "\n" + d.summary)}};
}

}  // namespace

void render_sarif(std::ostream& out, const DiagnosticReport& report, const ReportOptions& options) {
  std::map<std::string, std::size_t> rule_index;  // in order of first appearance below
  nlohmann::json rules = nlohmann::json::array();
  nlohmann::json results = nlohmann::json::array();
  Utf16Columns columns;
  const SourceLocation fallback{options.fallback_file.string(), 1, 1};
  for (const DiagnosticReport::Entry& entry : report.entries()) {
    const Diagnostic& d = entry.diagnostic;
    std::string rule = rule_of(d);
    auto [found, added] = rule_index.emplace(rule, rules.size());
    if (added) rules.push_back(rule_of_finding(rule, d));
    std::string text = d.summary;
    if (!d.detail.empty()) text += "\n\n" + d.detail;
    nlohmann::json result = {{"ruleId", rule},
                             {"ruleIndex", found->second},
                             {"level", level_of(d.severity)},
                             {"message", {{"text", text}}}};
    nlohmann::json locations = nlohmann::json::array();
    if (!reported_locations(d).empty()) {
      locations.push_back(physical_location(reported_locations(d).front(), options, columns));
    } else if (!options.fallback_file.empty()) {
      locations.push_back(physical_location(fallback, options, columns));
    }
    if (std::string path = first_path_of(d); !path.empty()) {
      if (locations.empty()) locations.push_back(nlohmann::json::object());
      locations[0]["logicalLocations"] = {{{"fullyQualifiedName", path}, {"kind", "member"}}};
    }
    result["locations"] = std::move(locations);
    if (reported_locations(d).size() > 1) {
      nlohmann::json related = nlohmann::json::array();
      for (std::size_t i = 1; i < reported_locations(d).size(); ++i) {
        nlohmann::json location = physical_location(reported_locations(d)[i], options, columns);
        location["id"] = i;
        location["message"] = {{"text", "also set here"}};
        related.push_back(std::move(location));
      }
      result["relatedLocations"] = std::move(related);
    }
    result["partialFingerprints"] = fingerprints_of(d, rule, options);
    result["properties"] = {{"targets", entry.targets}};
    results.push_back(std::move(result));
  }
  nlohmann::json driver = {{"name", "bundlectl"}, {"rules", std::move(rules)}};
  if (!options.tool_version.empty()) driver["version"] = options.tool_version;
  nlohmann::json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                        {"version", "2.1.0"},
                        {"runs",
                         {{{"tool", {{"driver", std::move(driver)}}},
                           {"columnKind", "utf16CodeUnits"},
                           {"results", std::move(results)}}}}};
  out << log.dump(2) << "\n";
}

}  // namespace bundlectl::core
