// Findings as GitHub Actions workflow commands: GitHub shows each one on its pull-request
// line. https://docs.github.com/actions/reference/workflow-commands-for-github-actions
#include <sstream>

#include "bundlectl/core/diagnostic_report.h"
#include "bundlectl/core/workflow_commands.h"
#include "core/report_paths.h"
#include "core/utf16_columns.h"

namespace bundlectl::core {

namespace {

const char* command_of(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Recommendation: return "notice";
  }
  return "error";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string message_of(const DiagnosticReport::Entry& entry, const ReportOptions& options) {
  const Diagnostic& d = entry.diagnostic;
  std::ostringstream message;
  message << d.summary;
  if (std::string path = first_path_of(d); !path.empty()) message << "\n  at " << path;
  for (std::size_t i = 1; i < reported_locations(d).size(); ++i) {
    message << "\n  also set in " << report_file_name(reported_locations(d)[i].file, options.base)
            << ":" << reported_locations(d)[i].line << ":" << reported_locations(d)[i].column;
  }
  if (!d.detail.empty()) message << "\n\n" << d.detail;
  return message.str();
}

}  // namespace

void render_github(std::ostream& out, const DiagnosticReport& report,
                   const ReportOptions& options) {
  Utf16Columns columns;  // GitHub counts columns in UTF-16 code units
  for (const DiagnosticReport::Entry& entry : report.entries()) {
    const Diagnostic& d = entry.diagnostic;
    std::vector<std::string> properties;
    if (!reported_locations(d).empty()) {
      const SourceLocation& at = reported_locations(d).front();
      properties.push_back("file=" +
                           escape_workflow_property(report_file_name(at.file, options.base)));
      properties.push_back("line=" + std::to_string(at.line));
      properties.push_back("col=" + std::to_string(columns.column(at.file, at.line, at.column)));
    }
    std::string title = "bundlectl " + rule_of(d);
    if (!entry.targets.empty()) title += " (" + join(entry.targets) + ")";
    properties.push_back("title=" + escape_workflow_property(title));
    out << "::" << command_of(d.severity) << " ";
    for (std::size_t i = 0; i < properties.size(); ++i) out << (i ? "," : "") << properties[i];
    out << "::" << escape_workflow_data(message_of(entry, options)) << "\n";
  }
}

}  // namespace bundlectl::core
