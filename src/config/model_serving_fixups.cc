// Serving endpoints as the Databricks CLI fixes them up before it prints or deploys them:
// served_models, which the serving API deprecates, become served_entities (with a warning at
// them), and every served entity without a workload_size gets the API's own default, Small,
// so that a plan compares equal with what the workspace returns. An endpoint with both lists
// is left as written: the validate check refuses it.
#include <utility>

#include "config/steps.h"

namespace bundlectl::config {

using core::Value;

namespace {

// A served model's fields as a served entity names them; fields a served entity does not
// have are dropped, as the CLI's typed conversion drops them.
Value served_model_as_entity(const Value& model) {
  static const std::pair<const char*, const char*> k_fields[] = {
      {"model_name", "entity_name"},
      {"model_version", "entity_version"},
      {"environment_vars", "environment_vars"},
      {"instance_profile_arn", "instance_profile_arn"},
      {"max_provisioned_throughput", "max_provisioned_throughput"},
      {"min_provisioned_throughput", "min_provisioned_throughput"},
      {"name", "name"},
      {"provisioned_model_units", "provisioned_model_units"},
      {"scale_to_zero_enabled", "scale_to_zero_enabled"},
      {"workload_size", "workload_size"},
      {"workload_type", "workload_type"},
      {"max_provisioned_concurrency", "max_provisioned_concurrency"},
      {"min_provisioned_concurrency", "min_provisioned_concurrency"},
  };
  Value entity = Value::mapping(model.location());
  for (const auto& [from, to] : k_fields) {
    const core::MapEntry* entry = model.find_entry(from);
    if (entry) entity.set(to, entry->value, entry->key_location);
  }
  return entity;
}

bool is_non_empty_sequence(const Value* value) {
  return value && value->is_sequence() && !value->items().empty();
}

// The warning has a location and no path, as the CLI's has.
void fix_endpoint(Bundle& bundle, Value& config, core::Diagnostics& diagnostics) {
  Value* models = config.find("served_models");
  if (is_non_empty_sequence(models)) {
    if (is_non_empty_sequence(config.find("served_entities"))) return;
    diagnostics.warning("Using served_models is deprecated",
                        {bundle.files.describe(models->location())}, {},
                        "The served_models field is deprecated. Please use served_entities "
                        "instead.");
    Value entities = Value::sequence(models->location());
    for (const Value& model : models->items()) {
      entities.items().push_back(model.is_mapping() ? served_model_as_entity(model) : model);
    }
    config.erase("served_models");
    config.set("served_entities", std::move(entities));
  }
  Value* entities = config.find("served_entities");
  if (!entities || !entities->is_sequence()) return;
  for (Value& entity : entities->items()) {
    if (!entity.is_mapping()) continue;
    const Value* size = entity.find("workload_size");
    if (!size || size->is_null() || (size->is_string() && size->as_string().empty())) {
      entity.set("workload_size", Value::string("Small"));
    }
  }
}

}  // namespace

void fix_model_serving_endpoints(Bundle& bundle, core::Diagnostics& diagnostics) {
  Value* endpoints = bundle.config.at({"resources", "model_serving_endpoints"});
  if (!endpoints || !endpoints->is_mapping()) return;
  for (core::MapEntry& endpoint : endpoints->entries()) {
    if (!endpoint.value.is_mapping()) continue;
    Value* config = endpoint.value.find("config");
    if (config && config->is_mapping()) {
      fix_endpoint(bundle, *config, diagnostics);
    }
  }
}

}  // namespace bundlectl::config
