// The bundle's `run_as` set on every job and pipeline that has none of its own, as the
// Databricks CLI does before it prints or deploys: runs then act as that identity rather than
// as whoever deployed. Resource types whose APIs have no run_as (serving endpoints, quality
// monitors, dashboards, apps) cannot be deployed with a run_as other than the deploying user.
#include <algorithm>

#include "config/steps.h"

namespace bundlectl::config {

using core::Path;
using core::Value;

namespace {

std::string text_of(const Value* map, const char* key) {
  const Value* value = map && map->is_mapping() ? map->find(key) : nullptr;
  return value && value->is_string() ? value->as_string() : "";
}

// The run_as of a job or pipeline: the identity fields that are set, nothing else.
Value identity_value(const Value& run_as) {
  Value out = Value::mapping(run_as.location());
  for (const char* key : {"service_principal_name", "user_name"}) {
    if (const Value* value = run_as.find(key);
        value && value->is_string() && !value->as_string().empty()) {
      out.set(key, *value);
    }
  }
  return out;
}

bool valid_run_as(const Bundle& bundle, const Value& run_as, core::Diagnostics& diagnostics) {
  const std::string principal = text_of(&run_as, "service_principal_name");
  const std::string user = text_of(&run_as, "user_name");
  const auto at = std::vector<core::SourceLocation>{bundle.files.describe(run_as.location())};
  if (principal.empty() && user.empty()) {
    // The Databricks CLI's words, at the section and without a path.
    diagnostics.error(
        "run_as section must specify exactly one non-empty identity: user_name, "
        "service_principal_name, or group_name",
        at);
    return false;
  }
  bool valid = true;
  if (!principal.empty() && !user.empty()) {
    diagnostics.error("run_as section cannot specify both user_name and service_principal_name",
                      at);
    valid = false;
  }
  const std::string identity = principal.empty() ? user : principal;
  if (!bundle.user || identity == bundle.user->user_name) return valid;
  const Value* resources = bundle.config.find("resources");
  for (const char* type : {"model_serving_endpoints", "quality_monitors", "dashboards", "apps"}) {
    const Value* of_type = resources ? resources->find(type) : nullptr;
    if (!of_type || !of_type->is_mapping() || of_type->entries().empty()) continue;
    diagnostics.error(std::string(type) +
                          " do not support a setting a run_as user that is different from the "
                          "owner.\nCurrent identity: " +
                          bundle.user->user_name + ". Run as identity: " + identity +
                          ".\nSee https://docs.databricks.com/dev-tools/bundles/run-as.html to "
                          "learn more about the run_as property.",
                      {bundle.files.describe(of_type->location())},
                      {Path().key("resources").key(type)});
    valid = false;
  }
  return valid;
}

void set_on(Value* resources, const char* type, const Value& identity) {
  Value* of_type = resources ? resources->find(type) : nullptr;
  if (!of_type || !of_type->is_mapping()) return;
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

}  // namespace

void set_run_as(Bundle& bundle, core::Diagnostics& diagnostics) {
  const core::MapEntry* entry = bundle.config.find_entry("run_as");
  if (!entry) return;
  const Value run_as = entry->value.is_null() ? Value::mapping(entry->key_location) : entry->value;
  Value* resources = bundle.config.find("resources");
  const Value* legacy = bundle.config.at({"experimental", "use_legacy_run_as"});
  if (legacy && legacy->is_bool() && legacy->as_bool()) {
    const Value identity = identity_value(run_as);
    make_run_as_pipeline_owner(bundle, identity);
    set_on(bundle.config.find("resources"), "jobs", identity);
    diagnostics.warning(
        "You are using the legacy mode of run_as. The support for this mode is experimental and "
        "might be removed in a future release of the CLI. In order to run the DLT pipelines in "
        "your DAB as the run_as user this mode changes the owners of the pipelines to the run_as "
        "identity, which requires the user deploying the bundle to be a workspace admin, and "
        "also a Metastore admin if the pipeline target is in UC.",
        {bundle.files.describe(legacy->location())},
        {Path().key("experimental").key("use_legacy_run_as")});
    return;
  }
  if (!run_as.is_mapping() || !valid_run_as(bundle, run_as, diagnostics)) return;
  const Value identity = identity_value(run_as);
  set_on(resources, "jobs", identity);
  set_on(resources, "pipelines", identity);
}

}  // namespace bundlectl::config
