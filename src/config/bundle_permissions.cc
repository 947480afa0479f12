// Top-level `permissions` spread onto the resources that take them, as the Databricks CLI does
// before it prints or deploys a bundle: each bundle level (CAN_MANAGE, CAN_VIEW, CAN_RUN)
// becomes the level the resource's Permissions API has for it (CAN_RUN on a job is
// CAN_MANAGE_RUN, CAN_VIEW on an experiment CAN_READ, ...), unless the resource already names
// that principal. Then the deploying user is taken out of every resource's permissions: a
// deploy makes them the owner, and the APIs refuse to change an owner's own access.
#include <algorithm>
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
      {"genie_spaces",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_VIEW"}, {"CAN_RUN", "CAN_RUN"}}},
      {"apps", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_USE"}}},
      {"secret_scopes", {{"CAN_MANAGE", "MANAGE"}, {"CAN_VIEW", "READ"}}},
      {"alerts", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_READ"}, {"CAN_RUN", "CAN_RUN"}}},
      {"sql_warehouses",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_VIEW"}, {"CAN_RUN", "CAN_MONITOR"}}},
      {"database_instances", {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_USE"}}},
      {"clusters",
       {{"CAN_MANAGE", "CAN_MANAGE"}, {"CAN_VIEW", "CAN_ATTACH_TO"}, {"CAN_RUN", "CAN_RESTART"}}},
  };
  return levels;
}

constexpr const char* k_principals[] = {"user_name", "group_name", "service_principal_name"};

std::string text_of(const Value& entry, const char* key) {
  const Value* value = entry.find(key);
  return value && value->is_string() ? value->as_string() : "";
}

// Whether the resource's own permissions already name one of the entry's principals.
bool names_same_principal(const Value& entry, const Value* existing) {
  if (!existing || !existing->is_sequence()) return false;
  for (const Value& own : existing->items()) {
    for (const char* principal : k_principals) {
      const std::string name = text_of(entry, principal);
      if (!name.empty() && name == text_of(own, principal)) return true;
    }
  }
  return false;
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
        if (level == levels.end() || !names_someone || names_same_principal(entry, own)) continue;
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

void filter_current_user_permissions(Bundle& bundle, core::Diagnostics&) {
  Value* resources = bundle.config.find("resources");
  if (!bundle.user || !resources || !resources->is_mapping()) return;
  const std::string& me = bundle.user->user_name;
  for (core::MapEntry& type : resources->entries()) {
    if (!type.value.is_mapping()) continue;
    for (core::MapEntry& resource : type.value.entries()) {
      Value* own = resource.value.is_mapping() ? resource.value.find("permissions") : nullptr;
      if (!own || !own->is_sequence()) continue;
      auto& items = own->items();
      items.erase(std::remove_if(items.begin(), items.end(),
                                 [&me](const Value& entry) {
                                   return text_of(entry, "user_name") == me ||
                                          text_of(entry, "service_principal_name") == me;
                                 }),
                  items.end());
    }
  }
}

}  // namespace bundlectl::config
