// Serving endpoint settings the Databricks CLI refuses before deploying, in its words:
// - telemetry_config the serving API would accept at create and silently drop (the bundle
//   would deploy once and then drift, or fail, on every deploy after);
// - an empty entry in ai_gateway guardrails' invalid_keywords (it breaks the deployment).
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Value;

bool has_text(const Value* value) {
  return value && value->is_scalar() && !value->is_null() && !value->scalar_text().empty();
}

// Whether the endpoint serves at least one registered (custom or foundation) model: a served
// entity with entity_name and no external_model. served_models were already made entities
// while loading (fix_model_serving_endpoints).
bool serves_registered_model(const Value& endpoint) {
  const Value* entities = endpoint.at({"config", "served_entities"});
  if (!entities || !entities->is_sequence()) return false;
  for (const Value& entity : entities->items()) {
    if (!entity.is_mapping()) continue;
    const Value* external = entity.find("external_model");
    if ((!external || external->is_null()) && has_text(entity.find("entity_name"))) return true;
  }
  return false;
}

// Whether the configuration names an existing profile or a table to create one from.
bool names_telemetry_profile(const Value& telemetry) {
  if (has_text(telemetry.find("telemetry_profile_id"))) return true;
  const Value* tables = telemetry.find("table_names");
  if (!tables || !tables->is_mapping()) return false;
  for (const char* table : {"logs_table", "traces_table", "metrics_table", "annotations_table"}) {
    if (has_text(tables->find(table))) return true;
  }
  return false;
}

}  // namespace

namespace {

void check_invalid_keywords(const CheckContext& context, const Value& endpoint,
                            const core::Path& path, core::Diagnostics& diagnostics) {
  for (const char* direction : {"input", "output"}) {
    const Value* keywords =
        endpoint.at({"ai_gateway", "guardrails", direction, "invalid_keywords"});
    if (!keywords || !keywords->is_sequence()) continue;
    for (std::size_t i = 0; i < keywords->items().size(); ++i) {
      const Value& keyword = keywords->items()[i];
      if (!keyword.is_string() || !keyword.as_string().empty()) continue;
      diagnostics.add(finding(core::Severity::Error, "resources.serving-invalid-keyword",
                              "invalid_keywords entry must not be empty", context.bundle, keyword,
                              path.key("ai_gateway")
                                  .key("guardrails")
                                  .key(direction)
                                  .key("invalid_keywords")
                                  .index(i)));
    }
  }
}

void check_telemetry(const CheckContext& context, const Value& endpoint, const core::Path& path,
                     core::Diagnostics& diagnostics) {
  const Value* telemetry = endpoint.find("telemetry_config");
  if (!telemetry || !telemetry->is_mapping()) return;
  core::Path at = path.key("telemetry_config");
  if (!serves_registered_model(endpoint)) {
    diagnostics.add(
        finding(core::Severity::Error, "resources.serving-telemetry",
                "telemetry_config is only supported on an endpoint that serves a registered model",
                context.bundle, *telemetry, at,
                "The serving endpoints telemetry configuration API only supports endpoints with "
                "custom served models, so it rejects an endpoint that serves nothing or only "
                "external models. Add a served entity with entity_name, or remove "
                "telemetry_config."));
  }
  if (!names_telemetry_profile(*telemetry)) {
    diagnostics.add(
        finding(core::Severity::Error, "resources.serving-telemetry",
                "telemetry_config must name a table in table_names or set telemetry_profile_id",
                context.bundle, *telemetry, at,
                "The serving endpoints API identifies a telemetry configuration by the Unity "
                "Catalog tables to create a profile from (table_names) or by an existing profile "
                "(telemetry_profile_id). Given neither, it discards the configuration instead of "
                "applying it."));
  }
}

}  // namespace

void check_serving_endpoints(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(context.bundle, "model_serving_endpoints",
                    [&](const std::string&, const Value& endpoint, const core::Path& path) {
                      check_invalid_keywords(context, endpoint, path, diagnostics);
                      check_telemetry(context, endpoint, path, diagnostics);
                    });
}

}  // namespace bundlectl::validate
