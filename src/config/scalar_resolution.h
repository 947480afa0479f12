// Which type a YAML scalar has. Plain scalars follow the YAML 1.2 core schema, as the
// Databricks CLI reads them: true/false, null/~, decimal/0x/0o integers and floats; "yes",
// "on" and dates stay strings. Quoted scalars are strings. Standard tags force a type.
#pragma once

#include <string>

#include "bundlectl/core/diagnostic.h"
#include "bundlectl/core/value.h"

namespace bundlectl::config {

// `tag` as yaml-cpp reports it: "?" for plain, "!" for quoted, or the full tag.
core::Value resolve_scalar(const std::string& text, const std::string& tag, core::Location location,
                           core::Diagnostics& diagnostics, const core::SourceFiles& files);

// The YAML 1.2 core schema alone, for a plain scalar.
core::Value resolve_plain_scalar(const std::string& text, core::Location location);

}  // namespace bundlectl::config
