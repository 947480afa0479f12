// Every finding of every phase is a Diagnostic. Phases collect them; one place renders them.
#pragma once

#include <string>
#include <vector>

#include "bundlectl/core/location.h"
#include "bundlectl/core/path.h"

namespace bundlectl::core {

class Value;

enum class Severity { Error, Warning, Recommendation };

const char* severity_name(Severity severity);  // "error", "warning", "recommendation"

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string summary;
  std::string detail;
  std::vector<SourceLocation> locations;  // the line that set the value first, then older ones
  std::vector<Path> paths;
  std::string rule;  // a stable id for checks and policies that have one
  // Where a finding lies that the Databricks CLI prints without a location (a reference that
  // does not exist, a required variable without a value): the text output leaves it out, to
  // read as the CLI's; the machine-readable formats (json, github, sarif) use it when
  // `locations` is empty, so that annotations and code scanning still point at the line.
  std::vector<SourceLocation> unprinted_locations = {};
  // Findings of one group (a check the Databricks CLI sorts on its own: required fields,
  // invalid identifiers) are printed together where the first of them lies, ordered by
  // summary and then by the text of their locations, as the CLI orders them. Empty: none.
  std::string sort_group = {};

  friend bool operator<(const Diagnostic& a, const Diagnostic& b);
};

// The locations the machine-readable formats report: `locations`, else `unprinted_locations`.
const std::vector<SourceLocation>& reported_locations(const Diagnostic& diagnostic);

// Where a value was set, newest first: its own location, then the ones it replaced.
std::vector<SourceLocation> locations_of(const Value& value, const SourceFiles& files);

class Diagnostics {
 public:
  void add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }
  void error(std::string summary, std::vector<SourceLocation> locations = {},
             std::vector<Path> paths = {}, std::string detail = {});
  void warning(std::string summary, std::vector<SourceLocation> locations = {},
               std::vector<Path> paths = {}, std::string detail = {});
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t count(Severity severity) const;
  bool empty() const { return m_items.empty(); }
  std::size_t size() const { return m_items.size(); }
  const std::vector<Diagnostic>& items() const { return m_items; }
  std::vector<Diagnostic>::const_iterator begin() const { return m_items.begin(); }
  std::vector<Diagnostic>::const_iterator end() const { return m_items.end(); }

  // Orders by severity, then location, then summary (a sort group by its first location, then
  // summary and location text), and drops exact duplicates, so that output does not depend on
  // the order in which steps or threads found things.
  void sort();

  // Sorts these findings, then appends those of a later phase, sorted on their own. The
  // Databricks CLI prints a finding when its phase reports it, so what loading found comes
  // before what the checks of the validate phase found, whatever their severities.
  void sort_then_append(Diagnostics later_phase);

 private:
  std::vector<Diagnostic> m_items;
};

}  // namespace bundlectl::core
