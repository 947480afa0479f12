// The bundle's `run_as` set on every job, pipeline and alert that has none of its own, as the
// Databricks CLI does before it prints or deploys: runs then act as that identity rather than
// as whoever deployed. The identity is exactly one of a user, a service principal or a group.
// Resource types whose APIs have no run_as (serving endpoints, quality monitors, apps,
// dashboards that embed credentials) cannot be deployed with a run_as other than the deploying
// user; pipelines and alerts cannot run as a group, so each needs its own run_as then.
#include <algorithm>

#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

constexpr const char* k_identity_keys[] = {"user_name", "service_principal_name", "group_name"};

std::string text_of(const Value* map, const char* key) {
  const Value* value = map && map->is_mapping() ? map->find(key) : nullptr;
  return value && value->is_string() ? value->as_string() : "";
}

// The run_as a resource gets: the identity fields that are set (a group only where the
// resource type can run as one), nothing else.
Value identity_value(const Value& run_as, bool with_group) {
  Value out = Value::mapping(run_as.location());
  for (const char* key : k_identity_keys) {
    if (!with_group && std::string(key) == "group_name") continue;
    if (const Value* value = run_as.find(key);
        value && value->is_string() && !value->as_string().empty()) {
      out.set(key, *value);
    }
  }
  return out;
}

std::string not_supported(const std::string& what, const Bundle& bundle,
                          const std::string& identity) {
  return what +
         " do not support a setting a run_as user that is different from the owner.\n"
         "Current identity: " +
         bundle.user->user_name + ". Run as identity: " + identity +
         ".\nSee https://docs.databricks.com/dev-tools/bundles/run-as.html to learn more about "
         "the run_as property.";
}

// Each pipeline or alert without a run_as of its own, which would inherit a group.
void refuse_inherited_group(const Bundle& bundle, const char* type, const char* singular,
                            core::Diagnostics& diagnostics) {
  const Value* of_type = bundle.config.at({"resources", type});
  if (!of_type || !of_type->is_mapping()) return;
  for (const core::MapEntry& resource : of_type->entries()) {
    if (resource.value.is_mapping() && resource.value.find("run_as")) continue;
    diagnostics.error(std::string(type) +
                          " do not support run_as.group_name; set run_as.user_name or "
                          "run_as.service_principal_name on this " +
                          singular + " to override the bundle run_as",
                      {bundle.files.describe(resource.value.location())});
  }
}

// Resource types that always run as their owner, and dashboards that embed its credentials.
void refuse_other_identity(const Bundle& bundle, const std::string& identity,
                           core::Diagnostics& diagnostics) {
  const Value* resources = bundle.config.find("resources");
  if (!resources || !resources->is_mapping()) return;
  for (const char* type : {"model_serving_endpoints", "quality_monitors"}) {
    const Value* of_type = resources->find(type);
    if (!of_type || !of_type->is_mapping() || of_type->entries().empty()) continue;
    diagnostics.error(not_supported(type, bundle, identity),
                      {bundle.files.describe(of_type->location())});
  }
  if (const Value* dashboards = resources->find("dashboards");
      dashboards && dashboards->is_mapping()) {
    for (const core::MapEntry& dashboard : dashboards->entries()) {
      const Value* embed =
          dashboard.value.is_mapping() ? dashboard.value.find("embed_credentials") : nullptr;
      if (!embed || !embed->is_bool() || !embed->as_bool()) continue;
      diagnostics.error(
          not_supported("dashboards with embed_credentials set to true", bundle, identity),
          {bundle.files.describe(dashboard.value.location())});
    }
  }
  const Value* apps = resources->find("apps");
  if (apps && apps->is_mapping() && !apps->entries().empty()) {
    diagnostics.error(not_supported("apps", bundle, identity),
                      {bundle.files.describe(apps->location())});
  }
}

bool valid_run_as(const Bundle& bundle, const Value& run_as, core::Diagnostics& diagnostics) {
  const std::string principal = text_of(&run_as, "service_principal_name");
  const std::string user = text_of(&run_as, "user_name");
  const std::string group = text_of(&run_as, "group_name");
  const int identities = !principal.empty() + !user.empty() + !group.empty();
  if (identities != 1) {
    // The Databricks CLI's words, at the section and without a path.
    diagnostics.error(
        "run_as section must specify exactly one non-empty identity: user_name, "
        "service_principal_name, or group_name",
        {bundle.files.describe(run_as.location())});
    return false;
  }
  std::string identity = principal.empty() ? user : principal;
  if (!bundle.user || (group.empty() && identity == bundle.user->user_name)) return true;
  core::Diagnostics found;
  if (!group.empty()) {
    identity = "group \"" + group + "\"";
    refuse_inherited_group(bundle, "pipelines", "pipeline", found);
    refuse_inherited_group(bundle, "alerts", "alert", found);
  }
  refuse_other_identity(bundle, identity, found);
  const bool valid = !found.has_errors();
  diagnostics.append(found);
  return valid;
}

void set_on(Value* resources, const char* type, const Value& identity) {
  Value* of_type = resources ? resources->find(type) : nullptr;
  if (!of_type || !of_type->is_mapping() || identity.entries().empty()) return;
  for (core::MapEntry& resource : of_type->entries()) {
    if (resource.value.is_mapping() && !resource.value.find("run_as")) {
      resource.value.set("run_as", identity);
    }
  }
}

// experimental.use_legacy_run_as: pipelines are owned by the run_as identity instead.
void make_run_as_pipeline_owner(Bundle& bundle, const Value& identity) {
  const std::string principal = text_of(&identity, "service_principal_name");
  const std::string user = text_of(&identity, "user_name");
  if (bundle.user && (user == bundle.user->user_name || principal == bundle.user->user_name))
    return;
  Value* pipelines = bundle.config.at({"resources", "pipelines"});
  if (!pipelines || !pipelines->is_mapping()) return;
  for (core::MapEntry& pipeline : pipelines->entries()) {
    if (!pipeline.value.is_mapping()) continue;
    Value* permissions = pipeline.value.find("permissions");
    if (!permissions || !permissions->is_sequence()) {
      permissions = &pipeline.value.set("permissions", Value::sequence(identity.location()));
    }
    auto& items = permissions->items();
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Value& p) {
                                 return (!principal.empty() &&
                                         text_of(&p, "service_principal_name") == principal) ||
                                        (!user.empty() && text_of(&p, "user_name") == user);
                               }),
                items.end());
    Value owner = identity;
    owner.set("level", Value::string("IS_OWNER", identity.location()));
    items.push_back(std::move(owner));
  }
}

void apply_legacy_run_as(Bundle& bundle, const Value& run_as, const Value& flag,
                         core::Diagnostics& diagnostics) {
  if (const Value* group = run_as.is_mapping() ? run_as.find("group_name") : nullptr) {
    diagnostics.error(
        "run_as.group_name is not supported with experimental.use_legacy_run_as; disable "
        "experimental.use_legacy_run_as to use a group identity",
        {bundle.files.describe(group->location())});
    return;
  }
  const Value identity =
      run_as.is_mapping() ? identity_value(run_as, false) : Value::mapping(run_as.location());
  make_run_as_pipeline_owner(bundle, identity);
  set_on(bundle.config.find("resources"), "jobs", identity);
  diagnostics.warning(
      "You are using the legacy mode of run_as. The support for this mode is experimental and "
      "might be removed in a future release of the CLI. In order to run the pipelines in your "
      "DABs project as the run_as user this mode changes the owners of the pipelines to the "
      "run_as identity, which requires the user deploying the bundle to be a workspace admin, "
      "and also a Metastore admin if the pipeline target is in UC.",
      {bundle.files.describe(flag.location())},
      {Path().key("experimental").key("use_legacy_run_as")});
}

}  // namespace

void set_run_as(Bundle& bundle, core::Diagnostics& diagnostics) {
  const core::MapEntry* entry = bundle.config.find_entry("run_as");
  // `run_as:` with nothing after it is no run_as, as in the CLI's typed configuration.
  if (!entry || entry->value.is_null()) return;
  const Value run_as = entry->value;
  const Value* legacy = bundle.config.at({"experimental", "use_legacy_run_as"});
  if (legacy && legacy->is_bool() && legacy->as_bool()) {
    apply_legacy_run_as(bundle, run_as, *legacy, diagnostics);
    return;
  }
  if (!run_as.is_mapping() || !valid_run_as(bundle, run_as, diagnostics)) return;
  Value* resources = bundle.config.find("resources");
  set_on(resources, "jobs", identity_value(run_as, true));
  set_on(resources, "pipelines", identity_value(run_as, false));
  set_on(resources, "alerts", identity_value(run_as, false));
}

}  // namespace bundlectl::config
