// valijson reports every failed constraint, including each wrapper that contains a failure
// ("Failed to validate item #2 in array", the alternatives of an anyOf). Only four kinds are
// root causes here; the rest are dropped:
//   an object with a property its schema does not allow  -> schema.unknown-field (warning)
//   a missing required property                           -> schema.missing-field (warning)
//   a value outside an enum                               -> schema.enum (warning)
//   a value of the wrong type (or a string that is neither
//   a number/boolean literal nor a pure ${...} reference) -> schema.type (error)
// At one value, a bad enum value wins over the type error of the reference alternative.
#include "validate/schema_findings.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "bundlectl/util/strings.h"
#include "validate/finding.h"

namespace bundlectl::validate {
namespace {

constexpr std::string_view k_unknown =
    "Object contains a property that could not be validated using 'properties' or "
    "'additionalProperties' constraints";
constexpr std::string_view k_required = "Missing required property '";
constexpr std::string_view k_enum = "Failed to match against any enum values.";
constexpr std::string_view k_type = "Value type not permitted by 'type' constraint.";
constexpr std::string_view k_pattern = "Failed to match regex specified by 'pattern' constraint.";

// Where one error points: the value, its path and its schema.
struct Target {
  const core::Value* value = nullptr;
  core::Path path;
  const nlohmann::json* schema = nullptr;
};

Target locate(const std::vector<std::string>& context, const core::Value& value,
              const core::Path& path, const nlohmann::json& schema,
              const SchemaNavigator& navigator) {
  Target target{&value, path, &schema};
  // context[0] is "<root>"; every later element is "[key]" or "[index]".
  for (std::size_t i = 1; i < context.size() && target.value; ++i) {
    const std::string& element = context[i];
    std::string step = element.size() >= 2 ? element.substr(1, element.size() - 2) : element;
    const core::Value* current = target.value;
    if (current->is_mapping()) {
      target.value = current->find(step);
      target.path = target.path.key(step);
      target.schema = target.schema ? navigator.property(*target.schema, step) : nullptr;
    } else if (current->is_sequence()) {
      std::size_t index = std::stoul(step);
      target.value = index < current->items().size() ? &current->items()[index] : nullptr;
      target.path = target.path.index(index);
      target.schema = target.schema ? navigator.items(*target.schema) : nullptr;
    } else {
      target.value = nullptr;
    }
  }
  return target;
}

std::vector<std::string> property_names(const nlohmann::json& schema) {
  std::vector<std::string> names;
  auto properties = schema.find("properties");
  if (properties == schema.end()) return names;
  for (const auto& [name, unused] : properties->items()) names.push_back(name);
  return names;
}

// The enum of a schema, or of the first alternative of its anyOf that has one.
const nlohmann::json* enum_of(const nlohmann::json& schema, const SchemaNavigator& navigator) {
  const nlohmann::json& resolved = navigator.resolve(schema);
  auto found = resolved.find("enum");
  if (found != resolved.end()) return &*found;
  auto any_of = resolved.find("anyOf");
  if (any_of == resolved.end()) return nullptr;
  for (const nlohmann::json& alternative : *any_of) {
    if (const nlohmann::json* values = enum_of(alternative, navigator)) return values;
  }
  return nullptr;
}

// The JSON types a schema (or each alternative of its anyOf) lists, with whether a string is
// there only as a literal or reference of another type (a "pattern" beside it).
void collect_types(const nlohmann::json& schema, const SchemaNavigator& navigator,
                   std::vector<std::pair<std::string, bool>>& types) {
  const nlohmann::json& resolved = navigator.resolve(schema);
  auto any_of = resolved.find("anyOf");
  if (any_of != resolved.end()) {
    for (const nlohmann::json& alternative : *any_of) collect_types(alternative, navigator, types);
  }
  auto type = resolved.find("type");
  if (type == resolved.end()) return;
  bool literal = resolved.contains("pattern");
  if (type->is_string()) types.emplace_back(type->get<std::string>(), literal);
  if (type->is_array()) {
    for (const nlohmann::json& name : *type) types.emplace_back(name.get<std::string>(), literal);
  }
}

// "int", "map", "bool or int": what the schema expects besides null and references.
std::string expected_type(const nlohmann::json& schema, const SchemaNavigator& navigator) {
  static const std::map<std::string, std::string> k_words = {
      {"integer", "int"}, {"number", "float"},   {"boolean", "bool"},
      {"object", "map"},  {"array", "sequence"}, {"string", "string"}};
  std::vector<std::pair<std::string, bool>> types;
  collect_types(schema, navigator, types);
  if (types.empty()) return "";
  // A string with a pattern is only accepted as a literal or a reference of another type;
  // without one, a string field takes any scalar.
  std::vector<std::string> words;
  for (const auto& [name, string_is_literal] : types) {
    if (name == "null" || (name == "string" && string_is_literal)) continue;
    if (name == "string") return "string";
    auto word = k_words.find(name);
    words.push_back(word == k_words.end() ? name : word->second);
  }
  return words.empty() ? "string" : util::join(words, " or ");
}

core::Diagnostic at_key(core::Severity severity, std::string rule, std::string summary,
                        const config::Bundle& bundle, const core::MapEntry& entry,
                        const core::Path& path) {
  core::Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.summary = std::move(summary);
  diagnostic.locations = {bundle.files.describe(entry.key_location)};
  if (!path.empty()) diagnostic.paths = {path};
  diagnostic.rule = std::move(rule);
  return diagnostic;
}

}  // namespace

void report_schema_errors(valijson::ValidationResults& results, const config::Bundle& bundle,
                          const core::Value& value, const core::Path& path,
                          const nlohmann::json& schema, const SchemaNavigator& navigator,
                          core::Diagnostics& diagnostics) {
  // Per value (by its context): whether it already has an unknown-field report, its missing
  // properties, and its one bad-value report (enum beats type).
  struct Found {
    bool unknown = false;
    std::set<std::string> missing;
    bool enum_error = false;
    bool type_error = false;
  };
  std::map<std::vector<std::string>, Found> found;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    Found& here = found[error.context];
    const std::string& text = error.description;
    if (util::starts_with(text, k_unknown)) {
      here.unknown = true;
    } else if (util::starts_with(text, k_required)) {
      std::string name = text.substr(k_required.size());
      here.missing.insert(name.substr(0, name.rfind('\'')));
    } else if (text == k_enum) {
      here.enum_error = true;
    } else if (text == k_type || text == k_pattern) {
      here.type_error = true;
    }
  }
  for (const auto& [context, what] : found) {
    Target target = locate(context, value, path, schema, navigator);
    if (!target.value) continue;
    const core::Value& bad = *target.value;
    // A misspelled required field is one mistake: the unknown key, with its suggestion.
    std::set<std::string> suggested;
    if (what.unknown && bad.is_mapping() && target.schema) {
      std::vector<std::string> known = property_names(navigator.resolve(*target.schema));
      for (const core::MapEntry& entry : bad.entries()) {
        if (std::find(known.begin(), known.end(), entry.key) != known.end()) continue;
        suggested.insert(util::nearest(entry.key, known));
        // As the Databricks CLI, the path is that of the map that holds the unknown key.
        diagnostics.add(at_key(core::Severity::Warning, "schema.unknown-field",
                               "unknown field: " + entry.key + util::did_you_mean(entry.key, known),
                               bundle, entry, target.path));
      }
    }
    for (const std::string& name : what.missing) {
      if (suggested.count(name)) continue;
      core::Diagnostic d =
          finding(core::Severity::Warning, "schema.missing-field",
                  "required field " + util::quoted(name) + " is not set", bundle, bad, target.path);
      d.sort_group = "required-fields";  // the CLI sorts all of them by summary
      diagnostics.add(std::move(d));
    }
    if (what.enum_error && target.schema && bad.is_scalar()) {
      // An enum the Databricks CLI defines itself (the schema marks it "x-cli-own-enum"): its
      // warning lists the values as declared and names no line.
      const bool cli_own_enum = target.schema->value("x-cli-own-enum", false);
      std::vector<std::string> allowed;
      if (const nlohmann::json* values = enum_of(*target.schema, navigator)) {
        for (const nlohmann::json& v : *values) {
          if (v.is_string()) allowed.push_back(v.get<std::string>());
        }
      }
      // The Databricks CLI's wording; it lists the values of API enums sorted and those of
      // the bundle's own fields (artifacts, variables) in their declared order.
      if (target.path.to_string().rfind("resources.", 0) == 0 && !cli_own_enum) {
        std::sort(allowed.begin(), allowed.end());
      }
      std::string text = bad.scalar_text();
      core::Diagnostic enum_finding =
          finding(core::Severity::Warning, "schema.enum",
                  "invalid value " + util::quoted(text) + " for enum field. Valid values are [" +
                      util::join(allowed, " ") + "]",
                  bundle, bad, target.path);
      if (cli_own_enum) std::swap(enum_finding.locations, enum_finding.unprinted_locations);
      diagnostics.add(std::move(enum_finding));
    } else if ((what.type_error || what.enum_error) && target.schema) {
      std::string expected = what.enum_error ? "string" : expected_type(*target.schema, navigator);
      diagnostics.add(finding(core::Severity::Error, "schema.type",
                              "expected " + expected + ", found " + core::kind_name(bad.kind()),
                              bundle, bad, target.path));
    }
  }
}

}  // namespace bundlectl::validate
