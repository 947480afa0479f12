// The JSON Schema of the bundle format (resources/schemas/), as editors and `bundlectl schema`
// see it: one self-contained document whose $defs hold every resource type's schema.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace bundlectl::validate {

// The whole bundle schema. Built once per process.
const nlohmann::json& bundle_schema();

// The resource types it describes ("apps", "jobs", ...), sorted.
std::vector<std::string> schema_resource_types();

// One resource's schema (resources.<type>.<key>), self-contained: its $ref and the $defs
// it needs. Null when the type is unknown.
nlohmann::json resource_schema(std::string_view type);

}  // namespace bundlectl::validate
