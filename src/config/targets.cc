// Steps that choose a target and fold its overrides into the root configuration.
#include <algorithm>

#include "bundlectl/util/strings.h"
#include "config/merge.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

// Sections a target deep-merges into the root, and fields it replaces outright.
const char* const k_merged_sections[] = {"bundle", "workspace",   "artifacts", "resources",
                                         "sync",   "permissions", "presets"};
const char* const k_replaced_fields[] = {"run_as", "mode", "cluster_id", "compute_id"};
const char* const k_target_fields[] = {
    "default",     "mode",    "bundle", "workspace",  "artifacts",  "resources", "sync",
    "permissions", "presets", "run_as", "cluster_id", "compute_id", "variables", "git"};

std::vector<std::string> names_of(const Value& mapping) {
  std::vector<std::string> names;
  for (const core::MapEntry& entry : mapping.entries()) names.push_back(entry.key);
  return names;
}

// `targets`, or the deprecated `environments` with the same meaning.
Value* targets_of(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* targets = bundle.config.find("targets");
  if (!targets || targets->is_null()) {
    if (Value* environments = bundle.config.find("environments")) {
      diagnostics.warning(
          "environments is deprecated; rename it to targets",
          {bundle.files.describe(bundle.config.find_entry("environments")->key_location)},
          {Path().key("environments")});
      return environments;
    }
  }
  return targets;
}

// A target's variable value: the shorthand `name: value`, or the full `name: {default: ...}`
// / `{lookup: ...}` form. For a complex variable a map is the value itself unless it is
// exactly the full form.
bool is_full_variable_form(const Value& value) {
  if (!value.is_mapping() || value.entries().empty()) return false;
  for (const core::MapEntry& entry : value.entries()) {
    if (entry.key != "default" && entry.key != "lookup" && entry.key != "description" &&
        entry.key != "type") {
      return false;
    }
  }
  return value.find("default") || value.find("lookup");
}

void merge_target_variables(Bundle& bundle, Value& overrides, core::Diagnostics& diagnostics) {
  Path base = Path().key("targets").key(bundle.target).key("variables");
  if (!overrides.is_mapping()) {
    diagnostics.error("targets." + bundle.target + ".variables must be a map",
                      locations_of(overrides, bundle.files), {base});
    return;
  }
  Value* declared = bundle.config.find("variables");
  for (core::MapEntry& entry : overrides.entries()) {
    Value* variable = declared ? declared->find(entry.key) : nullptr;
    if (!variable) {
      std::vector<std::string> known =
          declared && declared->is_mapping() ? names_of(*declared) : std::vector<std::string>{};
      // The summary is the CLI's, word for word (people search for it); the suggestion
      // goes to the detail.
      std::string guess = util::nearest(entry.key, known);
      std::string detail = guess.empty() ? "" : "Did you mean " + util::quoted(guess) + "? ";
      diagnostics.error("variable " + entry.key + " is not defined but is assigned a value",
                        {bundle.files.describe(entry.key_location)}, {base.key(entry.key)},
                        detail + "Declare it under the top-level variables section first.");
      continue;
    }
    if (!variable->is_mapping()) *variable = Value::mapping(variable->location());
    if (is_full_variable_form(entry.value)) {
      for (const char* field : {"default", "lookup"}) {
        if (Value* given = entry.value.find(field)) {
          Value* current = variable->find(field);
          if (current) {
            replace_with(*current, std::move(*given));
          } else {
            variable->set(field, std::move(*given), entry.key_location);
          }
          // A target's lookup replaces the root default and the other way round.
          variable->erase(std::string(field) == "default" ? "lookup" : "default");
        }
      }
    } else {
      Value* current = variable->find("default");
      variable->erase("lookup");
      if (current) {
        replace_with(*current, std::move(entry.value));
      } else {
        variable->set("default", std::move(entry.value), entry.key_location);
      }
    }
  }
}

}  // namespace

void select_target(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* targets = targets_of(bundle, diagnostics);
  if (!targets || targets->is_null() || (targets->is_mapping() && targets->entries().empty())) {
    // A bundle without targets has one implicit target, as with the Databricks CLI.
    bundle.target_names = {"default"};
    Value synthesized = Value::mapping();
    synthesized.set("default", Value::mapping());
    bundle.config.set("targets", std::move(synthesized));
    targets = bundle.config.find("targets");
  }
  if (!targets->is_mapping()) {
    diagnostics.error("targets must be a map of target names to their settings",
                      locations_of(*targets, bundle.files), {Path().key("targets")});
    return;
  }
  bundle.target_names = names_of(*targets);
  std::string requested = bundle.options.target;
  std::string source = "-t";
  if (requested.empty()) {
    if (auto env = bundle.options.environment("DATABRICKS_BUNDLE_TARGET"); env && !env->empty()) {
      requested = *env;
      source = "DATABRICKS_BUNDLE_TARGET";
    }
  }
  std::string available = "available targets: " + util::join(bundle.target_names, ", ");
  if (!requested.empty()) {
    if (!targets->find(requested)) {
      diagnostics.error("target " + util::quoted(requested) + " (from " + source +
                            ") is not defined" + util::did_you_mean(requested, bundle.target_names),
                        {}, {Path().key("targets")}, available);
      return;
    }
    bundle.target = requested;
    return;
  }
  if (bundle.target_names.size() == 1) {
    bundle.target = bundle.target_names[0];
    return;
  }
  std::vector<std::string> defaults;
  std::vector<core::SourceLocation> where;
  for (const core::MapEntry& entry : targets->entries()) {
    const Value* is_default = entry.value.find("default");
    if (is_default && is_default->is_bool() && is_default->as_bool()) {
      defaults.push_back(entry.key);
      where.push_back(bundle.files.describe(is_default->location()));
    }
  }
  if (defaults.size() == 1) {
    bundle.target = defaults[0];
  } else if (defaults.empty()) {
    diagnostics.error("please specify a target: no target is marked default: true", {},
                      {Path().key("targets")}, available + " (choose one with -t)");
  } else {
    diagnostics.error("multiple targets are marked default: true: " + util::join(defaults, ", "),
                      where, {Path().key("targets")}, "Mark only one target as the default.");
  }
}

void merge_target_overrides(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* targets = targets_of(bundle, diagnostics);
  Value target = targets ? *targets->find(bundle.target) : Value::mapping();
  bundle.config.erase("targets");
  bundle.config.erase("environments");
  if (target.is_null()) target = Value::mapping(target.location());
  Path base = Path().key("targets").key(bundle.target);
  if (!target.is_mapping()) {
    diagnostics.error("target " + bundle.target + " must be a map",
                      locations_of(target, bundle.files), {base});
    return;
  }
  std::vector<std::string> known(std::begin(k_target_fields), std::end(k_target_fields));
  for (core::MapEntry& entry : target.entries()) {
    if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
      diagnostics.warning("unknown field: " + entry.key + util::did_you_mean(entry.key, known),
                          {bundle.files.describe(entry.key_location)}, {base.key(entry.key)});
    }
  }
  for (const char* section : k_merged_sections) {
    core::MapEntry* entry = target.find_entry(section);
    if (!entry || entry->value.is_null()) continue;
    if (Value* existing = bundle.config.find(section)) {
      merge_into(*existing, std::move(entry->value));
    } else {
      bundle.config.set(section, std::move(entry->value), entry->key_location);
    }
  }
  if (core::MapEntry* git = target.find_entry("git"); git && git->value.is_mapping()) {
    Value& bundle_section = bundle.config.find("bundle")
                                ? *bundle.config.find("bundle")
                                : bundle.config.set("bundle", Value::mapping());
    Value* existing = bundle_section.find("git");
    if (existing) {
      merge_into(*existing, std::move(git->value));
    } else {
      bundle_section.set("git", std::move(git->value), git->key_location);
    }
  }
  for (const char* field : k_replaced_fields) {
    core::MapEntry* entry = target.find_entry(field);
    if (!entry) continue;
    // mode, cluster_id and compute_id live in the bundle section of the resolved tree.
    bool in_bundle = std::string(field) != "run_as";
    Value& parent =
        in_bundle ? (bundle.config.find("bundle") ? *bundle.config.find("bundle")
                                                  : bundle.config.set("bundle", Value::mapping()))
                  : bundle.config;
    if (Value* existing = parent.find(field)) {
      replace_with(*existing, std::move(entry->value));
    } else {
      parent.set(field, std::move(entry->value), entry->key_location);
    }
  }
  if (core::MapEntry* variables = target.find_entry("variables");
      variables && !variables->value.is_null()) {
    merge_target_variables(bundle, variables->value, diagnostics);
  }
  // As the CLI, the target is named in the configuration only once it merged: a summary
  // after a refused override shows no Target line.
  if (diagnostics.has_errors()) return;
  Value& bundle_section = bundle.config.find("bundle")
                              ? *bundle.config.find("bundle")
                              : bundle.config.set("bundle", Value::mapping());
  bundle_section.set("target", Value::string(bundle.target));
  // As the Databricks CLI: the target under its old name too, for bundles that still read
  // ${bundle.environment}.
  bundle_section.set("environment", Value::string(bundle.target));
}

void merge_keyed_sequences(Bundle& bundle, core::Diagnostics&) {
  Value* jobs = bundle.config.at({"resources", "jobs"});
  if (jobs && jobs->is_mapping()) {
    for (core::MapEntry& job : jobs->entries()) {
      if (!job.value.is_mapping()) continue;
      if (Value* tasks = job.value.find("tasks"); tasks && tasks->is_sequence()) {
        merge_by_key(*tasks, "task_key");
        std::stable_sort(tasks->items().begin(), tasks->items().end(),
                         [](const Value& a, const Value& b) {
                           const Value* ka = a.find("task_key");
                           const Value* kb = b.find("task_key");
                           std::string x = ka && ka->is_string() ? ka->as_string() : "";
                           std::string y = kb && kb->is_string() ? kb->as_string() : "";
                           return x < y;
                         });
      }
      if (Value* clusters = job.value.find("job_clusters"))
        merge_by_key(*clusters, "job_cluster_key");
      if (Value* parameters = job.value.find("parameters")) merge_by_key(*parameters, "name");
      if (Value* environments = job.value.find("environments")) {
        merge_by_key(*environments, "environment_key");
      }
    }
  }
  Value* pipelines = bundle.config.at({"resources", "pipelines"});
  if (pipelines && pipelines->is_mapping()) {
    for (core::MapEntry& pipeline : pipelines->entries()) {
      if (Value* clusters = pipeline.value.find("clusters")) {
        merge_by_key(*clusters, "label", "default", KeyCase::Folded);
      }
    }
  }
}

}  // namespace bundlectl::config
