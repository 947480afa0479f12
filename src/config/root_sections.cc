// The top-level sections of the bundle format, and the step that drops anything else.
#include <algorithm>
#include <tuple>

#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

const std::vector<std::string>& root_sections() {
  static const std::vector<std::string> sections = {
      "bundle",       "workspace", "variables",   "artifacts", "include",
      "resources",    "sync",      "permissions", "presets",   "run_as",
      "experimental", "scripts",   "python",      "targets",   "environments"};
  return sections;
}

bool is_root_section(const std::string& key) {
  const auto& sections = root_sections();
  return std::find(sections.begin(), sections.end(), key) != sections.end();
}

namespace {

bool location_less(const core::Location& a, const core::Location& b) {
  return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
}

// A value written only to hold YAML anchors for use elsewhere: itself anchored, or a map or
// list whose every element is such a holder. The Databricks CLI drops these silently.
bool holds_only_anchors(const core::Value& value, const std::vector<core::Location>& anchored) {
  if (std::binary_search(anchored.begin(), anchored.end(), value.location(), location_less)) {
    return true;
  }
  if (value.is_mapping() && !value.entries().empty()) {
    return std::all_of(
        value.entries().begin(), value.entries().end(),
        [&](const core::MapEntry& e) { return holds_only_anchors(e.value, anchored); });
  }
  if (value.is_sequence() && !value.items().empty()) {
    return std::all_of(value.items().begin(), value.items().end(),
                       [&](const core::Value& v) { return holds_only_anchors(v, anchored); });
  }
  return false;
}

}  // namespace

void drop_unknown_sections(Bundle& bundle, core::Diagnostics& diagnostics) {
  std::vector<core::Location> anchored = bundle.anchored;
  std::sort(anchored.begin(), anchored.end(), location_less);
  // One pass, however many sections a hostile file invents.
  bundle.config.erase_if([&](const core::MapEntry& entry) {
    if (is_root_section(entry.key)) return false;
    // `definitions` is the conventional home of anchors, which the CLI's schema allows.
    if (entry.key == "definitions" || holds_only_anchors(entry.value, anchored)) return true;
    // As the CLI, the path of an unknown field is that of the map holding it: here the root,
    // which it does not print.
    diagnostics.warning(
        "unknown field: " + entry.key + util::did_you_mean(entry.key, root_sections()),
        {bundle.files.describe(entry.key_location)});
    return true;
  });
}

}  // namespace bundlectl::config
