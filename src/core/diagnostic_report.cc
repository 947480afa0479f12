#include "bundlectl/core/diagnostic_report.h"

#include <algorithm>

namespace bundlectl::core {

namespace {

// Two findings are the same when everything a reader sees of them is.
std::string identity_of(const Diagnostic& d) {
  std::string key = severity_name(d.severity);
  for (const std::string* part : {&d.rule, &d.summary, &d.detail}) key += '\0' + *part;
  for (const Path& path : d.paths) key += '\0' + path.to_string();
  for (const SourceLocation& l : d.locations) {
    key += '\0' + l.file + ':' + std::to_string(l.line) + ':' + std::to_string(l.column);
  }
  return key;
}

}  // namespace

void DiagnosticReport::add(const std::string& target, const Diagnostics& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics) {
    auto [found, inserted] = m_index.emplace(identity_of(diagnostic), m_entries.size());
    if (inserted) m_entries.push_back({diagnostic, {}});
    std::vector<std::string>& targets = m_entries[found->second].targets;
    if (!target.empty() && std::find(targets.begin(), targets.end(), target) == targets.end()) {
      targets.push_back(target);
    }
  }
}

}  // namespace bundlectl::core
