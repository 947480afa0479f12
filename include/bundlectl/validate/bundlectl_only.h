// Findings the Databricks CLI does not make. bundlectl keeps its extra checks, but a bundle the
// CLI accepts must not fail here unless the API would certainly reject it, and plain `validate`
// prints exactly the CLI's findings, so that `--strict` means what it means there.
//
// So a finding of a bundlectl-only rule becomes a recommendation (never counted by --strict,
// as in the CLI) unless the API rejects what it reports; the text output leaves those
// recommendations out unless asked (`validate --recommendations`); the machine formats (json,
// github, sarif) keep every finding with its rule id. docs/validate.md lists the rules.
#pragma once

#include <string_view>
#include <vector>

#include "bundlectl/core/diagnostic.h"

namespace bundlectl::validate {

// Whether findings of `rule` are only bundlectl's: the Databricks CLI reports nothing for the
// problem. Rules of the CLI's own checks, of the loader ("" / "load", but yaml.duplicate-key)
// and of opt-in policies ("policy.*") are not.
bool is_bundlectl_only(std::string_view rule);

// The bundlectl-only rules, in the order docs/validate.md lists them.
const std::vector<std::string_view>& bundlectl_only_rules();

// Findings of bundlectl-only rules become recommendations, but errors the API rejects (a task
// with no type, a task cycle, depends_on naming no task, ...).
void recommend_bundlectl_only(core::Diagnostics& diagnostics);

// The findings the text output prints: all but the recommendations of bundlectl-only rules,
// unless `with_recommendations`.
core::Diagnostics printed_findings(const core::Diagnostics& diagnostics, bool with_recommendations);

}  // namespace bundlectl::validate
