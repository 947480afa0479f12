// Loads a small bundle written to a temp folder through every step, and renders findings
// whole: "error: resources/x.yml:12:9: summary [resources.jobs.x.tasks[0]...]".
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bundlectl/config/load.h"
#include "bundlectl/core/value_json.h"
#include "support/temp_dir.h"

namespace bundlectl::config {

using core::Value;

class StepTest : public ::testing::Test {
 protected:
  using Messages = std::vector<std::string>;

  // Every finding on one line each, for a failed assertion's message.
  static std::string findings(LoadResult& result) {
    std::string out;
    for (const std::string& line : messages(result)) out += line + "\n";
    return out;
  }

  // Loads the bundle at `folder` (relative to the temp folder; default: the temp folder).
  LoadResult load(const std::string& target = "", const std::string& folder = "") {
    return load_bundle(load_options(target, folder));
  }

  // How load() loads: deployed by jane@example.com, with no environment variables.
  LoadOptions load_options(const std::string& target = "", const std::string& folder = "") {
    LoadOptions options;
    options.chdir = folder.empty() ? m_dir.path() : m_dir.path() / folder;
    options.target = target;
    options.user = "jane@example.com";
    options.environment = [](const std::string&) { return std::optional<std::string>(); };
    return options;
  }

  // The resolved value at a dotted path, as compact JSON; "<none>" when there is none.
  static std::string json_at(const LoadResult& result,
                             std::initializer_list<std::string_view> keys) {
    const core::Value* value = result.bundle.config.at(keys);
    return value ? core::to_json(*value).dump() : "<none>";
  }

  static Messages messages(LoadResult& result) {
    result.diagnostics.sort();
    Messages out;
    for (const core::Diagnostic& d : result.diagnostics) {
      std::string line = std::string(core::severity_name(d.severity)) + ":";
      for (const core::SourceLocation& l : d.locations) {
        line += " " + result.bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
                std::to_string(l.column) + ":";
      }
      line += " " + d.summary;
      for (const core::Path& p : d.paths) line += " [" + p.to_string() + "]";
      if (!d.detail.empty()) line += " (" + d.detail + ")";
      out.push_back(line);
    }
    return out;
  }

  testing::TempDir m_dir;
};

}  // namespace bundlectl::config
