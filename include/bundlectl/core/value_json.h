// Conversion between the located tree and plain JSON (what APIs send and -o json prints).
#pragma once

#include <nlohmann/json.hpp>

#include "bundlectl/core/value.h"

namespace bundlectl::core {

nlohmann::json to_json(const Value& value);
Value from_json(const nlohmann::json& json, Location location = {});

}  // namespace bundlectl::core
