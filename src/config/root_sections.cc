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
  auto& entries = bundle.config.entries();
  for (auto it = entries.begin(); it != entries.end();) {
    if (is_root_section(it->key)) {
      ++it;
      continue;
    }
    diagnostics.warning("unknown field: " + it->key + util::did_you_mean(it->key, root_sections()),
                        {bundle.files.describe(it->key_location)}, {core::Path().key(it->key)});
    it = entries.erase(it);
  }
}

}  // namespace bundlectl::config
