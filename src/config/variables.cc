// Gives every declared variable its value, from the most specific source that has one.
#include "bundlectl/util/file_read.h"
#include "bundlectl/util/strings.h"
#include "config/steps.h"
#include "config/yaml_reader.h"

namespace bundlectl::config {

namespace fs = std::filesystem;
using core::Path;
using core::Value;

namespace {

const char* const k_variable_fields[] = {"description", "default", "type", "lookup"};

// The Databricks CLI's wording, with "<target>" as it prints it, not the target's name.
std::string required_message(const std::string& name) {
  return "no value assigned to required variable " + name +
         ". Variables are usually assigned in databricks.yml, and they can be overridden using "
         "\"--var\", the BUNDLE_VAR_" +
         name + " environment variable, or .databricks/bundle/<target>/variable-overrides.json";
}

// --var name=value pairs, in order; later ones win.
std::vector<std::pair<std::string, std::string>> parse_flag_values(const Bundle& bundle,
                                                                   core::Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const std::string& flag : bundle.options.variables) {
    std::size_t equals = flag.find('=');
    if (equals == std::string::npos || equals == 0) {
      diagnostics.error("unexpected flag value for variable assignment: " + flag);
      return values;
    }
    values.emplace_back(flag.substr(0, equals), flag.substr(equals + 1));
  }
  return values;
}

// .databricks/bundle/<target>/variable-overrides.json, read with locations (JSON is YAML).
Value read_overrides_file(Bundle& bundle, core::Diagnostics& diagnostics) {
  fs::path file =
      bundle.root / ".databricks" / "bundle" / bundle.target / "variable-overrides.json";
  std::error_code error;
  if (!fs::exists(fs::symlink_status(file, error))) return Value();
  util::FileText read = util::read_input_file(file);
  if (!read.text) {
    diagnostics.error(util::cannot_read(bundle.display_path(file), read));
    return Value();
  }
  std::uint32_t id = bundle.files.add(file.string());
  YamlDocument document = read_yaml(*read.text, id, bundle.files, diagnostics);
  if (!document.ok || document.empty) return Value();
  if (!document.root.is_mapping()) {
    diagnostics.error(
        "failed to parse variables file " + bundle.display_path(file) + ": invalid format", {}, {},
        "Variables file must be a JSON object with the following format:\n"
        "{\"var1\": \"value1\", \"var2\": \"value2\"}");
    return Value();
  }
  return std::move(document.root);
}

bool is_complex(const Value& variable) {
  const Value* type = variable.find("type");
  return type && type->is_string() && type->as_string() == "complex";
}

// `name: value` at the root is read as the variable's default; a null variable is an empty one.
void normalise_definition(core::MapEntry& entry) {
  Value& variable = entry.value;
  if (variable.is_null()) variable = Value::mapping(entry.key_location);
  if (!variable.is_mapping()) {
    Value shorthand = std::move(variable);
    variable = Value::mapping(shorthand.location());
    variable.set("default", std::move(shorthand), entry.key_location);
  }
}

void check_definition(Bundle& bundle, const core::MapEntry& entry, core::Diagnostics& diagnostics) {
  Path path = Path().key("variables").key(entry.key);
  std::vector<std::string> known(std::begin(k_variable_fields), std::end(k_variable_fields));
  for (const core::MapEntry& field : entry.value.entries()) {
    if (field.key != "value" && std::find(known.begin(), known.end(), field.key) == known.end()) {
      diagnostics.warning("unknown field: " + field.key + util::did_you_mean(field.key, known),
                          {bundle.files.describe(field.key_location)}, {path.key(field.key)});
    }
  }
  // As the Databricks CLI: an unknown type is an enum warning (an empty one is dropped
  // unseen), and the variable is read as a plain one.
  if (const Value* type = entry.value.find("type");
      type && !is_complex(entry.value) && !(type->is_string() && type->as_string().empty())) {
    diagnostics.add(core::Diagnostic{core::Severity::Warning,
                                     "invalid value " + util::quoted(type->scalar_text()) +
                                         " for enum field. Valid values are [complex]",
                                     {},
                                     locations_of(*type, bundle.files),
                                     {path.key("type")},
                                     "schema.enum"});
  }
}

bool has_value(const Value& variable) {
  const Value* value = variable.find("value");
  return value && !value->is_null();
}

// --var name=value, in order, as the Databricks CLI assigns them before any other source: a
// variable that is not declared, is complex, or already has a value is refused, and the first
// refusal ends the assignment.
bool assign_flag_values(Value& declared,
                        const std::vector<std::pair<std::string, std::string>>& flags,
                        core::Diagnostics& diagnostics) {
  for (const auto& [name, text] : flags) {
    Value* variable = declared.is_mapping() ? declared.find(name) : nullptr;
    if (!variable) {
      diagnostics.error("variable " + name + " has not been defined");
      return false;
    }
    if (is_complex(*variable)) {
      diagnostics.error("setting variables of complex type via --var flag is not supported: " +
                        name);
      return false;
    }
    if (has_value(*variable)) {
      diagnostics.error(
          "failed to assign " + text + " to " + name +
          ": variable has already been assigned value: " + variable->find("value")->scalar_text());
      return false;
    }
    variable->set("value", Value::string(text));
  }
  return true;
}

// A value from variable-overrides.json must be complex exactly when the variable is.
bool file_value_fits(const std::string& name, bool complex, const Value& value,
                     core::Diagnostics& diagnostics) {
  const bool complex_value = value.is_mapping() || value.is_sequence();
  if (complex && !complex_value) {
    diagnostics.error("variable " + name +
                      " is of type complex, but the value in the variable file is not a complex "
                      "type");
    return false;
  }
  if (!complex && complex_value) {
    diagnostics.error("variable " + name +
                      " is not of type complex, but the value in the variable file is a complex "
                      "type");
    return false;
  }
  return true;
}

}  // namespace

// --var values, with the definitions they go into checked first: as the Databricks CLI
// assigns them right after loading, before it asks who the user is, so that a refused flag
// stops validate with only the bundle's name and target known.
void assign_flag_variables(Bundle& bundle, core::Diagnostics& diagnostics) {
  auto flag_values = parse_flag_values(bundle, diagnostics);
  if (diagnostics.has_errors()) return;
  Value* declared = bundle.config.find("variables");
  if (declared && !declared->is_null() && !declared->is_mapping()) {
    diagnostics.error("variables must be a map of variable names to definitions",
                      locations_of(*declared, bundle.files), {Path().key("variables")});
    return;
  }
  std::vector<std::string> names;
  if (declared && declared->is_mapping()) {
    for (core::MapEntry& entry : declared->entries()) {
      names.push_back(entry.key);
      normalise_definition(entry);
      check_definition(bundle, entry, diagnostics);
    }
  }
  bundle.variable_names = names;
  Value none = Value::mapping();
  assign_flag_values(declared ? *declared : none, flag_values, diagnostics);
}

// The other sources, most specific first, as the Databricks CLI takes them: a value already
// set (`value:` in the definition, --var), BUNDLE_VAR_<name>, a lookup,
// variable-overrides.json, the default. The first variable without any value ends the step
// with the CLI's error.
void assign_variables(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* declared = bundle.config.find("variables");
  if (!declared || !declared->is_mapping()) return;
  Value overrides = read_overrides_file(bundle, diagnostics);
  if (diagnostics.has_errors()) return;

  for (core::MapEntry& entry : declared->entries()) {
    const std::string& name = entry.key;
    Path path = Path().key("variables").key(name);
    Value& variable = entry.value;
    const bool complex = is_complex(variable);
    if (has_value(variable)) continue;
    if (auto env = bundle.options.environment("BUNDLE_VAR_" + name)) {
      if (complex) {
        diagnostics.error("setting via environment variables (BUNDLE_VAR_" + name +
                          ") is not supported for complex variable " + name);
        return;
      }
      variable.set("value", Value::string(*env));
      continue;
    }
    // A lookup wins over variable-overrides.json and the default, as with the Databricks
    // CLI; the step resolve_lookups gives it its value.
    if (variable.find("lookup")) {
      continue;
    }
    if (const Value* from_file = overrides.find(name); from_file && !from_file->is_null()) {
      if (!file_value_fits(name, complex, *from_file, diagnostics)) return;
      variable.set("value", *from_file);
      continue;
    }
    if (const Value* fallback = variable.find("default"); fallback && !fallback->is_null()) {
      variable.set("value", *fallback);
      continue;
    }
    core::Diagnostic diagnostic;  // as the CLI prints it, with the definition for machines
    diagnostic.summary = required_message(name);
    diagnostic.unprinted_locations = locations_of(variable, bundle.files);
    diagnostics.add(std::move(diagnostic));
    return;
  }
}

}  // namespace bundlectl::config
