// Values turned into the types the bundle format gives their fields, as the Databricks CLI
// turns them when it reads the configuration into its typed structures: "2" in an integer
// field is 2, 123 in a string field is "123", true in a map of strings is "true". A value
// that cannot have the field's type (a list where a name goes, "abc" where a number goes) is
// dropped with a warning, as the CLI drops it; ${...} references are left for later.
//
// A field's type is read from the JSON Schemas of resources/schemas: a leaf field refers to
// one of the definitions `int`, `number`, `bool` or `string`.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/schema_document.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace {

using core::Path;
using core::Value;
using Json = nlohmann::json;

enum class Leaf { None, Int, Number, Bool, String };

constexpr std::string_view k_def_prefix = "#/$defs/";

// Every definition of every schema file, by name: the document the schema check compiles too.
const Json& definitions() { return schema_document().at("$defs"); }

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

// A schema with its $ref followed until a leaf or a schema of its own; a bounded number of
// hops, so that a definition referring to itself cannot loop.
struct Resolved {
  const Json* schema = nullptr;
  Leaf leaf = Leaf::None;
};

Resolved resolve(const Json* schema) {
  for (int hops = 0; schema && hops < 16; ++hops) {
    std::string name = ref_name(*schema);
    if (name.empty()) return {schema, Leaf::None};
    if (Leaf leaf = leaf_of(name); leaf != Leaf::None) return {schema, leaf};
    auto found = definitions().find(name);
    if (found == definitions().end()) return {};
    schema = &*found;
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

bool is_reference(const Value& value) {
  return value.is_string() && value.as_string().find("${") != std::string::npos;
}

std::optional<std::int64_t> parse_int(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long long number = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return std::nullopt;
  return static_cast<std::int64_t>(number);
}

std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  double number = std::strtod(text.c_str(), &end);
  if (errno != 0 || *end != '\0') return std::nullopt;
  return number;
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

// Converts a scalar in place; false when it cannot have the leaf's type.
bool convert(Value& value, Leaf leaf) {
  const core::Location where = value.location();
  switch (leaf) {
    case Leaf::String:
      if (value.is_bool() || value.is_int() || value.is_float()) {
        value = Value::string(value.scalar_text(), where);
      }
      return value.is_string();
    case Leaf::Int:
      if (value.is_string()) {
        std::optional<std::int64_t> number = parse_int(value.as_string());
        if (!number) return false;
        value = Value::integer(*number, where);
      } else if (value.is_float() && std::trunc(value.as_float()) == value.as_float() &&
                 std::abs(value.as_float()) < 9.2e18) {
        value = Value::integer(static_cast<std::int64_t>(value.as_float()), where);
      }
      return value.is_int();
    case Leaf::Number:
      if (value.is_string()) {
        if (std::optional<std::int64_t> whole = parse_int(value.as_string())) {
          value = Value::integer(*whole, where);
        } else if (std::optional<double> number = parse_number(value.as_string())) {
          value = Value::floating(*number, where);
        } else {
          return false;
        }
      }
      return value.is_int() || value.is_float();
    case Leaf::Bool:
      if (value.is_string()) {
        const std::string& text = value.as_string();
        if (text == "true" || text == "True" || text == "TRUE") value = Value::boolean(true, where);
        if (text == "false" || text == "False" || text == "FALSE") {
          value = Value::boolean(false, where);
        }
      }
      return value.is_bool();
    case Leaf::None: break;
  }
  return true;
}

bool allows(const Json& schema, const char* type) {
  auto types = schema.find("type");
  if (types == schema.end()) return true;
  if (types->is_string()) return *types == type;
  return std::find(types->begin(), types->end(), type) != types->end();
}

// "map" or "sequence" when the schema wants that collection and `value` is not one; nullptr
// when the value fits (or the schema says nothing about its kind).
const char* expected_collection(const Json& schema, const Value& value) {
  bool map = schema.contains("properties") || schema.contains("additionalProperties");
  bool sequence = schema.contains("items");
  if (map && !value.is_mapping() && !(value.is_sequence() && allows(schema, "array"))) {
    return "map";
  }
  if (sequence && !value.is_sequence() && !(value.is_mapping() && allows(schema, "object"))) {
    return "sequence";
  }
  return nullptr;
}

// Where the walk is, as a chain on the stack: a Path is built only for a finding, which keeps
// the walk of a big bundle from copying a path at every node.
struct Crumb {
  const Crumb* up = nullptr;
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;
};

Path path_of(const Crumb* crumb) {
  std::vector<const Crumb*> chain;
  for (; crumb; crumb = crumb->up) chain.push_back(crumb);
  Path path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    path = (*it)->is_index ? path.index((*it)->index) : path.key((*it)->key);
  }
  return path;
}

class Normaliser {
 public:
  Normaliser(const Bundle& bundle, core::Diagnostics& diagnostics)
      : m_bundle(bundle), m_diagnostics(diagnostics) {}

  // Normalises `value` against `schema`; false when the value must be dropped.
  bool visit(Value& value, const Json* schema, const Crumb* here) {
    Resolved resolved = resolve_cached(schema);
    if (!resolved.schema || value.is_null() || is_reference(value)) return true;
    if (resolved.leaf != Leaf::None) {
      if (!value.is_scalar() || !convert(value, resolved.leaf)) {
        warn(value, here, leaf_name(resolved.leaf));
        return false;
      }
      return true;
    }
    if (const char* expected = expected_collection(*resolved.schema, value)) {
      warn(value, here, expected);
      return false;
    }
    if (value.is_mapping()) {
      std::vector<std::string> dropped;
      for (core::MapEntry& entry : value.entries()) {
        const Json* child = child_of_map(*resolved.schema, entry.key);
        Crumb crumb{here, entry.key, 0, false};
        if (child && !visit(entry.value, child, &crumb)) dropped.push_back(entry.key);
      }
      for (const std::string& key : dropped) value.erase(key);
    } else if (value.is_sequence()) {
      const Json* child = child_of_sequence(*resolved.schema);
      if (!child) return true;
      Value::Sequence& items = value.items();
      Value::Sequence kept;
      kept.reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        Crumb crumb{here, {}, i, true};
        if (visit(items[i], child, &crumb)) kept.push_back(std::move(items[i]));
      }
      items = std::move(kept);
    }
    return true;
  }

 private:
  // Following a $ref costs a lookup by name; each schema node is followed once per load.
  Resolved resolve_cached(const Json* schema) {
    auto [it, added] = m_resolved.try_emplace(schema);
    if (added) it->second = resolve(schema);
    return it->second;
  }

  void warn(const Value& value, const Crumb* here, const char* expected) {
    m_diagnostics.add(core::Diagnostic{
        core::Severity::Warning,
        std::string("expected ") + expected + ", found " + core::kind_name(value.kind()),
        {},
        {m_bundle.files.describe(value.location())},
        {path_of(here)},
        "schema.type"});
  }

  const Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
  std::unordered_map<const Json*, Resolved> m_resolved;
};

}  // namespace

void normalise_types(Bundle& bundle, core::Diagnostics& diagnostics) {
  auto root = definitions().find("bundle.root");
  if (root == definitions().end() || !bundle.config.is_mapping()) return;
  Normaliser normaliser(bundle, diagnostics);
  // Only the sections with a settled shape: variables hold values of any type.
  for (const char* section : {"bundle", "workspace", "resources", "artifacts", "sync",
                              "permissions", "presets", "run_as", "experimental"}) {
    Value* value = bundle.config.find(section);
    const Json* schema = child_of_map(*resolve(&*root).schema, section);
    if (!value || !schema) continue;
    Crumb crumb{nullptr, section, 0, false};
    if (!normaliser.visit(*value, schema, &crumb)) bundle.config.erase(section);
  }
}

}  // namespace bundlectl::config
