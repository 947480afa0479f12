// Diagnostics for people, in the shape Databricks CLI users know:
//
//   Error: summary
//     at resources.jobs.x.tasks[2]
//     in resources/x.yml:12:9
//
//   detail
//
#pragma once

#include <filesystem>
#include <ostream>

#include "bundlectl/core/diagnostic.h"

namespace bundlectl::core {

// File names are printed relative to `base` when they lie below it.
void render_text(std::ostream& out, const Diagnostics& diagnostics,
                 const std::filesystem::path& base);

// "Validation OK!", or "Found 2 errors and 1 warning".
std::string summary_line(const Diagnostics& diagnostics);

}  // namespace bundlectl::core
