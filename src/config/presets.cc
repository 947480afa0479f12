// Applies `presets` to every resource, as the Databricks CLI does: a name prefix, tags,
// a default max_concurrent_runs for jobs, a pause status for triggers, development pipelines.
#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

// Resource types whose display name takes the prefix, and the field holding it.
const std::pair<const char*, const char*> k_named_resources[] = {
    {"jobs", "name"},
    {"pipelines", "name"},
    {"clusters", "cluster_name"},
    {"dashboards", "display_name"},
    {"sql_warehouses", "name"},
    {"models", "name"},
};

Value* resources_of(Bundle& bundle, const char* type) {
  Value* found = bundle.config.at({"resources", type});
  return found && found->is_mapping() ? found : nullptr;
}

bool unset(const Value* value) { return !value || value->is_null(); }

void prefix_names(Bundle& bundle, const std::string& prefix) {
  for (const auto& [type, field] : k_named_resources) {
    Value* resources = resources_of(bundle, type);
    if (!resources) continue;
    for (core::MapEntry& resource : resources->entries()) {
      if (!resource.value.is_mapping()) continue;
      Value* name = resource.value.find(field);
      if (name && name->is_string()) {
        name->as_string() = prefix + name->as_string();
      } else if (unset(name) && std::string(type) == "jobs") {
        // As the Databricks CLI: the prefix alone, so such a job is not "Untitled" later.
        resource.value.set(field, Value::string(prefix));
      }
    }
  }
}

void add_tags(Bundle& bundle, const Value& tags) {
  const std::pair<const char*, const char*> tagged[] = {{"jobs", "tags"}, {"pipelines", "tags"}};
  for (const auto& [type, field] : tagged) {
    Value* resources = resources_of(bundle, type);
    if (!resources) continue;
    for (core::MapEntry& resource : resources->entries()) {
      if (!resource.value.is_mapping()) continue;
      Value* existing = resource.value.find(field);
      if (!existing || !existing->is_mapping())
        existing = &resource.value.set(field, Value::mapping());
      for (const core::MapEntry& tag : tags.entries()) {
        if (!existing->find(tag.key))
          existing->set(tag.key, tag.value);  // the resource's own tag wins
      }
    }
  }
}

void pause_triggers(Bundle& bundle, const Value& status) {
  Value* jobs = resources_of(bundle, "jobs");
  if (!jobs) return;
  for (core::MapEntry& job : jobs->entries()) {
    for (const char* trigger : {"schedule", "trigger", "continuous"}) {
      Value* settings = job.value.find(trigger);
      if (settings && settings->is_mapping() && unset(settings->find("pause_status"))) {
        settings->set("pause_status", status);
      }
    }
  }
}

}  // namespace

void apply_presets(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* presets = bundle.config.find("presets");
  if (!presets || !presets->is_mapping()) return;
  Path base = Path().key("presets");
  if (const Value* prefix = presets->find("name_prefix"); prefix && prefix->is_string()) {
    prefix_names(bundle, prefix->as_string());
  }
  if (const Value* tags = presets->find("tags"); tags && tags->is_mapping())
    add_tags(bundle, *tags);
  if (const Value* runs = presets->find("jobs_max_concurrent_runs"); runs && !runs->is_null()) {
    if (!runs->is_int() || runs->as_int() < 1) {
      diagnostics.error("presets.jobs_max_concurrent_runs must be a positive integer",
                        locations_of(*runs, bundle.files), {base.key("jobs_max_concurrent_runs")});
    } else if (Value* jobs = resources_of(bundle, "jobs")) {
      for (core::MapEntry& job : jobs->entries()) {
        if (job.value.is_mapping() && unset(job.value.find("max_concurrent_runs"))) {
          job.value.set("max_concurrent_runs", *runs);
        }
      }
    }
  }
  if (const Value* status = presets->find("trigger_pause_status"); status && !status->is_null()) {
    if (!status->is_string() ||
        (status->as_string() != "PAUSED" && status->as_string() != "UNPAUSED")) {
      diagnostics.error("presets.trigger_pause_status must be PAUSED or UNPAUSED",
                        locations_of(*status, bundle.files), {base.key("trigger_pause_status")});
    } else {
      pause_triggers(bundle, *status);
    }
  }
  if (const Value* development = presets->find("pipelines_development");
      development && development->is_bool()) {
    if (Value* pipelines = resources_of(bundle, "pipelines")) {
      for (core::MapEntry& pipeline : pipelines->entries()) {
        if (pipeline.value.is_mapping() && unset(pipeline.value.find("development"))) {
          pipeline.value.set("development", *development);
        }
      }
    }
  }
}

}  // namespace bundlectl::config
