// Permissions of the bundle and of each resource: one principal per entry, a level that the
// resource's permissions API has, and at most one owner.
#include <algorithm>
#include <map>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Path;
using core::Severity;
using core::Value;

using Levels = std::vector<std::string>;

// The levels each resource type's permissions API accepts; types not listed are not checked.
const std::map<std::string, Levels>& levels_by_type() {
  static const std::map<std::string, Levels> levels = {
      {"jobs", {"CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"}},
      {"pipelines", {"CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"}},
      {"experiments", {"CAN_READ", "CAN_EDIT", "CAN_MANAGE"}},
      {"models",
       {"CAN_READ", "CAN_EDIT", "CAN_MANAGE_STAGING_VERSIONS", "CAN_MANAGE_PRODUCTION_VERSIONS",
        "CAN_MANAGE"}},
      {"model_serving_endpoints", {"CAN_VIEW", "CAN_QUERY", "CAN_MANAGE"}},
      {"clusters", {"CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"}},
      {"dashboards", {"CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"}},
      {"apps", {"CAN_USE", "CAN_MANAGE"}},
      {"sql_warehouses", {"CAN_VIEW", "CAN_MONITOR", "CAN_USE", "CAN_MANAGE", "IS_OWNER"}},
      {"alerts", {"CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"}},
      {"database_instances", {"CAN_USE", "CAN_MANAGE"}},
  };
  return levels;
}

// The top-level section: the bundle maps each level onto every resource it deploys.
const Levels k_top_levels = {"CAN_VIEW", "CAN_RUN", "CAN_MANAGE"};
const std::vector<std::string> k_principals = {"user_name", "group_name", "service_principal_name"};

bool present(const Value* value) {
  return value && !value->is_null() && !(value->is_string() && value->as_string().empty());
}

bool unresolved(const Value& value) {
  return value.is_string() && value.as_string().find("${") != std::string::npos;
}

// A secret scope's ACL entry without a principal, as the Databricks CLI words it: at the scope.
void report_secret_scope_principal(const CheckContext& context, const Value& scope, const Path& at,
                                   core::Diagnostics& diagnostics) {
  diagnostics.add(finding(Severity::Error, "permissions.principal",
                          "secret scope permission principal is required", context.bundle, scope,
                          at, "Set one of user_name, group_name or service_principal_name"));
}

void check_list(const CheckContext& context, const Value& list, const Path& path,
                const Levels* levels, const std::string& owner_kind, core::Diagnostics& diagnostics,
                const Value* secret_scope = nullptr) {
  if (!list.is_sequence()) return;
  std::size_t owners = 0;
  for (std::size_t i = 0; i < list.items().size(); ++i) {
    const Value& entry = list.items()[i];
    if (!entry.is_mapping()) continue;
    Path at = path.index(i);
    std::vector<std::string> named;
    for (const std::string& principal : k_principals) {
      if (present(entry.find(principal))) named.push_back(principal);
    }
    if (named.empty() && secret_scope) {
      report_secret_scope_principal(context, *secret_scope, at, diagnostics);
    } else if (named.size() != 1) {
      diagnostics.add(finding(
          Severity::Error, "permissions.principal",
          named.empty() ? "permission names no principal"
                        : "permission names more than one principal: " + util::join(named, ", "),
          context.bundle, entry, at,
          "Each permission names exactly one of user_name, group_name, service_principal_name."));
    }
    const Value* level = entry.find("level");
    if (!level || !level->is_string() || unresolved(*level) || !levels) continue;
    const std::string& name = level->as_string();
    if (name == "IS_OWNER") ++owners;
    if (name == "IS_OWNER" && owners == 2) {
      diagnostics.add(finding(Severity::Error, "permissions.multiple-owners",
                              owner_kind + " has more than one IS_OWNER permission", context.bundle,
                              *level, at.key("level"), "A resource has exactly one owner."));
    }
    if (std::find(levels->begin(), levels->end(), name) != levels->end()) continue;
    diagnostics.add(finding(Severity::Error, "permissions.invalid-level",
                            "permission level " + name + " is not valid for " + owner_kind +
                                util::did_you_mean(name, *levels),
                            context.bundle, *level, at.key("level"),
                            "Valid levels: " + util::join(*levels, ", ") + "."));
  }
}

}  // namespace

void check_permissions(const CheckContext& context, core::Diagnostics& diagnostics) {
  if (const Value* top = context.bundle.config.find("permissions")) {
    check_list(context, *top, Path().key("permissions"), &k_top_levels, "the bundle", diagnostics);
  }
  const Value* resources = context.bundle.config.find("resources");
  if (!resources || !resources->is_mapping()) return;
  for (const core::MapEntry& type : resources->entries()) {
    auto found = levels_by_type().find(type.key);
    const Levels* levels = found == levels_by_type().end() ? nullptr : &found->second;
    for_each_resource(context.bundle, type.key,
                      [&](const std::string& key, const Value& resource, const Path& path) {
                        const Value* list = resource.find("permissions");
                        if (!list) return;
                        check_list(context, *list, path.key("permissions"), levels,
                                   "resources." + type.key + "." + key, diagnostics,
                                   type.key == "secret_scopes" ? &resource : nullptr);
                      });
  }
}

}  // namespace bundlectl::validate
