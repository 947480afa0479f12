#include "support/runs_fixture.h"

#include <fstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "bundlectl/deploy/state.h"
#include "support/source_tree.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

// Task keys are unique across jobs: the scenario scripts tasks by key.
const char* const k_bundle = R"(bundle:
  name: runs
resources:
  jobs:
    nightly:
      name: nightly
      tasks:
        - task_key: extract
          notebook_task: {notebook_path: /Shared/extract}
        - task_key: load
          depends_on: [{task_key: extract}]
          notebook_task: {notebook_path: /Shared/load}
    flaky:
      name: flaky
      tasks:
        - task_key: wobble
          max_retries: 2
          notebook_task: {notebook_path: /Shared/wobble}
    broken:
      name: broken
      tasks:
        - task_key: boom
          notebook_task: {notebook_path: /Shared/boom}
        - task_key: after_boom
          depends_on: [{task_key: boom}]
          notebook_task: {notebook_path: /Shared/after}
    slow:
      name: slow
      timeout_seconds: 1
      tasks:
        - task_key: hang
          notebook_task: {notebook_path: /Shared/hang}
    branchy:
      name: branchy
      parameters:
        - {name: mode, default: incremental}
      tasks:
        - task_key: check
          condition_task: {op: EQUAL_TO, left: "{{job.parameters.mode}}", right: full}
        - task_key: full
          depends_on: [{task_key: check, outcome: "true"}]
          notebook_task: {notebook_path: /Shared/full}
        - task_key: incremental
          depends_on: [{task_key: check, outcome: "false"}]
          notebook_task: {notebook_path: /Shared/incremental}
    long:
      name: long
      tasks:
        - task_key: sleepy
          notebook_task: {notebook_path: /Shared/sleepy}
    repairable:
      name: repairable
      tasks:
        - task_key: fixme
          notebook_task: {notebook_path: /Shared/fixme}
  pipelines:
    etl:
      name: etl
      catalog: main
      target: raw
      libraries:
        - notebook: {path: /Shared/etl}
    broken_etl:
      name: broken_etl
      catalog: main
      target: raw
      libraries:
        - notebook: {path: /Shared/broken_etl}
)";

const char* const k_scenario = R"(default:
  duration_ms: 100
tasks:
  extract: {exit_value: "1200 rows"}
  load: {exit_value: "loaded"}
  wobble:
    exit_value: "third time lucky"
    attempts:
      - {outcome: failure, message: "Connection reset"}
      - {outcome: success}
  boom: {outcome: failure, message: "Table not found: sales"}
  hang: {outcome: timeout, duration_ms: 5000}
  sleepy: {duration_ms: 30000}
  fixme:
    exit_value: "fixed"
    attempts:
      - {outcome: failure, message: "first try fails"}
      - {outcome: success}
pipelines:
  broken_etl: {outcome: failure, message: "Table main.raw.orders: column order_ts not found"}
)";

json notebook_task(const std::string& key, const std::string& path) {
  return {{"task_key", key}, {"notebook_task", {{"notebook_path", path}}}};
}

json depends(json task, const std::string& upstream, const std::string& outcome = "") {
  json dependency = {{"task_key", upstream}};
  if (!outcome.empty()) dependency["outcome"] = outcome;
  task["depends_on"] = json::array({dependency});
  return task;
}

// The jobs as a deploy would create them from k_bundle.
std::map<std::string, json> job_settings() {
  json wobble = notebook_task("wobble", "/Shared/wobble");
  wobble["max_retries"] = 2;
  json check = {{"task_key", "check"},
                {"condition_task",
                 {{"op", "EQUAL_TO"}, {"left", "{{job.parameters.mode}}"}, {"right", "full"}}}};
  return {
      {"nightly",
       {{"name", "nightly"},
        {"tasks",
         {notebook_task("extract", "/Shared/extract"),
          depends(notebook_task("load", "/Shared/load"), "extract")}}}},
      {"flaky", {{"name", "flaky"}, {"tasks", {wobble}}}},
      {"broken",
       {{"name", "broken"},
        {"tasks",
         {notebook_task("boom", "/Shared/boom"),
          depends(notebook_task("after_boom", "/Shared/after"), "boom")}}}},
      {"slow",
       {{"name", "slow"},
        {"timeout_seconds", 1},
        {"tasks", {notebook_task("hang", "/Shared/hang")}}}},
      {"branchy",
       {{"name", "branchy"},
        {"parameters", {{{"name", "mode"}, {"default", "incremental"}}}},
        {"tasks",
         {check, depends(notebook_task("full", "/Shared/full"), "check", "true"),
          depends(notebook_task("incremental", "/Shared/incremental"), "check", "false")}}}},
      {"long", {{"name", "long"}, {"tasks", {notebook_task("sleepy", "/Shared/sleepy")}}}},
      {"repairable",
       {{"name", "repairable"}, {"tasks", {notebook_task("fixme", "/Shared/fixme")}}}},
  };
}

}  // namespace

RunsCliTest::RunsCliTest() {
  m_bundle.write("databricks.yml", k_bundle);
  m_bundle.write("scenario.yml", k_scenario);
  std::unique_ptr<api::Workspace> seeding = workspace();
  deploy::DeploymentState state;
  state.bundle = "runs";
  state.target = "default";
  state.workspace = "emulator";
  state.lineage = "test-lineage";
  state.serial = 1;
  for (const auto& [key, settings] : job_settings()) {
    m_jobs[key] = seeding->create_job(settings);
    state.resources["jobs." + key].id = std::to_string(m_jobs[key]);
  }
  m_pipeline_id = seeding->create_pipeline({{"name", "etl"},
                                            {"catalog", "main"},
                                            {"target", "raw"},
                                            {"libraries", {{{"notebook", {{"path", "/x"}}}}}}});
  state.resources["pipelines.etl"].id = m_pipeline_id;
  state.resources["pipelines.broken_etl"].id =
      seeding->create_pipeline({{"name", "broken_etl"},
                                {"catalog", "main"},
                                {"target", "raw"},
                                {"libraries", {{{"notebook", {{"path", "/y"}}}}}}});
  deploy::write_local_state(deploy::local_state_file(m_bundle.path(), "default"), state);
}

std::unique_ptr<api::Workspace> RunsCliTest::workspace() {
  auto server = std::make_unique<emulator::EmbeddedEmulator>();
  server->start(emulator::default_emulator_db(root()));
  api::AuthConfig config;
  config.host = {server->base_url(), "test"};
  config.auth_type = {api::k_auth_pat, "test"};
  config.token = {api::Secret(server->token()), "test"};
  m_servers.push_back(std::move(server));  // outlives the client
  return api::make_workspace(config);
}

ProcessOptions RunsCliTest::options() const {
  ProcessOptions options = isolated_environment(m_home.path().string());
  options.env["BUNDLECTL_EMULATOR_SCENARIO"] = (m_bundle.path() / "scenario.yml").string();
  options.timeout = std::chrono::milliseconds(60000);
  return options;
}

std::vector<std::string> RunsCliTest::command(std::vector<std::string> args) const {
  std::vector<std::string> argv = {bundlectl_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--emulator", "-C", root()});
  return argv;
}

ProcessResult RunsCliTest::bundlectl(std::vector<std::string> args) const {
  return run_process(command(std::move(args)), options());
}

std::int64_t RunsCliTest::job_id(const std::string& key) const { return m_jobs.at(key); }

std::int64_t run_id_of(const ProcessResult& result) {
  json document = json::parse(result.out, nullptr, false);
  if (!document.is_object() || !document.contains("run_id")) {
    ADD_FAILURE() << "no run_id in: " << result.out << result.err;
    return 0;
  }
  return document["run_id"].get<std::int64_t>();
}

std::string schema_errors(const json& document, const std::string& name) {
  std::ifstream file(source_dir() / "resources" / "runs-output.schema.json");
  json schema_document = json::parse(file);
  schema_document["$ref"] = "#/definitions/" + name;
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_document);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  if (validator.validate(schema, target, &results)) return "";
  std::string errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const std::string& part : error.context) where += part;
    errors += where + ": " + error.description + "\n";
  }
  return errors;
}

}  // namespace bundlectl::testing
