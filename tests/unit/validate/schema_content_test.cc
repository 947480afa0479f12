// What the assembled bundle schema says, beyond being valid: a description on every property
// (editors show it on hover), internal fields kept out of completion, and the shapes that
// make editors and the validator agree with the Databricks CLI.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "bundlectl/validate/schema.h"
#include "validate/schema_set.h"

namespace bundlectl::validate {
namespace {

const nlohmann::json& definition(const std::string& name) {
  return bundle_schema().at("$defs").at(name);
}

// Every property of every "properties" map, as "<definition> <path>", that has no description.
std::vector<std::string> undescribed_properties() {
  std::vector<std::string> missing;
  std::function<void(const nlohmann::json&, const std::string&)> visit =
      [&](const nlohmann::json& node, const std::string& where) {
        if (!node.is_object()) return;
        for (const auto& [key, child] : node.items()) {
          if (key == "properties" && child.is_object()) {
            for (const auto& [name, property] : child.items()) {
              if (!property.contains("description")) missing.push_back(where + "." + name);
              visit(property, where + "." + name);
            }
          } else if (child.is_structured()) {
            visit(child, where);
          }
        }
      };
  for (const auto& [name, schema] : bundle_schema().at("$defs").items()) visit(schema, name);
  return missing;
}

TEST(SchemaContentTest, EveryPropertyHasADescription) {
  EXPECT_EQ(undescribed_properties(), std::vector<std::string>{});
  EXPECT_EQ(
      definition("jobs.job").at("properties").at("max_concurrent_runs").value("description", ""),
      "How many runs of this job may be active at once; further runs are skipped or queued.");
}

TEST(SchemaContentTest, InternalFieldsAreKeptOutOfCompletion) {
  const nlohmann::json& job = definition("jobs.job").at("properties");
  for (const char* field : {"deployment", "edit_mode", "format", "id", "url", "modified_status"}) {
    EXPECT_TRUE(job.at(field).value("doNotSuggest", false)) << field;
  }
  EXPECT_FALSE(job.at("name").value("doNotSuggest", false));
  const nlohmann::json& root = definition("bundle.root").at("properties");
  EXPECT_TRUE(root.at("bundle").at("properties").at("target").value("doNotSuggest", false));
  EXPECT_TRUE(
      root.at("workspace").at("properties").at("current_user").value("doNotSuggest", false));
}

TEST(SchemaContentTest, FollowsTheCliOnFieldsItAcceptsAndRejects) {
  EXPECT_FALSE(definition("jobs.trigger_settings").at("properties").contains("cron"));
  const nlohmann::json& task = definition("jobs.task").at("properties");
  for (const char* field :
       {"alert_task", "python_operator_task", "ai_runtime_task", "dbt_platform_task", "compute"}) {
    EXPECT_TRUE(task.contains(field)) << field;
  }
  EXPECT_TRUE(definition("jobs.job_run_as").at("properties").contains("group_name"));
  EXPECT_TRUE(definition("pipelines.pipeline").at("properties").contains("parameters"));
  const nlohmann::json& types =
      definition("bundle.root").at("properties").at("resources").at("properties");
  for (const char* type :
       {"catalogs", "external_locations", "instance_pools", "secrets", "job_runs"}) {
    EXPECT_TRUE(types.contains(type)) << type;
  }
  // Any top-level key, as the CLI's schema allows: the loader reports the unknown ones.
  EXPECT_EQ(definition("bundle.root").at("additionalProperties"), nlohmann::json::object());
}

TEST(SchemaContentTest, TypedLeavesListTheirTypeFirstAndKeepTheirNames) {
  // The type-normalising loader step finds leaves by these names.
  for (const char* leaf : {"string", "int", "number", "bool", "string_map", "string_list", "ref"}) {
    EXPECT_TRUE(bundle_schema().at("$defs").contains(leaf)) << leaf;
  }
  EXPECT_EQ(definition("int").at("anyOf").at(0), (nlohmann::json{{"type", "integer"}}));
  EXPECT_EQ(definition("bool").at("anyOf").at(0), (nlohmann::json{{"type", "boolean"}}));
  EXPECT_EQ(definition("jobs.job").at("properties").at("max_concurrent_runs").at("$ref"),
            "#/$defs/int");
}

TEST(SchemaContentTest, TheValidatorsCopyLeavesOutWhatOnlyEditorsRead) {
  const nlohmann::json& lean = SchemaSet::instance().document().at("$defs");
  const nlohmann::json& job = lean.at("jobs.job").at("properties");
  EXPECT_FALSE(job.at("name").contains("description"));
  EXPECT_FALSE(job.at("deployment").contains("doNotSuggest"));
  // A field named description is a property like any other.
  EXPECT_EQ(job.at("description"), (nlohmann::json{{"$ref", "#/$defs/string"}}));
  EXPECT_EQ(lean.size(), bundle_schema().at("$defs").size());
}

}  // namespace
}  // namespace bundlectl::validate
