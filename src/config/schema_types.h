// The types the bundle's JSON Schemas (resources/schemas) give each field, as the steps that
// shape values by type read them: a leaf field refers to one of the definitions `int`,
// `number`, `bool` or `string`; maps and lists nest further schemas.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace bundlectl::config::schema_types {

using Json = nlohmann::json;

enum class Leaf { None, Int, Number, Bool, String };

// Every definition of every schema file, by name (descriptions stripped), parsed once.
const Json& definitions();

// A schema with its $ref followed until a leaf or a schema of its own. `name` is the last
// definition followed ("jobs.task"), empty when the schema is inline.
struct Resolved {
  const Json* schema = nullptr;
  Leaf leaf = Leaf::None;
  std::string name;
};
Resolved resolve(const Json* schema);

// The schema of a map's entry `key`, or of a list's items; nullptr when the schema has none.
const Json* child_of_map(const Json& schema, const std::string& key);
const Json* child_of_sequence(const Json& schema);

// "int", "float", "bool", "string": how the CLI's messages name a leaf type.
const char* leaf_name(Leaf leaf);

}  // namespace bundlectl::config::schema_types
