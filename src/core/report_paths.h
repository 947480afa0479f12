// How the machine formats name files and config paths.
#pragma once

#include <filesystem>
#include <string>

#include "bundlectl/core/diagnostic.h"

namespace bundlectl::core {

// `file` relative to `base` with '/' separators when it lies below it; otherwise as given.
std::string report_file_name(const std::string& file, const std::filesystem::path& base);

// The first config path of a finding, "" when it has none.
std::string first_path_of(const Diagnostic& diagnostic);

// The rule id a format shows: the finding's own, or k_load_rule.
std::string rule_of(const Diagnostic& diagnostic);

}  // namespace bundlectl::core
