// The deploying user's own permission on every resource that lists permissions, and one level
// per principal, as the Databricks CLI leaves them before it prints or deploys a bundle.
//
// A deploy makes the deploying user the owner of what it creates; the Permissions API refuses a
// list that leaves the owner out or names the same principal at two levels. So each resource's
// permissions (when it has any) get the deploying user as IS_OWNER where the type has owners
// (jobs, pipelines, SQL warehouses) and no other entry is IS_OWNER, else as CAN_MANAGE; a
// CAN_MANAGE the user already has becomes IS_OWNER rather than a second entry. Then every
// principal keeps only its highest level, in the order the principals first appear. A bundle
// whose top-level permissions do not let its deployer manage it is told so (a recommendation).
#include <map>
#include <set>

#include "config/steps.h"

namespace bundlectl::config {

using core::Location;
using core::Value;

namespace {

constexpr const char* k_owner = "IS_OWNER";
constexpr const char* k_manage = "CAN_MANAGE";

// Secret scopes have ACLs of their own; cluster policies only have CAN_USE: neither gets an
// owner entry nor a merge of levels.
bool keeps_permissions_as_written(const std::string& type) {
  return type == "secret_scopes" || type == "cluster_policies";
}

bool has_owner_level(const std::string& type) {
  return type == "jobs" || type == "pipelines" || type == "sql_warehouses";
}

std::string text_of(const Value& entry, const char* key) {
  const Value* value = entry.is_mapping() ? entry.find(key) : nullptr;
  return value && value->is_string() ? value->as_string() : "";
}

// The user an entry names (a user or a service principal; a group is never the deploying user).
std::string user_of(const Value& entry) {
  std::string user = text_of(entry, "user_name");
  return user.empty() ? text_of(entry, "service_principal_name") : user;
}

// The principal as "<field>\n<name>", the field first in the order user, service principal,
// group; empty when the entry names none.
std::pair<std::string, std::string> principal_of(const Value& entry) {
  for (const char* field : {"user_name", "service_principal_name", "group_name"}) {
    std::string name = text_of(entry, field);
    if (!name.empty()) return {field, name};
  }
  return {"", ""};
}

// How much a level allows, for keeping the highest of two; levels not listed are ranked by the
// word they carry, as the CLI ranks them.
int level_rank(const std::string& level) {
  static const std::map<std::string, int> ranks = {{"CAN_VIEW", 2},
                                                   {"CAN_READ", 3},
                                                   {"CAN_VIEW_METADATA", 4},
                                                   {"CAN_RUN", 5},
                                                   {"CAN_QUERY", 6},
                                                   {"CAN_USE", 7},
                                                   {"CAN_EDIT", 8},
                                                   {"CAN_EDIT_METADATA", 9},
                                                   {"CAN_CREATE", 10},
                                                   {"CAN_ATTACH_TO", 11},
                                                   {"CAN_RESTART", 12},
                                                   {"CAN_MONITOR", 13},
                                                   {"CAN_MANAGE_RUN", 14},
                                                   {"CAN_MANAGE_STAGING_VERSIONS", 15},
                                                   {"CAN_MANAGE_PRODUCTION_VERSIONS", 16},
                                                   {"CAN_MANAGE", 17},
                                                   {"IS_OWNER", 18}};
  auto known = ranks.find(level);
  if (known != ranks.end()) return known->second;
  if (level.find("MANAGE") != std::string::npos) return ranks.at("CAN_MANAGE_RUN");
  if (level.find("EDIT") != std::string::npos) return ranks.at("CAN_EDIT");
  if (level.find("VIEW") != std::string::npos) return ranks.at("CAN_VIEW");
  return 0;
}

const std::string& higher_level(const std::string& a, const std::string& b) {
  int rank_a = level_rank(a);
  int rank_b = level_rank(b);
  if (rank_a == rank_b) return a >= b ? a : b;
  return rank_a > rank_b ? a : b;
}

Value permission(const std::string& field, const std::string& name, const char* level,
                 Location location) {
  Value entry = Value::mapping(location);
  entry.set("level", Value::string(level, location));
  entry.set(field, Value::string(name, location));
  return entry;
}

// Adds the deploying user's management permission, or raises their CAN_MANAGE to IS_OWNER.
void ensure_deploying_user(Value& permissions, const std::string& me, const std::string& type) {
  bool owner_free = has_owner_level(type);
  Value* my_manage = nullptr;
  for (Value& entry : permissions.items()) {
    const std::string level = text_of(entry, "level");
    if (level.empty()) continue;
    const std::string user = user_of(entry);
    if (level == k_owner) {
      if (user == me) return;  // already the owner: nothing to add
      owner_free = false;
    }
    if (user == me && level == k_manage) my_manage = &entry;
  }
  if (owner_free && my_manage) {
    my_manage->set("level", Value::string(k_owner, my_manage->find("level")->location()));
  } else if (owner_free || !my_manage) {
    const char* field = is_service_principal_name(me) ? "service_principal_name" : "user_name";
    permissions.items().push_back(
        permission(field, me, owner_free ? k_owner : k_manage, permissions.location()));
  }
}

// One entry per principal at the highest level it was given; entries without a level or a
// principal are dropped, as the API would reject them. Each field keeps where it was written.
void keep_highest_level(Value& permissions) {
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, Value> best;
  for (const Value& entry : permissions.items()) {
    const std::string level = text_of(entry, "level");
    auto principal = principal_of(entry);
    if (level.empty() || principal.first.empty()) continue;
    auto found = best.find(principal);
    if (found == best.end()) {
      order.push_back(principal);
      Value kept = Value::mapping(entry.location());
      kept.set("level", *entry.find("level"));
      kept.set(principal.first, *entry.find(principal.first));
      best.emplace(principal, std::move(kept));
    } else {
      const std::string kept = text_of(found->second, "level");
      if (higher_level(kept, level) != kept) found->second.set("level", *entry.find("level"));
    }
  }
  Value merged = Value::sequence(permissions.location());
  for (const auto& principal : order) merged.items().push_back(std::move(best.at(principal)));
  permissions = std::move(merged);
}

}  // namespace

void fix_permissions(Bundle& bundle, core::Diagnostics&) {
  Value* resources = bundle.config.find("resources");
  if (!bundle.user || !resources || !resources->is_mapping()) return;
  const std::string& me = bundle.user->user_name;
  for (core::MapEntry& type : resources->entries()) {
    if (!type.value.is_mapping() || keeps_permissions_as_written(type.key)) continue;
    for (core::MapEntry& resource : type.value.entries()) {
      Value* own = resource.value.is_mapping() ? resource.value.find("permissions") : nullptr;
      if (!own || !own->is_sequence()) continue;
      ensure_deploying_user(*own, me, type.key);
      keep_highest_level(*own);
    }
  }
}

void recommend_deploying_identity(Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value* permissions = bundle.config.find("permissions");
  if (!bundle.user || !permissions || !permissions->is_sequence() || permissions->items().empty()) {
    return;  // only a bundle that lists its permissions is asked to list its deployer
  }
  const std::string& me = bundle.user->user_name;
  std::set<std::string> my_groups;
  if (const Value* groups =
          bundle.user->reported.is_mapping() ? bundle.user->reported.find("groups") : nullptr;
      groups && groups->is_sequence()) {
    for (const Value& group : groups->items()) my_groups.insert(text_of(group, "display"));
  }
  for (const Value& entry : permissions->items()) {
    if (text_of(entry, "level") != k_manage) continue;
    if (text_of(entry, "user_name") == me || text_of(entry, "service_principal_name") == me) return;
    const std::string group = text_of(entry, "group_name");
    if (!group.empty() && my_groups.count(group)) return;
  }
  const char* field = is_service_principal_name(me) ? "service_principal_name" : "user_name";
  core::Diagnostic recommendation;
  recommendation.severity = core::Severity::Recommendation;
  recommendation.summary =
      "permissions section should explicitly include the current deployment identity '" + me +
      "' or one of its groups\nIf it is not included, CAN_MANAGE permissions are only applied "
      "if the present identity is used to deploy.\n\nConsider using a adding a top-level "
      "permissions section such as the following:\n\n  permissions:\n    - " +
      field + ": " + me +
      "\n      level: CAN_MANAGE\n\nSee "
      "https://docs.databricks.com/dev-tools/bundles/permissions.html to learn more about "
      "permission configuration.";
  recommendation.locations = {bundle.files.describe(permissions->location())};
  diagnostics.add(std::move(recommendation));
}

}  // namespace bundlectl::config
