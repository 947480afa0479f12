// Top-level keys that only hold a YAML anchor (`x-defaults: &defaults ...`, aliased elsewhere
// with *defaults). The Databricks CLI skips a field it does not know when its value carries
// an anchor, without a warning; bundlectl drops such root keys after reading a file.
#pragma once

#include <string_view>

#include "bundlectl/core/value.h"

namespace bundlectl::config {

// Removes from `root` (a file's top-level mapping, read from `text`) every key that is not a
// section of the bundle format and whose value starts with an anchor.
void drop_anchor_holders(core::Value& root, std::string_view text);

}  // namespace bundlectl::config
