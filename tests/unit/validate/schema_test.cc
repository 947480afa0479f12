// The schema check on small bundles written by each test, and the schema files themselves.
#include "bundlectl/validate/schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "bundlectl/config/load.h"
#include "support/source_tree.h"
#include "support/stand_in_sources.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"
#include "validate/checks.h"
#include "validate/schema_files.h"
#include "validate/schema_set.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

class SchemaCheckTest : public ::testing::Test {
 protected:
  // Loads databricks.yml (plus `resources`, written to resources.yml and included) and
  // returns every finding of the schema check as
  // "severity: file:line:col: summary [rule] at path".
  Messages check(const std::string& resources) { return check_after(resources, false); }

  // As check(), preceded by the findings of loading (an unknown field is dropped there).
  Messages load_and_check(const std::string& resources) { return check_after(resources, true); }

  Messages check_after(const std::string& resources, bool with_load_findings) {
    m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [resources.yml]\n");
    m_dir.write("resources.yml", resources);
    config::LoadOptions load;
    load.chdir = m_dir.path();
    load.user = "jane.doe@example.com";
    load.environment = [](const std::string&) -> std::optional<std::string> {
      return std::nullopt;
    };
    testing::write_stand_in_sources(m_dir);
    config::LoadResult result = config::load_bundle(load);
    EXPECT_FALSE(result.diagnostics.has_errors()) << "the bundle did not load";
    Options options;
    core::Diagnostics found;
    if (with_load_findings) found.append(result.diagnostics);
    check_schema(CheckContext{result.bundle, options}, found);
    found.sort();
    Messages out;
    for (const core::Diagnostic& d : found) {
      std::string where;
      for (const core::SourceLocation& l : d.locations) {
        where += " " + result.bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
                 std::to_string(l.column);
      }
      std::string paths;
      for (const core::Path& p : d.paths) paths += " at " + p.to_string();
      out.push_back(std::string(core::severity_name(d.severity)) + ":" + where + ": " + d.summary +
                    " [" + d.rule + "]" + paths);
    }
    return out;
  }

  testing::TempDir m_dir;
};

// A secret scope's ACL level is an enum of the Databricks CLI's own (x-cli-own-enum in the
// schema): its warning lists the levels as declared, not sorted, and prints no line; the
// machine formats still find the value through unprinted_locations.
TEST_F(SchemaCheckTest, SecretScopeLevelIsTheCliOwnEnumWarnedWithoutALine) {
  EXPECT_EQ(
      check("resources:\n"
            "  secret_scopes:\n"
            "    keys:\n"
            "      name: keys\n"
            "      permissions:\n"
            "        - {level: VIEW, group_name: users}\n"
            "  jobs:\n"
            "    etl:\n"
            "      name: etl\n"
            "      permissions:\n"
            "        - {level: CAN_VIEWW, group_name: users}\n"),
      (Messages{"warning:: invalid value \"VIEW\" for enum field. Valid values are [READ WRITE "
                "MANAGE] [schema.enum] at resources.secret_scopes.keys.permissions[0].level",
                "warning: resources.yml:11:19: invalid value \"CAN_VIEWW\" for enum field. "
                "Valid values are [CAN_MANAGE CAN_MANAGE_RUN CAN_VIEW IS_OWNER] "
                "[schema.enum] at resources.jobs.etl.permissions[0].level"}));
}

// Loading drops a field the bundle format does not have, with this warning, as the CLI's typed
// configuration drops it; the schema check never sees it.
TEST_F(SchemaCheckTest, UnknownFieldIsAWarningAtTheKeyWithTheNearestFieldName) {
  EXPECT_EQ(load_and_check("resources:\n"
                           "  jobs:\n"
                           "    etl:\n"
                           "      name: etl\n"
                           "      max_concurent_runs: 2\n"),
            (Messages{"warning: resources.yml:5:7: unknown field: max_concurent_runs, did you "
                      "mean \"max_concurrent_runs\"? [schema.unknown-field] at "
                      "resources.jobs.etl"}));
}

// As with the Databricks CLI: the misspelled field is dropped while loading, so the field it
// stands for is then missing too.
TEST_F(SchemaCheckTest, MisspelledRequiredFieldIsDroppedAndThenMissing) {
  EXPECT_EQ(load_and_check("resources:\n"
                           "  jobs:\n"
                           "    etl:\n"
                           "      tasks:\n"
                           "        - task_key: a\n"
                           "          notebook_task:\n"
                           "            notebok_path: ./a.py\n"),
            (Messages{"warning: resources.yml:7:13: unknown field: notebok_path, did you mean "
                      "\"notebook_path\"? [schema.unknown-field] at "
                      "resources.jobs.etl.tasks[0].notebook_task",
                      "warning: resources.yml:7:13: required field \"notebook_path\" is not set "
                      "[schema.missing-field] at resources.jobs.etl.tasks[0].notebook_task"}));
}

TEST_F(SchemaCheckTest, MissingRequiredFieldIsAWarningAtTheMappingThatLacksIt) {
  EXPECT_EQ(check("resources:\n"
                  "  jobs:\n"
                  "    etl:\n"
                  "      schedule:\n"
                  "        quartz_cron_expression: 0 0 1 * * ?\n"),
            (Messages{"warning: resources.yml:5:9: required field \"timezone_id\" is not set "
                      "[schema.missing-field] at resources.jobs.etl.schedule"}));
}

TEST_F(SchemaCheckTest, BadEnumValueIsAWarningListingTheAllowedValuesSorted) {
  EXPECT_EQ(check("resources:\n"
                  "  jobs:\n"
                  "    etl:\n"
                  "      schedule:\n"
                  "        quartz_cron_expression: 0 0 1 * * ?\n"
                  "        timezone_id: UTC\n"
                  "        pause_status: PAUSE\n"),
            (Messages{"warning: resources.yml:7:23: invalid value \"PAUSE\" for enum field. "
                      "Valid values are [PAUSED UNPAUSED] [schema.enum] at "
                      "resources.jobs.etl.schedule.pause_status"}));
}

// Values of the wrong type never reach the schema check: loading drops them with a warning,
// as the Databricks CLI does (tests/unit/config/type_normalisation_test.cc).
TEST_F(SchemaCheckTest, WrongTypesAreDroppedBeforeTheCheck) {
  EXPECT_EQ(check("resources:\n"
                  "  jobs:\n"
                  "    etl:\n"
                  "      max_concurrent_runs: many\n"
                  "      timeout_seconds: [1]\n"
                  "      tags: [a, b]\n"),
            Messages{});
}

TEST_F(SchemaCheckTest, ReferenceStringIsAcceptedInAnIntField) {
  EXPECT_EQ(check("resources:\n"
                  "  jobs:\n"
                  "    other: {name: other}\n"
                  "    etl:\n"
                  "      timeout_seconds: \"3600\"\n"
                  "      tasks:\n"
                  "        - task_key: a\n"
                  "          run_job_task:\n"
                  "            job_id: ${resources.jobs.other.id}\n"),
            Messages{});
}

TEST_F(SchemaCheckTest, JobWithEveryTaskTypeIsAccepted) {
  EXPECT_EQ(
      check("resources:\n"
            "  jobs:\n"
            "    all:\n"
            "      name: all\n"
            "      tags: {team: data, cost: 12}\n"
            "      timeout_seconds: 3600\n"
            "      max_concurrent_runs: 1\n"
            "      queue: {enabled: true}\n"
            "      performance_target: STANDARD\n"
            "      parameters: [{name: day, default: '2024-01-01'}]\n"
            "      run_as: {service_principal_name: abc}\n"
            "      permissions: [{level: CAN_VIEW, group_name: users}]\n"
            "      email_notifications: {on_failure: [a@example.com], no_alert_for_skipped_runs: "
            "true}\n"
            "      webhook_notifications: {on_start: [{id: hook}]}\n"
            "      notification_settings: {no_alert_for_canceled_runs: true}\n"
            "      health: {rules: [{metric: RUN_DURATION_SECONDS, op: GREATER_THAN, value: "
            "600}]}\n"
            "      schedule: {quartz_cron_expression: '0 0 1 * * ?', timezone_id: UTC, "
            "pause_status: UNPAUSED}\n"
            "      git_source: {git_url: 'https://github.com/a/b', git_provider: gitHub, "
            "git_branch: main}\n"
            "      job_clusters:\n"
            "        - job_cluster_key: c\n"
            "          new_cluster:\n"
            "            spark_version: 15.4.x-scala2.12\n"
            "            node_type_id: i3.xlarge\n"
            "            autoscale: {min_workers: 1, max_workers: 4}\n"
            "            aws_attributes: {availability: SPOT_WITH_FALLBACK, first_on_demand: 1}\n"
            "            spark_conf: {spark.speculation: true}\n"
            "            data_security_mode: SINGLE_USER\n"
            "      environments: [{environment_key: e, spec: {client: '2', dependencies: "
            "[pandas]}}]\n"
            "      tasks:\n"
            "        - {task_key: nb, job_cluster_key: c, notebook_task: {notebook_path: ./nb.py, "
            "base_parameters: {x: 1}}, libraries: [{whl: ./a.whl}, {pypi: {package: "
            "requests}}]}\n"
            "        - {task_key: py, environment_key: e, spark_python_task: {python_file: "
            "./a.py, parameters: [a]}}\n"
            "        - {task_key: whl, environment_key: e, python_wheel_task: {package_name: "
            "p, entry_point: main}}\n"
            "        - {task_key: jar, job_cluster_key: c, spark_jar_task: {main_class_name: "
            "a.B}, libraries: [{jar: ./a.jar}]}\n"
            "        - {task_key: submit, job_cluster_key: c, spark_submit_task: {parameters: "
            "[--class, a.B]}}\n"
            "        - {task_key: dlt, pipeline_task: {pipeline_id: '123', full_refresh: "
            "false}}\n"
            "        - {task_key: run, run_job_task: {job_id: 42, job_parameters: {a: b}}}\n"
            "        - {task_key: sql, sql_task: {warehouse_id: w, file: {path: ./q.sql}}}\n"
            "        - {task_key: dbt, dbt_task: {commands: [dbt run], project_directory: "
            "./dbt}}\n"
            "        - {task_key: cond, depends_on: [{task_key: run}], condition_task: {op: "
            "EQUAL_TO, left: '1', right: '1'}}\n"
            "        - {task_key: each, depends_on: [{task_key: cond, outcome: 'true'}], "
            "for_each_task: {inputs: '[1,2]', concurrency: 2, task: {task_key: inner, "
            "notebook_task: {notebook_path: ./nb.py}}}}\n"
            "        - {task_key: room, clean_rooms_notebook_task: {clean_room_name: r, "
            "notebook_name: n}}\n"
            "        - {task_key: dash, dashboard_task: {dashboard_id: d, warehouse_id: w, "
            "subscription: {paused: false, subscribers: [{user_name: a@example.com}]}}}\n"
            "        - {task_key: pbi, power_bi_task: {connection_resource_name: c, "
            "power_bi_model: {workspace_name: w, model_name: m, storage_mode: IMPORT}, "
            "tables: [{catalog: c, schema: s, name: t}]}}\n"
            "        - {task_key: gpu, gen_ai_compute_task: {dl_runtime_image: img, "
            "training_script_path: ./train.py, compute: {num_gpus: 8}}}\n"
            "        - {task_key: retry, run_if: ALL_DONE, max_retries: 3, "
            "min_retry_interval_millis: 1000, retry_on_timeout: true, existing_cluster_id: x, "
            "notebook_task: {notebook_path: ./nb.py}}\n"),
      Messages{});
}

TEST_F(SchemaCheckTest, PipelineFieldsAreChecked) {
  EXPECT_EQ(
      load_and_check("resources:\n"
                     "  pipelines:\n"
                     "    dlt:\n"
                     "      name: dlt\n"
                     "      catalog: main\n"
                     "      schema: s\n"
                     "      serverless: true\n"
                     "      channel: PREVIEW\n"
                     "      configuration: {a: b, n: 3}\n"
                     "      libraries: [{glob: {include: ./src/**}}, {notebook: {path: ./nb.py}}]\n"
                     "      clusters: [{label: default, autoscale: {min_workers: 1, max_workers: "
                     "2, mode: ENHANCED}}]\n"
                     "      continous: true\n"
                     "      photon: true\n"),
      (Messages{"warning: resources.yml:12:7: unknown field: continous, did you mean "
                "\"continuous\"? [schema.unknown-field] at resources.pipelines.dlt"}));
}

TEST_F(SchemaCheckTest, OtherResourceTypesHaveTheirRequiredFieldsAndEnums) {
  EXPECT_EQ(check("resources:\n"
                  "  schemas:\n"
                  "    s: {name: s, comment: c}\n"
                  "  volumes:\n"
                  "    v: {name: v, catalog_name: c, schema_name: s, volume_type: MANAGD}\n"),
            (Messages{"warning: resources.yml:3:8: required field \"catalog_name\" is not set "
                      "[schema.missing-field] at resources.schemas.s",
                      "warning: resources.yml:5:64: invalid value \"MANAGD\" for enum field. "
                      "Valid values are [EXTERNAL MANAGED] [schema.enum] at "
                      "resources.volumes.v.volume_type"}));
}

TEST_F(SchemaCheckTest, UnknownResourceTypeIsAWarningWithTheNearestType) {
  EXPECT_EQ(load_and_check("resources:\n"
                           "  job:\n"
                           "    etl: {name: etl}\n"),
            (Messages{"warning: resources.yml:2:3: unknown field: job, did you mean \"jobs\"? "
                      "[schema.unknown-field] at resources"}));
}

// Every file of resources/schemas/ is JSON, a draft-07 document with $defs, and every $ref
// of the assembled bundle schema names a definition that exists.
TEST(SchemaFilesTest, EveryFileIsADraft07SchemaWhoseReferencesResolve) {
  std::set<std::string> embedded;
  for (const SchemaFile& file : schema_files()) embedded.emplace(file.name);
  std::filesystem::path folder = bundlectl::testing::source_dir() / "resources/schemas";
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;  // overlay/: the generator's input, not embedded
    ++count;
    std::ifstream in(entry.path());
    nlohmann::json json = nlohmann::json::parse(in);  // throws on bad JSON
    EXPECT_EQ(json.value("$schema", ""), "http://json-schema.org/draft-07/schema#") << entry.path();
    EXPECT_TRUE(json["$defs"].is_object()) << entry.path();
    EXPECT_TRUE(embedded.count(entry.path().filename().string())) << entry.path();
  }
  EXPECT_EQ(count, embedded.size());

  const nlohmann::json& document = bundle_schema();
  std::vector<std::string> missing;
  std::function<void(const nlohmann::json&)> visit = [&](const nlohmann::json& node) {
    if (node.is_object() && node.contains("$ref")) {
      std::string ref = node["$ref"];
      std::string name = ref.substr(std::string("#/$defs/").size());
      if (!document["$defs"].contains(name)) missing.push_back(ref);
    }
    if (node.is_structured()) {
      for (const nlohmann::json& child : node) visit(child);
    }
  };
  visit(document);
  EXPECT_EQ(missing, std::vector<std::string>{});
  // valijson compiled the root and every resource type (SchemaSet throws otherwise).
  EXPECT_GE(SchemaSet::instance().resources().size(), 20u);
  for (const auto& [type, resource] : SchemaSet::instance().resources()) {
    EXPECT_NO_THROW(resource->schema()) << type;
  }
}

TEST(SchemaCommandTest, PrintsTheBundleSchemaAsJson) {
  testing::ProcessResult result = testing::run_bundlectl({"schema"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json schema = nlohmann::json::parse(result.out);
  EXPECT_EQ(schema["$ref"], "#/$defs/bundle.root");
  EXPECT_TRUE(schema["$defs"].contains("jobs.task"));

  testing::ProcessResult jobs = testing::run_bundlectl({"schema", "--resource", "jobs"});
  ASSERT_EQ(jobs.exit_code, 0) << jobs.err;
  nlohmann::json job = nlohmann::json::parse(jobs.out);
  EXPECT_EQ(job["$ref"], "#/$defs/jobs.job");
  EXPECT_FALSE(job["$defs"].contains("pipelines.pipeline"));
}

}  // namespace
}  // namespace bundlectl::validate
