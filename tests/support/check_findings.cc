#include "support/check_findings.h"

#include <optional>

namespace bundlectl::testing {

config::LoadOptions test_load_options(const std::filesystem::path& folder,
                                      const std::string& target) {
  config::LoadOptions options;
  options.chdir = folder;
  options.target = target;
  options.user = "jane.doe@example.com";
  options.environment = [](const std::string&) { return std::optional<std::string>(); };
  return options;
}

std::vector<std::string> finding_lines(core::Diagnostics found, const config::Bundle& bundle) {
  found.sort();
  std::vector<std::string> lines;
  for (const core::Diagnostic& d : found) {
    std::string text = std::string(core::severity_name(d.severity)) + ":";
    for (const core::SourceLocation& l : d.locations) {
      text += " " + bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
              std::to_string(l.column);
    }
    text += ": " + d.summary;
    for (const core::Path& path : d.paths) text += " [" + path.to_string() + "]";
    lines.push_back(text + " (" + d.rule + ")");
  }
  return lines;
}

}  // namespace bundlectl::testing
