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

std::string assignment_help(const std::string& name, const std::string& target) {
  return "Assignment can be done using \"--var\", by setting the BUNDLE_VAR_" + name +
         " environment variable, or in .databricks/bundle/" + target +
         "/variable-overrides.json file";
}

// --var name=value pairs, in order; later ones win.
std::vector<std::pair<std::string, std::string>> parse_flag_values(const Bundle& bundle,
                                                                   core::Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const std::string& flag : bundle.options.variables) {
    std::size_t equals = flag.find('=');
    if (equals == std::string::npos || equals == 0) {
      diagnostics.error("unexpected flag value for variable assignment: " + util::quoted(flag), {},
                        {}, "Use --var=\"name=value\".");
      continue;
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
    diagnostics.error("variable-overrides.json must hold a JSON object of variable values",
                      {bundle.files.describe(document.root.location())});
    return Value();
  }
  return std::move(document.root);
}

bool is_complex(const Value& variable) {
  const Value* type = variable.find("type");
  return type && type->is_string() && type->as_string() == "complex";
}

void resolve_lookup(Bundle& bundle, const std::string& name, Value& variable, const Value& lookup,
                    const Path& path, core::Diagnostics& diagnostics) {
  std::string kind, object;
  if (lookup.is_mapping() && lookup.size() == 1 && lookup.entries()[0].value.is_string()) {
    kind = lookup.entries()[0].key;
    object = lookup.entries()[0].value.as_string();
  } else {
    diagnostics.error("lookup of variable " + name + " must name one object, e.g. cluster: name",
                      locations_of(lookup, bundle.files), {path.key("lookup")});
    return;
  }
  std::string why = "no workspace is configured";
  if (bundle.options.workspace) {
    std::string error;
    if (auto id = bundle.options.workspace->resolve(kind, object, error)) {
      variable.set("value", Value::string(*id, lookup.location()));
      return;
    }
    why = error;
  }
  bundle.unresolvable_prefixes.push_back("var." + name);
  bundle.unresolvable_prefixes.push_back("variables." + name);
  diagnostics.warning("variable " + name + " is not resolved: lookup of " + kind + " " +
                          util::quoted(object) + " needs the workspace (" + why + ")",
                      locations_of(lookup, bundle.files), {path.key("lookup")},
                      "References to ${var." + name + "} are left as they are.");
}

}  // namespace

void assign_variables(Bundle& bundle, core::Diagnostics& diagnostics) {
  auto flag_values = parse_flag_values(bundle, diagnostics);
  Value* declared = bundle.config.find("variables");
  if (declared && !declared->is_null() && !declared->is_mapping()) {
    diagnostics.error("variables must be a map of variable names to definitions",
                      locations_of(*declared, bundle.files), {Path().key("variables")});
    return;
  }
  std::vector<std::string> names;
  if (declared && declared->is_mapping()) {
    for (const core::MapEntry& entry : declared->entries()) names.push_back(entry.key);
  }
  bundle.variable_names = names;
  for (const auto& [name, value] : flag_values) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      diagnostics.error("variable " + name + " (from --var) is not defined" +
                        util::did_you_mean(name, names));
    }
  }
  if (!declared || !declared->is_mapping()) return;
  Value overrides = read_overrides_file(bundle, diagnostics);

  for (core::MapEntry& entry : declared->entries()) {
    const std::string& name = entry.key;
    Path path = Path().key("variables").key(name);
    Value& variable = entry.value;
    if (variable.is_null()) variable = Value::mapping(entry.key_location);
    if (!variable.is_mapping()) {
      // `name: value` at the root is read as the variable's default.
      Value shorthand = std::move(variable);
      variable = Value::mapping(shorthand.location());
      variable.set("default", std::move(shorthand), entry.key_location);
    }
    for (const core::MapEntry& field : variable.entries()) {
      std::vector<std::string> known(std::begin(k_variable_fields), std::end(k_variable_fields));
      if (field.key != "value" && std::find(known.begin(), known.end(), field.key) == known.end()) {
        diagnostics.warning("unknown field: " + field.key + util::did_you_mean(field.key, known),
                            {bundle.files.describe(field.key_location)}, {path.key(field.key)});
      }
    }
    const bool complex = is_complex(variable);
    // As the Databricks CLI: an unknown type is an enum warning (an empty one is dropped
    // unseen), and the variable is read as a plain one.
    if (const Value* type = variable.find("type");
        type && !complex && !(type->is_string() && type->as_string().empty())) {
      diagnostics.add(core::Diagnostic{core::Severity::Warning,
                                       "invalid value " + util::quoted(type->scalar_text()) +
                                           " for enum field. Valid values are [complex]",
                                       {},
                                       locations_of(*type, bundle.files),
                                       {path.key("type")},
                                       "schema.enum"});
    }

    std::optional<Value> chosen;
    std::string refused_source;
    for (auto it = flag_values.rbegin(); it != flag_values.rend() && !chosen; ++it) {
      if (it->first == name) {
        chosen = Value::string(it->second);
        refused_source = "--var";
      }
    }
    if (!chosen) {
      if (auto env = bundle.options.environment("BUNDLE_VAR_" + name)) {
        chosen = Value::string(*env);
        refused_source = "BUNDLE_VAR_" + name;
      }
    }
    if (chosen && complex) {
      diagnostics.error(
          "variable " + name + " is of type complex and cannot be set from " + refused_source,
          {bundle.files.describe(entry.key_location)}, {path},
          "Set complex variables in the bundle or in variable-overrides.json.");
      continue;
    }
    if (!chosen) {
      if (const Value* from_file = overrides.find(name)) chosen = *from_file;
    }
    if (!chosen) {
      if (const Value* fallback = variable.find("default")) chosen = *fallback;
    }
    if (!chosen) {
      if (const Value* lookup = variable.find("lookup")) {
        resolve_lookup(bundle, name, variable, *lookup, path, diagnostics);
        continue;
      }
      diagnostics.error("no value assigned to required variable " + name + ". " +
                            assignment_help(name, bundle.target),
                        {bundle.files.describe(entry.key_location)}, {path});
      continue;
    }
    // Databricks' own templates assign `[]` to plain variables, so this stays a warning.
    if (!complex && (chosen->is_mapping() || chosen->is_sequence())) {
      diagnostics.warning("variable " + name +
                              " is not of type complex, but the value assigned is a " +
                              core::kind_name(chosen->kind()),
                          locations_of(*chosen, bundle.files), {path},
                          "Add \"type: complex\" to the variable to give it a map or list value.");
    }
    variable.set("value", std::move(*chosen));
  }
}

}  // namespace bundlectl::config
