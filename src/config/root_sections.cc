// The top-level sections of the bundle format, and the step that drops anything else.
#include <algorithm>

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

void drop_unknown_sections(Bundle& bundle, core::Diagnostics& diagnostics) {
  // One pass, however many sections a hostile file invents.
  bundle.config.erase_if([&](const core::MapEntry& entry) {
    if (is_root_section(entry.key)) return false;
    diagnostics.warning(
        "unknown field: " + entry.key + util::did_you_mean(entry.key, root_sections()),
        {bundle.files.describe(entry.key_location)}, {core::Path().key(entry.key)});
    return true;
  });
}

}  // namespace bundlectl::config
