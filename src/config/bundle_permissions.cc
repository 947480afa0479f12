// Top-level `permissions` spread onto the resources that take them, as the Databricks CLI does
// before it prints or deploys a bundle: each bundle level (CAN_MANAGE, CAN_VIEW, CAN_RUN)
// becomes the level the resource's Permissions API has for it (CAN_RUN on a job is
// CAN_MANAGE_RUN, CAN_VIEW on an experiment CAN_READ, ...), unless the resource already names
// that principal (which is warned about, as the CLI warns). An empty list of permissions on a
// resource of those types is no list at all.
#include <map>

#include "bundlectl/util/strings.h"
#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

using LevelMap = std::map<std::string, std::string>;

// Resource type → bundle level → the resource's level; a level a type lacks is not applied.
const std::map<std::string, LevelMap>& levels_by_type() {
  static const std::map<std::string, LevelMap> levels = {
      {"jobs",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_VIEW"}, {"CAN_RUN", "CAN_MANAGE_RUN"}}},
      {"pipelines",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_VIEW"}, {"CAN_RUN", "CAN_RUN"}}},
      {"experiments", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_READ"}}},
      {"models", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_READ"}}},
      {"model_serving_endpoints",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_VIEW"}, {"CAN_RUN", "CAN_QUERY"}}},
      {"dashboards", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_READ"}}},
      {"genie_spaces", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_READ"}}},
      {"apps", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_USE"}}},
      {"secret_scopes", {{"CAN_MANAGE", "MANAGE"}, {"CAN_VIEW", "READ"}}},
      {"alerts", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_READ"}, {"CAN_RUN", "CAN_RUN"}}},
      {"sql_warehouses",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_VIEW"}, {"CAN_RUN", "CAN_MONITOR"}}},
      {"database_instances", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_USE"}}},
      {"postgres_projects", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_USE"}}},
      {"clusters",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_ATTACH_TO"}, {"CAN_RUN", "CAN_RESTART"}}},
      {"vector_search_endpoints", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_USE"}}},
      {"instance_pools", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_ATTACH_TO"}}},
  };
  return levels;
}

constexpr const char* k_principals[] = {"user_name", "group_name", "service_principal_name"};

std::string text_of(const Value& entry, const char* key) {
  const Value* value = entry.find(key);
  return value && value->is_string() ? value->as_string() : "";
}

// Whether the resource's own permissions already name one of the entry's principals; each
// such principal is warned about in the CLI's words, which name the resource type.
bool overlaps_own_permissions(const Value& entry, const Value* existing, const std::string& type,
                              core::Diagnostics& diagnostics) {
  static const std::pair<const char*, const char*> k_kinds[] = {
      {"group_name", "group"},
      {"user_name", "user name"},
      {"service_principal_name", "service principal name"}};
  if (!existing || !existing->is_sequence()) return false;
  bool overlap = false;
  for (const Value& own : existing->items()) {
    for (const auto& [principal, kind] : k_kinds) {
      const std::string name = text_of(own, principal);
      if (name.empty() || name != text_of(entry, principal)) continue;
      diagnostics.warning("'" + type + "' already has permissions set for '" + name + "' " + kind);
      overlap = true;
    }
  }
  return overlap;
}

// A resource whose permissions are an empty list has none (the CLI prints no list).
void drop_empty_permissions(Value& resources) {
  for (const auto& [type, levels] : levels_by_type()) {
    Value* of_type = resources.find(type);
    if (!of_type || !of_type->is_mapping()) continue;
    for (core::MapEntry& resource : of_type->entries()) {
      if (!resource.value.is_mapping()) continue;
      const Value* own = resource.value.find("permissions");
      if (own && (own->is_null() || (own->is_sequence() && own->items().empty()))) {
        resource.value.erase("permissions");
      }
    }
  }
}

bool valid_levels(const Bundle& bundle, const Value& permissions, core::Diagnostics& diagnostics) {
  bool valid = true;
  for (std::size_t i = 0; i < permissions.items().size(); ++i) {
    const Value& entry = permissions.items()[i];
    const std::string level = text_of(entry, "level");
    if (level == "CAN_MANAGE" || level == "CAN_VIEW" || level == "CAN_RUN") continue;
    const Value* at = entry.find("level");
    diagnostics.error(
        "invalid permission level: " + level + ", allowed values: [CAN_MANAGE, CAN_VIEW, CAN_RUN]",
        {bundle.files.describe(at ? at->location() : entry.location())},
        {Path().key("permissions").index(i).key("level")});
    valid = false;
  }
  return valid;
}

}  // namespace

void apply_bundle_permissions(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* permissions = bundle.config.find("permissions");
  Value* resources = bundle.config.find("resources");
  if (resources && resources->is_mapping()) drop_empty_permissions(*resources);
  if (!permissions || !permissions->is_sequence() || permissions->items().empty()) return;
  if (!valid_levels(bundle, *permissions, diagnostics) || !resources || !resources->is_mapping()) {
    return;
  }
  for (const auto& [type, levels] : levels_by_type()) {
    Value* of_type = resources->find(type);
    if (!of_type || !of_type->is_mapping()) continue;
    for (core::MapEntry& resource : of_type->entries()) {
      if (!resource.value.is_mapping()) continue;
      std::vector<Value> added;
      const Value* own = resource.value.find("permissions");
      for (const Value& entry : permissions->items()) {
        auto level = levels.find(text_of(entry, "level"));
        // An entry that names no principal is reported where it is written, not once more on
        // every resource it would have been copied to.
        const bool names_someone = !text_of(entry, "user_name").empty() ||
                                   !text_of(entry, "group_name").empty() ||
                                   !text_of(entry, "service_principal_name").empty();
        if (level == levels.end() || !names_someone ||
            overlaps_own_permissions(entry, own, type, diagnostics)) {
          continue;
        }
        Value granted = Value::mapping(entry.location());
        granted.set("level", Value::string(level->second, entry.location()));
        for (const char* principal : k_principals) {
          if (const Value* name = entry.find(principal)) granted.set(principal, *name);
        }
        added.push_back(std::move(granted));
      }
      if (added.empty()) continue;
      Value* target = resource.value.find("permissions");
      if (!target || !target->is_sequence()) {
        target = &resource.value.set("permissions", Value::sequence(permissions->location()));
      }
      for (Value& granted : added) target->items().push_back(std::move(granted));
    }
  }
}

}  // namespace bundlectl::config
