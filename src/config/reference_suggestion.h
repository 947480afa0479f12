// The "did you mean" of a reference that does not exist, as the Databricks CLI words it.
#pragma once

#include <string>
#include <vector>

#include "bundlectl/core/path.h"
#include "bundlectl/core/value.h"

namespace bundlectl::config {

// The reference as it would read with every key from `missing_at` on replaced by the nearest
// key that exists under its parent (`parent` holds elements[missing_at]), in the form the
// user wrote: `var.x` for the tree's `variables.x.value` when `var_shorthand`. Empty when a
// key has no near match or an index is out of range, as the CLI then suggests nothing.
std::string suggest_reference(std::vector<core::Path::Element> elements, std::size_t missing_at,
                              const core::Value& parent, bool var_shorthand);

// "reference does not exist: ${a.b}", followed by ". did you mean ${a.c}?" when there is a
// suggestion.
std::string missing_reference_message(const std::string& reference, const std::string& suggestion);

}  // namespace bundlectl::config
