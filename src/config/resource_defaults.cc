// The defaults the Databricks CLI fills into resources before it prints or deploys them: the
// values its Terraform provider would otherwise fill in, so that a plan compares equal with
// what the workspace returns. Only these; the APIs' other server-side defaults stay unset.
//
// A default is set only where its key is absent (or null), and only below a parent that exists:
// `schedule.pause_status` is filled in an existing schedule, never by creating one.
#include <filesystem>
#include <functional>

#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Value;

namespace {

struct Default {
  const char* type;  // resources.<type>
  // Keys below each resource, "[]" for every element of a sequence; the last one is set.
  std::vector<std::string> keys;
  std::function<Value(const Bundle&)> value;
  // Which resources of the type take the default; all when empty.
  std::function<bool(const Value& resource)> applies = nullptr;
};

// Ingestion pipelines (managed connectors) run on serverless compute chosen by the service:
// the CLI leaves their edition and channel unset (its pipeline_defaults scenario).
bool is_not_ingestion(const Value& pipeline) {
  return !pipeline.is_mapping() || !pipeline.find("ingestion_definition");
}

Value text(const char* value) { return Value::string(value); }

Value resource_path(const Bundle& bundle) {
  const Value* path = bundle.config.at({"workspace", "resource_path"});
  return path && path->is_string() ? Value::string(path->as_string()) : Value::null();
}

const std::vector<Default>& resource_defaults() {
  auto constant = [](Value value) { return [value](const Bundle&) { return value; }; };
  static const std::vector<Default> defaults = {
      {"dashboards", {"parent_path"}, resource_path},
      {"dashboards", {"embed_credentials"}, constant(Value::boolean(false))},
      {"genie_spaces", {"parent_path"}, resource_path},
      {"volumes", {"volume_type"}, constant(text("MANAGED"))},
      {"alerts", {"parent_path"}, resource_path},
      {"jobs", {"name"}, constant(text("Untitled"))},
      {"jobs", {"max_concurrent_runs"}, constant(Value::integer(1))},
      {"jobs", {"schedule", "pause_status"}, constant(text("UNPAUSED"))},
      {"jobs", {"trigger", "pause_status"}, constant(text("UNPAUSED"))},
      {"jobs", {"continuous", "pause_status"}, constant(text("UNPAUSED"))},
      {"jobs",
       {"queue"},
       [](const Bundle&) {
         Value queue = Value::mapping();
         queue.set("enabled", Value::boolean(true));
         return queue;
       }},
      {"jobs",
       {"job_clusters", "[]", "new_cluster", "workload_type", "clients", "notebooks"},
       constant(Value::boolean(true))},
      {"jobs",
       {"job_clusters", "[]", "new_cluster", "workload_type", "clients", "jobs"},
       constant(Value::boolean(true))},
      {"pipelines", {"edition"}, constant(text("ADVANCED")), is_not_ingestion},
      {"pipelines", {"channel"}, constant(text("CURRENT")), is_not_ingestion},
      {"pipelines", {"clusters", "[]", "label"}, constant(text("default"))},
      {"sql_warehouses", {"auto_stop_mins"}, constant(Value::integer(120))},
      {"sql_warehouses", {"enable_photon"}, constant(Value::boolean(true))},
      {"sql_warehouses", {"max_num_clusters"}, constant(Value::integer(1))},
      {"sql_warehouses", {"spot_instance_policy"}, constant(text("COST_OPTIMIZED"))},
      {"apps", {"description"}, constant(text(""))},
      {"clusters", {"autotermination_minutes"}, constant(Value::integer(60))},
      {"clusters", {"workload_type", "clients", "notebooks"}, constant(Value::boolean(true))},
      {"clusters", {"workload_type", "clients", "jobs"}, constant(Value::boolean(true))},
  };
  return defaults;
}

// Sets keys.back() on every node that keys[from..size-1) reaches from `node`.
void set_below(Value& node, const std::vector<std::string>& keys, std::size_t from,
               const Value& value) {
  if (from + 1 == keys.size()) {
    if (!node.is_mapping()) return;
    const Value* existing = node.find(keys.back());
    if (!existing || existing->is_null()) node.set(keys.back(), value);
    return;
  }
  if (keys[from] == "[]") {
    if (!node.is_sequence()) return;
    for (Value& item : node.items()) set_below(item, keys, from + 1, value);
    return;
  }
  if (!node.is_mapping()) return;
  if (Value* child = node.find(keys[from])) set_below(*child, keys, from + 1, value);
}

// The Workspace API reports parent paths under /Workspace; a bundle may leave the prefix out.
void prefix_parent_paths(Bundle& bundle, const char* type) {
  Value* resources = bundle.config.at({"resources", type});
  if (!resources || !resources->is_mapping()) return;
  for (core::MapEntry& resource : resources->entries()) {
    Value* parent = resource.value.is_mapping() ? resource.value.find("parent_path") : nullptr;
    if (!parent || !parent->is_string()) continue;
    std::string& path = parent->as_string();
    if (path == "/Workspace" || util::starts_with(path, "/Workspace/")) continue;
    path = std::filesystem::path("/Workspace/" + path).lexically_normal().generic_string();
    while (path.size() > 1 && path.back() == '/') path.pop_back();
  }
}

}  // namespace

void fill_resource_defaults(Bundle& bundle, core::Diagnostics&) {
  for (const Default& entry : resource_defaults()) {
    Value* resources = bundle.config.at({"resources", entry.type});
    if (!resources || !resources->is_mapping()) continue;
    Value value = entry.value(bundle);
    if (value.is_null()) continue;
    for (core::MapEntry& resource : resources->entries()) {
      if (entry.applies && !entry.applies(resource.value)) continue;
      set_below(resource.value, entry.keys, 0, value);
    }
  }
}

void prefix_workspace_parent_paths(Bundle& bundle, core::Diagnostics&) {
  prefix_parent_paths(bundle, "dashboards");
  prefix_parent_paths(bundle, "genie_spaces");
}

}  // namespace bundlectl::config
