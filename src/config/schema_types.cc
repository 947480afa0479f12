// Reading field types from the embedded JSON Schemas; see schema_types.h.
#include "config/schema_types.h"

#include <string_view>

#include "config/schema_document.h"

namespace bundlectl::config::schema_types {

namespace {

constexpr std::string_view k_def_prefix = "#/$defs/";

std::string ref_name(const Json& schema) {
  auto ref = schema.find("$ref");
  if (ref == schema.end() || !ref->is_string()) return "";
  const std::string& text = ref->get_ref<const std::string&>();
  if (text.rfind(k_def_prefix, 0) != 0) return "";
  return text.substr(k_def_prefix.size());
}

Leaf leaf_of(const std::string& name) {
  if (name == "int") return Leaf::Int;
  if (name == "number") return Leaf::Number;
  if (name == "bool") return Leaf::Bool;
  if (name == "string") return Leaf::String;
  return Leaf::None;
}

}  // namespace

// The document the schema check compiles too, parsed once per process.
const Json& definitions() { return schema_document().at("$defs"); }

// A bounded number of hops, so that a definition referring to itself cannot loop.
Resolved resolve(const Json* schema) {
  std::string followed;
  for (int hops = 0; schema && hops < 16; ++hops) {
    std::string name = ref_name(*schema);
    if (name.empty()) return {schema, Leaf::None, followed};
    if (Leaf leaf = leaf_of(name); leaf != Leaf::None) return {schema, leaf, followed};
    auto found = definitions().find(name);
    if (found == definitions().end()) return {};
    schema = &*found;
    followed = name;
  }
  return {};
}

const Json* child_of_map(const Json& schema, const std::string& key) {
  if (auto properties = schema.find("properties"); properties != schema.end()) {
    if (auto field = properties->find(key); field != properties->end()) return &*field;
  }
  auto extra = schema.find("additionalProperties");
  if (extra != schema.end() && extra->is_object()) return &*extra;
  return nullptr;
}

const Json* child_of_sequence(const Json& schema) {
  auto items = schema.find("items");
  return items != schema.end() && items->is_object() ? &*items : nullptr;
}

const char* leaf_name(Leaf leaf) {
  switch (leaf) {
    case Leaf::Int: return "int";
    case Leaf::Number: return "float";
    case Leaf::Bool: return "bool";
    case Leaf::String: return "string";
    case Leaf::None: break;
  }
  return "value";
}

}  // namespace bundlectl::config::schema_types
