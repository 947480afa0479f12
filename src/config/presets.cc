// Applies `presets` to every resource, as the Databricks CLI does: a name prefix (normalised
// for Unity Catalog names and serving endpoints), tags, a default max_concurrent_runs for
// jobs, a pause status for triggers (no continuous pipelines, no monitor schedules when
// paused), development pipelines.
#include <algorithm>
#include <cctype>

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
    {"genie_spaces", "title"},
    {"alerts", "display_name"},
};

// '[dev jane] ' → 'dev_jane_': the prefix as Unity Catalog and serving endpoint names take
// it, letters (any script) and digits kept, lower case, the rest one '_'.
std::string normalized_prefix(std::string prefix) {
  prefix.erase(std::remove(prefix.begin(), prefix.end(), '['), prefix.end());
  prefix = util::trim(prefix);
  const bool bracket = !prefix.empty() && prefix.back() == ']';
  std::string out;
  for (char c : prefix) {
    auto byte = static_cast<unsigned char>(c);
    const bool keep = byte >= 0x80 || std::isalnum(byte) != 0;
    if (keep) {
      out += static_cast<char>(std::tolower(byte));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out + (bracket ? "_" : "");
}

Value* resources_of(Bundle& bundle, const char* type) {
  Value* found = bundle.config.at({"resources", type});
  return found && found->is_mapping() ? found : nullptr;
}

// Calls visit(resource) for every resource of `type` that is a mapping.
template <typename Visit>
void for_each_resource(Bundle& bundle, const char* type, const Visit& visit) {
  Value* resources = resources_of(bundle, type);
  if (!resources) return;
  for (core::MapEntry& resource : resources->entries()) {
    if (resource.value.is_mapping()) visit(resource.value);
  }
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

// Unity Catalog schemas, registered models and serving endpoints take the normalised prefix;
// an experiment's name is a path whose last segment takes it.
void prefix_other_names(Bundle& bundle, const std::string& prefix) {
  const std::string normalized = normalized_prefix(prefix);
  const Value* skip = bundle.config.at({"experimental", "skip_name_prefix_for_schema"});
  const bool skip_schemas = skip && skip->is_bool() && skip->as_bool();
  for (const char* type : {"model_serving_endpoints", "registered_models", "schemas"}) {
    if (skip_schemas && std::string(type) == "schemas") continue;
    for_each_resource(bundle, type, [&](Value& resource) {
      Value* name = resource.find("name");
      if (name && name->is_string()) name->as_string() = normalized + name->as_string();
    });
  }
  for_each_resource(bundle, "experiments", [&](Value& resource) {
    Value* name = resource.find("name");
    if (!name || !name->is_string()) return;
    std::string& path = name->as_string();
    const std::size_t slash = path.rfind('/');
    path = slash == std::string::npos ? prefix + path
                                      : path.substr(0, slash + 1) + prefix + path.substr(slash + 1);
  });
}

// Tags as a list of {key, value} (models, experiments, warehouses' custom_tags): a key the
// resource has already keeps its value.
void add_tag_list(Value& owner, const char* field, const Value& tags) {
  Value* list = owner.find(field);
  if (!list || !list->is_sequence()) list = &owner.set(field, Value::sequence());
  for (const core::MapEntry& tag : tags.entries()) {
    bool present = false;
    for (const Value& item : list->items()) {
      const Value* key = item.is_mapping() ? item.find("key") : nullptr;
      present = present || (key && key->is_string() && key->as_string() == tag.key);
    }
    if (present) continue;
    Value entry = Value::mapping();
    entry.set("key", Value::string(tag.key));
    entry.set("value", tag.value);
    list->items().push_back(std::move(entry));
  }
}

void add_other_tags(Bundle& bundle, const Value& tags) {
  for (const char* type : {"models", "experiments"}) {
    for_each_resource(bundle, type, [&](Value& resource) { add_tag_list(resource, "tags", tags); });
  }
  for_each_resource(bundle, "sql_warehouses", [&](Value& resource) {
    Value* owner = resource.find("tags");
    if (!owner || !owner->is_mapping()) owner = &resource.set("tags", Value::mapping());
    add_tag_list(*owner, "custom_tags", tags);
  });
}

void add_tags(Bundle& bundle, const Value& tags) {
  const std::pair<const char*, const char*> tagged[] = {
      {"jobs", "tags"}, {"pipelines", "tags"}, {"clusters", "custom_tags"}};
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
  if (status.as_string() == "PAUSED") {
    // Pipelines stop being continuous; monitors lose a schedule unless it is explicitly
    // UNPAUSED, since they cannot be paused.
    for_each_resource(bundle, "pipelines", [](Value& pipeline) {
      if (pipeline.find("continuous")) pipeline.set("continuous", Value::boolean(false));
    });
    for_each_resource(bundle, "quality_monitors", [](Value& monitor) {
      const Value* pause = monitor.at({"schedule", "pause_status"});
      if (!pause || !pause->is_string() || pause->as_string() != "UNPAUSED") {
        monitor.erase("schedule");
      }
    });
  }
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
    prefix_other_names(bundle, prefix->as_string());
  }
  if (const Value* tags = presets->find("tags"); tags && tags->is_mapping() && tags->size() > 0) {
    add_tags(bundle, *tags);
    add_other_tags(bundle, *tags);
  }
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
      diagnostics.error("Invalid value for trigger_pause_status, should be PAUSED or UNPAUSED",
                        locations_of(*status, bundle.files));
    } else {
      pause_triggers(bundle, *status);
    }
  }
  if (const Value* development = presets->find("pipelines_development");
      development && development->is_bool() && development->as_bool()) {
    // Only an explicit true applies, and it wins over the pipeline's own value, as in the CLI.
    if (Value* pipelines = resources_of(bundle, "pipelines")) {
      for (core::MapEntry& pipeline : pipelines->entries()) {
        if (pipeline.value.is_mapping()) pipeline.value.set("development", *development);
      }
    }
  }
}

}  // namespace bundlectl::config
