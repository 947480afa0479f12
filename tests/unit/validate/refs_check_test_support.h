// Runs one check of the validate phase on a small bundle written to a temp folder, and prints
// each finding whole: "error dynamic-refs.unknown-task: resources/x.yml:12:9: summary
// [resources.jobs.x.tasks[0].notebook_task.base_parameters.n]".
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bundlectl/config/load.h"
#include "support/stand_in_sources.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {

class RefsCheckTest : public ::testing::Test {
 protected:
  using Messages = std::vector<std::string>;

  Messages run(CheckFunction check, const std::string& target = "") {
    config::LoadOptions load_options;
    load_options.chdir = m_dir.path();
    load_options.target = target;
    load_options.user = "jane.doe@example.com";
    load_options.environment = [](const std::string&) { return std::optional<std::string>(); };
    testing::write_stand_in_sources(m_dir);
    config::LoadResult loaded = config::load_bundle(load_options);
    EXPECT_TRUE(loaded.complete) << "the test bundle does not load";
    if (!loaded.complete) return {};
    Options options;
    CheckContext context{loaded.bundle, options};
    core::Diagnostics found;
    check(context, found);
    found.sort();
    Messages out;
    for (const core::Diagnostic& d : found) {
      std::string line = std::string(core::severity_name(d.severity)) + " " + d.rule + ":";
      for (const core::SourceLocation& l : d.locations) {
        line += " " + loaded.bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
                std::to_string(l.column) + ":";
      }
      line += " " + d.summary;
      for (const core::Path& p : d.paths) line += " [" + p.to_string() + "]";
      out.push_back(line);
    }
    return out;
  }

  testing::TempDir m_dir;
};

}  // namespace bundlectl::validate
