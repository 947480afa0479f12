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

#include "bundlectl/util/strings.h"
#include "config/schema_types.h"
#include "config/steps.h"

namespace bundlectl::config {

namespace {

using core::Path;
using core::Value;
using Json = nlohmann::json;
using schema_types::child_of_map;
using schema_types::child_of_sequence;
using schema_types::Leaf;
using schema_types::leaf_name;
using schema_types::Resolved;

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

// Converts a scalar in place. When it cannot have the leaf's type, returns why, in the CLI's
// words where it has its own ("cannot parse ..."), otherwise "expected int, found string".
std::optional<std::string> convert(Value& value, Leaf leaf) {
  const core::Location where = value.location();
  auto mismatch = [&] {
    return std::optional<std::string>(std::string("expected ") + leaf_name(leaf) + ", found " +
                                      core::kind_name(value.kind()));
  };
  switch (leaf) {
    case Leaf::String:
      if (value.is_float()) {  // as Go's strconv 'f': never an exponent
        value = Value::string(core::go_float_fixed(value.as_float()), where);
      } else if (value.is_bool() || value.is_int()) {
        value = Value::string(value.scalar_text(), where);
      }
      return value.is_string() ? std::nullopt : mismatch();
    case Leaf::Int:
      if (value.is_string()) {
        std::optional<std::int64_t> number = parse_int(value.as_string());
        if (!number) return "cannot parse \"" + value.as_string() + "\" as an integer";
        value = Value::integer(*number, where);
      } else if (value.is_float()) {
        double number = value.as_float();
        if (std::trunc(number) != number || !(std::abs(number) < 9.2e18)) {
          return "cannot accurately represent \"" + value.scalar_text() +
                 "\" as integer due to precision loss";
        }
        value = Value::integer(static_cast<std::int64_t>(number), where);
      }
      return value.is_int() ? std::nullopt : mismatch();
    case Leaf::Number:
      if (value.is_string()) {
        if (std::optional<std::int64_t> whole = parse_int(value.as_string())) {
          value = Value::integer(*whole, where);
        } else if (std::optional<double> number = parse_number(value.as_string())) {
          value = Value::floating(*number, where);
        } else {
          return "cannot parse \"" + value.as_string() + "\" as a floating point number";
        }
      }
      return value.is_int() || value.is_float() ? std::nullopt : mismatch();
    case Leaf::Bool:
      if (value.is_string()) {
        const std::string& text = value.as_string();
        if (text == "true" || text == "True" || text == "TRUE") value = Value::boolean(true, where);
        if (text == "false" || text == "False" || text == "FALSE") {
          value = Value::boolean(false, where);
        }
      }
      return value.is_bool() ? std::nullopt : mismatch();
    case Leaf::None: break;
  }
  return std::nullopt;
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
      if (!value.is_scalar()) {
        warn(value, here, leaf_name(resolved.leaf));
        return false;
      }
      if (std::optional<std::string> why = convert(value, resolved.leaf)) {
        report(value, here, std::move(*why));
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
        if (!child && here && !here->is_index && here->key == "resources" &&
            is_internal_resource_kind(entry.key)) {
          continue;  // known to the CLI, and refused by name by reject_internal_resources
        }
        if (!child && is_closed(*resolved.schema)) {
          report_unknown(entry, *resolved.schema, here);
          dropped.push_back(entry.key);
        } else if (child && !visit(entry.value, child, &crumb)) {
          dropped.push_back(entry.key);
        }
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
    if (added) it->second = schema_types::resolve(schema);
    return it->second;
  }

  // An object whose schema lists every field it may have.
  static bool is_closed(const Json& schema) {
    auto extra = schema.find("additionalProperties");
    return extra != schema.end() && extra->is_boolean() && !extra->get<bool>();
  }

  // A field the typed configuration has no place for: the CLI warns at its key and leaves it
  // out of the configuration, so it is never printed nor sent.
  void report_unknown(const core::MapEntry& entry, const Json& schema, const Crumb* here) {
    std::vector<std::string> known;
    if (auto properties = schema.find("properties"); properties != schema.end()) {
      for (const auto& [name, unused] : properties->items()) known.push_back(name);
    }
    m_diagnostics.add(
        core::Diagnostic{core::Severity::Warning,
                         "unknown field: " + entry.key + util::did_you_mean(entry.key, known),
                         {},
                         {m_bundle.files.describe(entry.key_location)},
                         {path_of(here)},
                         "schema.unknown-field"});
  }

  void warn(const Value& value, const Crumb* here, const char* expected) {
    report(value, here,
           std::string("expected ") + expected + ", found " + core::kind_name(value.kind()));
  }

  void report(const Value& value, const Crumb* here, std::string summary) {
    m_diagnostics.add(core::Diagnostic{core::Severity::Warning,
                                       std::move(summary),
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

namespace {

// Only the sections with a settled shape: variables hold values of any type.
constexpr const char* k_typed_sections[] = {"bundle",    "workspace", "resources",
                                            "artifacts", "sync",      "permissions",
                                            "presets",   "run_as",    "experimental"};

// Normalises the typed sections of `config` (the root of a file, or one target of it) against
// `schema`, the definition of that level; `here` is where `config` is.
void normalise_sections(Normaliser& normaliser, Value& config, const Json& schema,
                        const Crumb* here) {
  for (const char* section : k_typed_sections) {
    Value* value = config.find(section);
    const Json* child = child_of_map(schema, section);
    if (!value || !child) continue;
    Crumb crumb{here, section, 0, false};
    if (!normaliser.visit(*value, child, &crumb)) config.erase(section);
  }
}

}  // namespace

void normalise_types(Bundle& bundle, core::Diagnostics& diagnostics) {
  auto root = schema_types::definitions().find("bundle.root");
  if (root == schema_types::definitions().end() || !bundle.config.is_mapping()) return;
  Normaliser normaliser(bundle, diagnostics);
  normalise_sections(normaliser, bundle.config, *schema_types::resolve(&*root).schema, nullptr);
}

void normalise_file_types(const Bundle& bundle, Value& file, core::Diagnostics& diagnostics) {
  auto root = schema_types::definitions().find("bundle.root");
  if (root == schema_types::definitions().end() || !file.is_mapping()) return;
  Normaliser normaliser(bundle, diagnostics);
  const Json& root_schema = *schema_types::resolve(&*root).schema;
  normalise_sections(normaliser, file, root_schema, nullptr);
  // Each target's sections too (not its variables: a target may set one by a bare value).
  Value* targets = file.find("targets");
  const Json* targets_schema = child_of_map(root_schema, "targets");
  if (!targets || !targets->is_mapping() || !targets_schema) return;
  Crumb targets_crumb{nullptr, "targets", 0, false};
  const Json* each_target = schema_types::resolve(targets_schema).schema;
  if (!each_target) return;
  for (core::MapEntry& target : targets->entries()) {
    const Json* target_schema = child_of_map(*each_target, target.key);
    const Json* resolved = target_schema ? schema_types::resolve(target_schema).schema : nullptr;
    if (!target.value.is_mapping() || !resolved) continue;
    Crumb crumb{&targets_crumb, target.key, 0, false};
    normalise_sections(normaliser, target.value, *resolved, &crumb);
  }
}

}  // namespace bundlectl::config
