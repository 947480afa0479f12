// JSON documents written as YAML, for `render -o yaml`: the same data, in the form bundle
// authors read every day.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace bundlectl::render {

// Block-style YAML that reads back as the same JSON: a string that YAML would take for a
// number, a boolean or null ("1", "true", "null", "") is quoted.
std::string to_yaml(const nlohmann::json& document);

}  // namespace bundlectl::render
