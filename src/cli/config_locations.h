// `validate -o json --include-locations`: where each map and list of the resolved
// configuration was written, as the Databricks CLI adds it under `__locations`.
#pragma once

#include <nlohmann/json.hpp>

#include "bundlectl/config/bundle.h"

namespace bundlectl::cli {

// {"files": [...], "locations": {"<path>": [[file, line, column], ...]}, "version": 1}: files
// relative to the bundle root and sorted, each path's locations oldest first.
nlohmann::json config_locations(const config::Bundle& bundle);

}  // namespace bundlectl::cli
