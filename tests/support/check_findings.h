// What the unit tests of the validate phase share: how a small test bundle is loaded, and each
// finding of a check printed whole on one line, so a test asserts the complete finding:
// "error: databricks.yml:6:26: summary [resources.job_runs.now] (rule.id)".
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bundlectl/config/load.h"
#include "bundlectl/core/diagnostic.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::testing {

// Loads the bundle in `folder` for `target` (the default target when empty), deployed by
// jane.doe@example.com, with no environment variables.
config::LoadOptions test_load_options(const std::filesystem::path& folder,
                                      const std::string& target = "");

// Each finding as "severity: file:line:col ...: summary [path]... (rule)", sorted; files are
// named as `bundle` displays them.
std::vector<std::string> finding_lines(core::Diagnostics found, const config::Bundle& bundle);

// Writes `yaml` after `bundle: {name: b}` as databricks.yml in `folder`, loads it as
// jane@example.com with only the environment `variables`, runs `check` alone and returns its
// findings as finding_lines does.
std::vector<std::string> findings_of_check(
    validate::CheckFunction check, const TempDir& folder, const std::string& yaml,
    const std::map<std::string, std::string>& variables = {});

}  // namespace bundlectl::testing
