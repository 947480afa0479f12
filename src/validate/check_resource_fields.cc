// Fields of resources that the Databricks CLI checks before deploying, with its wording:
// identifiers that are empty, blank or hold control characters, what dashboards, SQL
// warehouses and grants need, values that only the deployment may set (etags, deployment ids),
// and serving endpoints that mix the old and the new way of naming what they serve.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Path;
using core::Severity;
using core::Value;

std::string text_of(const Value* value) {
  return value && value->is_scalar() && !value->is_null() ? value->scalar_text() : "";
}

bool is_set(const Value* value) { return !text_of(value).empty(); }

bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::iscntrl(static_cast<unsigned char>(c)) != 0; });
}

bool is_blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

// "is required", "must not contain control characters", "must not be blank", or nothing.
std::string identifier_problem(const std::string& text, bool required) {
  if (text.empty()) return required ? "is required" : "";
  if (has_control_character(text)) return "must not contain control characters";
  if (is_blank(text)) return "must not be blank";
  return "";
}

struct IdentifierFields {
  const char* type;                                  // resources.<type>
  const char* singular;                              // how the summary names it
  std::vector<std::pair<const char*, bool>> fields;  // field, required
};

const std::vector<IdentifierFields>& identifier_fields() {
  static const std::vector<IdentifierFields> list = {
      {"models", "model", {{"name", true}}},
      {"catalogs", "catalog", {{"name", true}}},
      {"schemas", "schema", {{"name", true}, {"catalog_name", false}}},
      {"volumes", "volume", {{"name", true}, {"catalog_name", false}, {"schema_name", false}}},
      {"external_locations", "external_location", {{"name", true}}},
      {"registered_models",
       "registered_model",
       {{"name", true}, {"catalog_name", false}, {"schema_name", false}}},
      {"model_serving_endpoints", "model_serving_endpoint", {{"name", true}}},
  };
  return list;
}

void check_identifiers(const CheckContext& context, core::Diagnostics& diagnostics) {
  for (const IdentifierFields& kind : identifier_fields()) {
    for_each_resource(context.bundle, kind.type,
                      [&](const std::string&, const Value& resource, const Path& path) {
                        for (const auto& [field, required] : kind.fields) {
                          const Value* value = resource.find(field);
                          // Only strings: a reference left for the deployment is not checked.
                          if (value && !value->is_null() && !value->is_string()) continue;
                          std::string problem = identifier_problem(text_of(value), required);
                          if (problem.empty()) continue;
                          // As the Databricks CLI: at the field, or at the resource when it is not
                          // written.
                          core::Diagnostic d =
                              finding(Severity::Error, "resources.invalid-identifier",
                                      std::string(kind.singular) + " " + field + " " + problem,
                                      context.bundle, value ? *value : resource, path.key(field));
                          d.sort_group = "identifiers";  // the CLI sorts these by summary
                          diagnostics.add(std::move(d));
                        }
                      });
  }
}

void check_pipeline_libraries(const CheckContext& context, core::Diagnostics& diagnostics) {
  static const std::vector<std::pair<const char*, const char*>> kinds = {
      {"file", "path"}, {"notebook", "path"}, {"glob", "include"}};
  for_each_resource(
      context.bundle, "pipelines",
      [&](const std::string&, const Value& pipeline, const Path& path) {
        const Value* libraries = pipeline.find("libraries");
        if (!libraries || !libraries->is_sequence()) return;
        for (std::size_t i = 0; i < libraries->items().size(); ++i) {
          const Value& library = libraries->items()[i];
          if (!library.is_mapping()) continue;
          for (const auto& [kind, field] : kinds) {
            const Value* entry = library.find(kind);
            if (!entry || !entry->is_mapping()) continue;
            if (!is_blank(text_of(entry->find(field)))) continue;
            core::Diagnostic d =
                finding(Severity::Error, "resources.invalid-identifier",
                        std::string("pipeline library ") + kind + " " + field + " is required",
                        context.bundle, library, path.key("libraries").index(i).key(kind));
            d.sort_group = "pipeline-libraries";  // sorted apart from identifiers, as the CLI
            diagnostics.add(std::move(d));
          }
        }
      });
}

// Adds `path` and the lines of `value` to a finding that lists every resource lacking the
// same field: the Databricks CLI reports each missing dashboard field once, for all of them.
void add_to_grouped(std::optional<core::Diagnostic>& grouped, const std::string& summary,
                    const config::Bundle& bundle, const Value& value, const Path& path) {
  core::Diagnostic one =
      finding(Severity::Error, "resources.required-field", summary, bundle, value, path);
  if (!grouped) {
    grouped = std::move(one);
    return;
  }
  grouped->paths.push_back(path);
  grouped->locations.insert(grouped->locations.end(), one.locations.begin(), one.locations.end());
}

void check_dashboards(const CheckContext& context, core::Diagnostics& diagnostics) {
  std::optional<core::Diagnostic> no_name;
  std::optional<core::Diagnostic> no_warehouse;
  for_each_resource(context.bundle, "dashboards",
                    [&](const std::string&, const Value& dashboard, const Path& path) {
                      if (!is_set(dashboard.find("display_name"))) {
                        add_to_grouped(no_name, "dashboard display_name is required",
                                       context.bundle, dashboard, path);
                      }
                      if (!is_set(dashboard.find("warehouse_id"))) {
                        add_to_grouped(no_warehouse, "dashboard warehouse_id is required",
                                       context.bundle, dashboard, path);
                      }
                      if (is_set(dashboard.find("etag"))) {
                        diagnostics.add(finding(
                            Severity::Error, "resources.etag",
                            "dashboard " + util::quoted(text_of(dashboard.find("display_name"))) +
                                " has an etag set. Etags must not be set in bundle "
                                "configuration",
                            context.bundle, dashboard, path));
                      }
                    });
  if (no_name) diagnostics.add(std::move(*no_name));
  if (no_warehouse) diagnostics.add(std::move(*no_warehouse));
  for_each_resource(
      context.bundle, "genie_spaces",
      [&](const std::string&, const Value& space, const Path& path) {
        if (!is_set(space.find("etag"))) return;
        diagnostics.add(finding(Severity::Error, "resources.etag",
                                "genie space " + util::quoted(text_of(space.find("title"))) +
                                    " has an etag set. Etags must not be set in bundle "
                                    "configuration",
                                context.bundle, space, path));
      });
}

void check_sql_warehouses(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(
      context.bundle, "sql_warehouses",
      [&](const std::string&, const Value& warehouse, const Path& path) {
        const Value* name = warehouse.find("name");
        if (name && !name->is_null() && !name->is_string()) return;
        std::string text = text_of(name);
        if (!text.empty() && !is_blank(text)) return;
        bool missing = text.empty();
        diagnostics.add(finding(
            Severity::Error, "resources.required-field",
            missing ? "sql_warehouse name is required" : "sql_warehouse name must not be blank",
            context.bundle, missing ? warehouse : *name, path.key("name")));
      });
}

// deployment_id and version_id name a deployment and its version; the deployment sets them.
void check_deployment_fields(const CheckContext& context, core::Diagnostics& diagnostics) {
  for (const char* type : {"jobs", "pipelines"}) {
    for_each_resource(
        context.bundle, type, [&](const std::string&, const Value& resource, const Path& path) {
          const Value* deployment = resource.find("deployment");
          if (!deployment || !deployment->is_mapping()) return;
          for (const char* field : {"deployment_id", "version_id"}) {
            const Value* value = deployment->find(field);
            if (!is_set(value)) continue;
            diagnostics.add(finding(
                Severity::Error, "resources.reserved-field",
                std::string(field) + " must not be set in bundle configuration; it is managed by "
                                     "Declarative Automation Bundles",
                context.bundle, *value, path.key("deployment").key(field)));
          }
        });
  }
}

void check_served_entities(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(
      context.bundle, "model_serving_endpoints",
      [&](const std::string&, const Value& endpoint, const Path&) {
        const Value* config = endpoint.find("config");
        if (!config || !config->is_mapping()) return;
        const Value* models = config->find("served_models");
        const Value* entities = config->find("served_entities");
        if (!models || models->is_null() || !entities || entities->is_null()) return;
        core::Diagnostic d = finding(
            Severity::Error, "resources.served-models-and-entities",
            "Cannot use both served_models and served_entities", context.bundle, endpoint, Path(),
            "Model serving endpoint cannot specify both served_models and served_entities at the "
            "same time.");
        d.paths.clear();  // the Databricks CLI names no path for this one
        diagnostics.add(std::move(d));
      });
}

// A grant without a principal grants nothing; Unity Catalog refuses it.
void check_grants(const CheckContext& context, core::Diagnostics& diagnostics) {
  const Value* resources = context.bundle.config.find("resources");
  if (!resources || !resources->is_mapping()) return;
  for (const core::MapEntry& type : resources->entries()) {
    for_each_resource(context.bundle, type.key,
                      [&](const std::string&, const Value& resource, const Path& path) {
                        const Value* grants = resource.find("grants");
                        if (!grants || !grants->is_sequence()) return;
                        for (std::size_t i = 0; i < grants->items().size(); ++i) {
                          const Value& grant = grants->items()[i];
                          if (!grant.is_mapping() || is_set(grant.find("principal"))) continue;
                          diagnostics.add(finding(Severity::Error, "resources.grant-principal",
                                                  "grant principal is required", context.bundle,
                                                  grant, path.key("grants").index(i)));
                        }
                      });
  }
}

// A job run's idempotency token is the deployment's: it sets one on each run-now request.
void check_job_run_tokens(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(
      context.bundle, "job_runs", [&](const std::string&, const Value& run, const Path& path) {
        const Value* token = run.find("idempotency_token");
        if (!is_set(token)) return;
        diagnostics.add(finding(Severity::Error, "resources.reserved-field",
                                "idempotency_token must not be set in bundle "
                                "configuration; the CLI sets it on each run-now "
                                "request",
                                context.bundle, *token, path.key("idempotency_token")));
      });
}

// Unity Catalog keeps dropped data 0 hours, or 7 to 30 days; it refuses other retentions.
void check_retention_hours(const CheckContext& context, core::Diagnostics& diagnostics) {
  for (const char* type : {"catalogs", "schemas"}) {
    for_each_resource(
        context.bundle, type, [&](const std::string&, const Value& resource, const Path& path) {
          const Value* hours = resource.find("custom_max_retention_hours");
          if (!hours || !hours->is_int()) return;
          std::int64_t value = hours->as_int();
          if (value == 0 || (value >= 168 && value <= 720)) return;
          diagnostics.add(finding(Severity::Error, "resources.retention-hours",
                                  "custom_max_retention_hours must be 0 or between 168 and 720 "
                                  "hours (7 to 30 days), got " +
                                      std::to_string(value),
                                  context.bundle, *hours, path.key("custom_max_retention_hours")));
        });
  }
}

}  // namespace

void check_resource_fields(const CheckContext& context, core::Diagnostics& diagnostics) {
  check_identifiers(context, diagnostics);
  check_pipeline_libraries(context, diagnostics);
  check_dashboards(context, diagnostics);
  check_sql_warehouses(context, diagnostics);
  check_deployment_fields(context, diagnostics);
  check_served_entities(context, diagnostics);
  check_grants(context, diagnostics);
  check_job_run_tokens(context, diagnostics);
  check_retention_hours(context, diagnostics);
}

}  // namespace bundlectl::validate
