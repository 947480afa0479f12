// Required scalar fields shown with their zero values; see bundlectl/config/zero_values.h.
#include "bundlectl/config/zero_values.h"

#include <string_view>

#include "config/schema_types.h"

namespace bundlectl::config {

namespace {

using core::Value;
using schema_types::Json;
using schema_types::Leaf;

// The definitions that come from the API models (the typed structures of the CLI); resource
// roots and bundle-only settings are written by hand and keep their own rules.
bool is_api_model(const std::string& name) {
  for (std::string_view prefix : {"jobs.", "pipelines.", "compute."}) {
    if (name.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

Value zero_of(Leaf leaf, const core::Location& where) {
  switch (leaf) {
    case Leaf::String: return Value::string("", where);
    case Leaf::Int: return Value::integer(0, where);
    case Leaf::Number: return Value::integer(0, where);
    case Leaf::Bool: return Value::boolean(false, where);
    case Leaf::None: break;
  }
  return Value::null(where);
}

void fill(Value& value, const Json* schema, int depth) {
  if (depth > 64) return;  // schemas nest far less; a bound against a self-referring one
  schema_types::Resolved resolved = schema_types::resolve(schema);
  if (!resolved.schema || resolved.leaf != Leaf::None) return;
  if (value.is_mapping()) {
    auto required = resolved.schema->find("required");
    if (is_api_model(resolved.name) && required != resolved.schema->end() && required->is_array()) {
      for (const Json& field : *required) {
        if (!field.is_string()) continue;
        const std::string& key = field.get_ref<const std::string&>();
        if (value.find(key)) continue;
        const Json* child = schema_types::child_of_map(*resolved.schema, key);
        Leaf leaf = child ? schema_types::resolve(child).leaf : Leaf::None;
        if (leaf != Leaf::None) value.set(key, zero_of(leaf, value.location()));
      }
    }
    for (core::MapEntry& entry : value.entries()) {
      if (const Json* child = schema_types::child_of_map(*resolved.schema, entry.key)) {
        fill(entry.value, child, depth + 1);
      }
    }
  } else if (value.is_sequence()) {
    const Json* child = schema_types::child_of_sequence(*resolved.schema);
    if (!child) return;
    for (Value& item : value.items()) fill(item, child, depth + 1);
  }
}

}  // namespace

void add_required_zero_values(core::Value& config) {
  auto root = schema_types::definitions().find("bundle.root");
  if (root == schema_types::definitions().end() || !config.is_mapping()) return;
  Value* resources = config.find("resources");
  const Json* schema =
      schema_types::child_of_map(*schema_types::resolve(&*root).schema, "resources");
  if (resources && schema) fill(*resources, schema, 0);
}

}  // namespace bundlectl::config
