// A bundle in a temporary folder, loaded through load_bundle with a fixed user and a fake
// environment, and its diagnostics as one line each: the fixture of the loader's unit tests.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bundlectl/config/load.h"
#include "support/temp_dir.h"

namespace bundlectl::config {

class LoadFixture : public ::testing::Test {
 protected:
  LoadResult load(std::vector<std::string> vars = {}, std::string target = "") {
    return load_bundle(load_options(std::move(vars), std::move(target)));
  }

  // The bundle in the temp folder with `vars` (--var), deployed by jane.doe@example.com, with
  // m_env as the environment.
  LoadOptions load_options(std::vector<std::string> vars = {}, std::string target = "") {
    LoadOptions options;
    options.chdir = m_dir.path();
    options.target = std::move(target);
    options.variables = std::move(vars);
    options.user = "jane.doe@example.com";
    options.environment = [this](const std::string& name) -> std::optional<std::string> {
      auto it = m_env.find(name);
      if (it == m_env.end()) return std::nullopt;
      return it->second;
    };
    return options;
  }

  // Every diagnostic as "severity: file:line:col: summary", sorted.
  static std::vector<std::string> messages(LoadResult&& result) { return messages(result); }
  static std::vector<std::string> messages(LoadResult& result) {
    result.diagnostics.sort();
    std::vector<std::string> out;
    for (const core::Diagnostic& d : result.diagnostics) {
      std::string where;
      for (const auto& l : d.locations) {
        where += " " + result.bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
                 std::to_string(l.column);
      }
      out.push_back(std::string(core::severity_name(d.severity)) +
                    (where.empty() ? "" : ":" + where) + ": " + d.summary);
    }
    return out;
  }

  testing::TempDir m_dir;
  std::map<std::string, std::string> m_env;
};

using Messages = std::vector<std::string>;

}  // namespace bundlectl::config
