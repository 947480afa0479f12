#include "support/check_findings.h"

#include <gtest/gtest.h>

#include <optional>
#include <utility>

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

std::vector<std::string> findings_of_check(validate::CheckFunction check, const TempDir& folder,
                                           const std::string& yaml,
                                           const std::map<std::string, std::string>& variables) {
  folder.write("databricks.yml", "bundle: {name: b}\n" + yaml);
  config::LoadOptions options = test_load_options(folder.path());
  options.user = "jane@example.com";
  options.environment = [variables](const std::string& name) -> std::optional<std::string> {
    auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  };
  config::LoadResult loaded = config::load_bundle(options);
  EXPECT_TRUE(loaded.complete);
  validate::Options validate_options;
  validate::CheckContext context{loaded.bundle, validate_options};
  core::Diagnostics found;
  check(context, found);
  return finding_lines(std::move(found), loaded.bundle);
}

}  // namespace bundlectl::testing
