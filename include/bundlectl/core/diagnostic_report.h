// The findings of one command over one or more targets, rendered for machines: JSON, GitHub
// workflow commands and SARIF 2.1.0. (Text for people is diagnostic_text.h.)
//
// A finding that several targets share (a schema warning in a file every target includes)
// is one entry that lists those targets, so a pull request gets one annotation, not three.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "bundlectl/core/diagnostic.h"

namespace bundlectl::core {

class DiagnosticReport {
 public:
  struct Entry {
    Diagnostic diagnostic;
    std::vector<std::string> targets;  // in the order the targets were added
  };

  // Adds one target's findings; a finding equal to one already added gains the target.
  // Findings made before any target was chosen are added with target "".
  void add(const std::string& target, const Diagnostics& diagnostics);

  const std::vector<Entry>& entries() const { return m_entries; }

 private:
  std::vector<Entry> m_entries;
  std::unordered_map<std::string, std::size_t> m_index;  // identity → position in m_entries
};

// File names in every format are relative to `base` (the repository's top level, so that
// code hosts can place them), with '/' separators.
struct ReportOptions {
  std::filesystem::path base;
  std::string tool_version;  // for SARIF's driver
  // Where a finding without a location is placed in SARIF, which code scanning requires of
  // every result: the bundle's root file (line 1).
  std::filesystem::path fallback_file;
};

// [{"severity", "summary", "detail", "path", "file", "line", "column", "rule", "targets",
//   "locations": [...]}, ...]
void render_json(std::ostream& out, const DiagnosticReport& report, const ReportOptions& options);

// One `::error file=...,line=...,col=...,title=...::message` line per finding.
void render_github(std::ostream& out, const DiagnosticReport& report, const ReportOptions& options);

// A SARIF 2.1.0 log with one run of bundlectl: a rule per rule id, a result per finding.
void render_sarif(std::ostream& out, const DiagnosticReport& report, const ReportOptions& options);

// The rule id a format shows for a finding that has none: a finding of the loader.
inline constexpr const char* k_load_rule = "load";

}  // namespace bundlectl::core
