// Findings as a JSON list, for scripts and dashboards.
#include <nlohmann/json.hpp>

#include "bundlectl/core/diagnostic_report.h"
#include "core/report_paths.h"

namespace bundlectl::core {

namespace {

nlohmann::json location_json(const SourceLocation& location, const std::filesystem::path& base) {
  return {{"file", report_file_name(location.file, base)},
          {"line", location.line},
          {"column", location.column}};
}

}  // namespace

void render_json(std::ostream& out, const DiagnosticReport& report, const ReportOptions& options) {
  nlohmann::json list = nlohmann::json::array();
  for (const DiagnosticReport::Entry& entry : report.entries()) {
    const Diagnostic& d = entry.diagnostic;
    nlohmann::json item = {{"severity", severity_name(d.severity)},
                           {"summary", d.summary},
                           {"detail", d.detail},
                           {"rule", rule_of(d)},
                           {"path", first_path_of(d)},
                           {"targets", entry.targets}};
    // The first location is where the finding is; the others are the older lines that the
    // value replaced (a target override and the root value it overrides).
    if (!reported_locations(d).empty()) {
      nlohmann::json first = location_json(reported_locations(d).front(), options.base);
      item["file"] = first["file"];
      item["line"] = first["line"];
      item["column"] = first["column"];
    } else {
      item["file"] = nullptr;
      item["line"] = nullptr;
      item["column"] = nullptr;
    }
    nlohmann::json locations = nlohmann::json::array();
    for (const SourceLocation& location : reported_locations(d)) {
      locations.push_back(location_json(location, options.base));
    }
    item["locations"] = std::move(locations);
    nlohmann::json paths = nlohmann::json::array();
    for (const Path& path : d.paths) paths.push_back(path.to_string());
    item["paths"] = std::move(paths);
    list.push_back(std::move(item));
  }
  out << list.dump(2) << "\n";
}

}  // namespace bundlectl::core
