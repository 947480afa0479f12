#include "bundlectl/core/diagnostic.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>
#include <utility>

#include "bundlectl/core/value.h"

namespace bundlectl::core {

const std::vector<SourceLocation>& reported_locations(const Diagnostic& diagnostic) {
  return diagnostic.locations.empty() ? diagnostic.unprinted_locations : diagnostic.locations;
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Recommendation: return "recommendation";
  }
  return "error";
}

namespace {

SourceLocation first_location(const Diagnostic& d) {
  return d.locations.empty() ? SourceLocation{} : d.locations.front();
}

std::string first_path(const Diagnostic& d) {
  return d.paths.empty() ? std::string() : d.paths.front().to_string();
}

bool same(const Diagnostic& a, const Diagnostic& b) {
  return a.severity == b.severity && a.summary == b.summary && a.detail == b.detail &&
         a.locations == b.locations && first_path(a) == first_path(b) && a.rule == b.rule;
}

}  // namespace

bool operator<(const Diagnostic& a, const Diagnostic& b) {
  return std::make_tuple(a.severity, first_location(a), a.summary, first_path(a), a.detail) <
         std::make_tuple(b.severity, first_location(b), b.summary, first_path(b), b.detail);
}

std::vector<SourceLocation> locations_of(const Value& value, const SourceFiles& files) {
  std::vector<SourceLocation> out;
  if (value.location().known()) out.push_back(files.describe(value.location()));
  const auto& previous = value.previous_locations();
  for (auto it = previous.rbegin(); it != previous.rend(); ++it) {
    if (it->known()) out.push_back(files.describe(*it));
  }
  return out;
}

void Diagnostics::error(std::string summary, std::vector<SourceLocation> locations,
                        std::vector<Path> paths, std::string detail) {
  add(Diagnostic{Severity::Error,
                 std::move(summary),
                 std::move(detail),
                 std::move(locations),
                 std::move(paths),
                 {}});
}

void Diagnostics::warning(std::string summary, std::vector<SourceLocation> locations,
                          std::vector<Path> paths, std::string detail) {
  add(Diagnostic{Severity::Warning,
                 std::move(summary),
                 std::move(detail),
                 std::move(locations),
                 std::move(paths),
                 {}});
}

void Diagnostics::append(const Diagnostics& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const { return count(Severity::Error) > 0; }

std::size_t Diagnostics::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(
      m_items.begin(), m_items.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

namespace {

std::string location_text(const Diagnostic& d) {
  std::string text;
  for (const SourceLocation& l : d.locations) {
    text += l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column) + " ";
  }
  return text;
}

// What a finding is ordered by: its own location, or the first location of its sort group.
struct SortKey {
  Severity severity;
  SourceLocation anchor;
  std::string group;
  std::string summary;
  std::string locations;  // only within a sort group
  std::string path;
  std::string detail;

  bool operator<(const SortKey& o) const {
    return std::tie(severity, anchor, group, summary, locations, path, detail) <
           std::tie(o.severity, o.anchor, o.group, o.summary, o.locations, o.path, o.detail);
  }
};

}  // namespace

void Diagnostics::sort() {
  std::map<std::pair<Severity, std::string>, SourceLocation> anchors;
  for (const Diagnostic& d : m_items) {
    if (d.sort_group.empty()) continue;
    auto [it, added] = anchors.emplace(std::make_pair(d.severity, d.sort_group), first_location(d));
    if (!added && first_location(d) < it->second) it->second = first_location(d);
  }
  std::vector<std::pair<SortKey, Diagnostic>> keyed;
  keyed.reserve(m_items.size());
  for (Diagnostic& d : m_items) {
    const bool grouped = !d.sort_group.empty();
    SortKey key{d.severity,
                grouped ? anchors[{d.severity, d.sort_group}] : first_location(d),
                d.sort_group,
                d.summary,
                grouped ? location_text(d) : std::string(),
                first_path(d),
                d.detail};
    keyed.emplace_back(std::move(key), std::move(d));
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  m_items.clear();
  for (auto& entry : keyed) m_items.push_back(std::move(entry.second));
  m_items.erase(std::unique(m_items.begin(), m_items.end(), same), m_items.end());
}

void Diagnostics::sort_then_append(Diagnostics later_phase) {
  sort();
  later_phase.sort();
  m_items.insert(m_items.end(), std::make_move_iterator(later_phase.m_items.begin()),
                 std::make_move_iterator(later_phase.m_items.end()));
}

}  // namespace bundlectl::core
