// apply_plan on hand-built plans against an emulated workspace over HTTP: dependency order,
// ids filled in, state recorded per call, failures that stop only their dependents.
#include "bundlectl/deploy/apply.h"

#include <gtest/gtest.h>

#include "integration/deploy/embedded_workspace.h"

namespace bundlectl::deploy {
namespace {

using Json = nlohmann::json;
using testing::EmbeddedWorkspace;

render::ResourcePayload payload(const std::string& type, const std::string& key, Json spec,
                                std::vector<std::string> depends_on = {}) {
  render::ResourcePayload result;
  result.type = type;
  result.key = key;
  result.spec = std::move(spec);
  result.depends_on = std::move(depends_on);
  result.supported = type == "jobs" || type == "pipelines";
  return result;
}

PlannedChange create(render::ResourcePayload payload) {
  PlannedChange change;
  change.action = Action::Create;
  change.address = payload.address();
  change.payload = std::move(payload);
  return change;
}

DeploymentState empty_state() {
  DeploymentState state;
  state.bundle = "sales";
  state.target = "prod";
  state.lineage = "l-1";
  return state;
}

const Json k_job_running_the_pipeline = {
    {"name", "daily"},
    {"tasks",
     {{{"task_key", "refresh"},
       {"pipeline_task", {{"pipeline_id", "${resources.pipelines.etl.id}"}}}}}}};

TEST(ApplyPlanTest, AJobWaitsForItsPipelineAndSendsItsId) {
  EmbeddedWorkspace workspace;
  Plan plan;
  // Listed first on purpose: only the dependency makes it wait.
  plan.changes.push_back(
      create(payload("jobs", "daily", k_job_running_the_pipeline, {"pipelines.etl"})));
  plan.changes.push_back(create(payload("pipelines", "etl", {{"name", "etl"}})));
  StateRecorder recorder(empty_state(), workspace.dir().path() / "resources.json", &*workspace,
                         "/Workspace/Shared/sales/state");
  ApplyOptions options;
  options.concurrency = 10;
  const ApplyResult result = apply_plan(*workspace, plan, recorder, options);
  ASSERT_EQ(result.failures(), 0u);
  ASSERT_EQ(result.outcomes.size(), 2u);
  EXPECT_EQ(result.outcomes[0].address, "pipelines.etl");
  const std::string pipeline_id = recorder.id_of("pipelines.etl");
  const Json job = workspace->get_job(std::stoll(recorder.id_of("jobs.daily")));
  EXPECT_EQ(job["settings"]["tasks"][0]["pipeline_task"]["pipeline_id"], pipeline_id);
  // The state keeps the spec as rendered, so the next plan compares like with like.
  const DeploymentState state = recorder.snapshot();
  EXPECT_EQ(state.resources.at("jobs.daily").spec, k_job_running_the_pipeline);
  EXPECT_EQ(state.resources.at("jobs.daily").spec_hash, spec_hash(k_job_running_the_pipeline));
  EXPECT_EQ(state.serial, 2);
  EXPECT_EQ(read_local_state(workspace.dir().path() / "resources.json")->serial, 2);
}

TEST(ApplyPlanTest, AFailedCallStopsOnlyWhatDependsOnIt) {
  EmbeddedWorkspace workspace;
  Plan plan;
  plan.changes.push_back(create(payload("schemas", "raw", {{"name", "raw"}})));
  plan.changes.push_back(create(payload("jobs", "load", {{"name", "load"}}, {"schemas.raw"})));
  plan.changes.push_back(create(payload("jobs", "other", {{"name", "other"}})));
  StateRecorder recorder(empty_state(), workspace.dir().path() / "resources.json", nullptr, "");
  const ApplyResult result = apply_plan(*workspace, plan, recorder);
  EXPECT_EQ(result.count(Action::Create), 1u);
  EXPECT_EQ(result.failures(), 2u);
  std::map<std::string, std::string> errors;
  for (const ActionOutcome& outcome : result.outcomes) errors[outcome.address] = outcome.error;
  EXPECT_EQ(errors["schemas.raw"], "deploying resources of type schemas is not supported");
  EXPECT_EQ(errors["jobs.load"], "not applied: it depends on schemas.raw, which failed");
  EXPECT_EQ(errors["jobs.other"], "");
  EXPECT_EQ(workspace->list_jobs().size(), 1u);
}

TEST(ApplyPlanTest, AnInterruptedApplyStartsNothingMore) {
  EmbeddedWorkspace workspace;
  Plan plan;
  for (int i = 0; i < 5; ++i) {
    plan.changes.push_back(create(payload("jobs", "j" + std::to_string(i), {{"name", "j"}})));
  }
  StateRecorder recorder(empty_state(), workspace.dir().path() / "resources.json", nullptr, "");
  std::atomic<bool> interrupted{true};
  ApplyOptions options;
  options.interrupted = &interrupted;
  const ApplyResult result = apply_plan(*workspace, plan, recorder, options);
  EXPECT_TRUE(result.interrupted);
  EXPECT_TRUE(result.outcomes.empty());
  EXPECT_EQ(result.not_started, 5u);
  EXPECT_TRUE(workspace->list_jobs().empty());
}

TEST(ApplyPlanTest, AnUpdateOfAJobDeletedOutsideTheBundleCreatesItAgain) {
  EmbeddedWorkspace workspace;
  const std::int64_t gone = workspace->create_job({{"name", "old"}});
  workspace->delete_job(gone);
  DeploymentState state = empty_state();
  state.resources["jobs.daily"] = ResourceState{std::to_string(gone), Json::object(), ""};
  PlannedChange update = create(payload("jobs", "daily", {{"name", "daily"}}));
  update.action = Action::Update;
  update.id = std::to_string(gone);
  Plan plan;
  plan.changes.push_back(update);
  StateRecorder recorder(state, workspace.dir().path() / "resources.json", nullptr, "");
  const ApplyResult result = apply_plan(*workspace, plan, recorder);
  ASSERT_EQ(result.outcomes.size(), 1u);
  EXPECT_EQ(result.outcomes[0].error, "");
  EXPECT_TRUE(result.outcomes[0].recreated);
  EXPECT_NE(recorder.id_of("jobs.daily"), std::to_string(gone));
  EXPECT_EQ(workspace->list_jobs().size(), 1u);
}

TEST(ApplyPlanTest, AJobIsDeletedBeforeThePipelineItRuns) {
  EmbeddedWorkspace workspace;
  const std::string pipeline = workspace->create_pipeline({{"name", "etl"}});
  const std::int64_t job = workspace->create_job({{"name", "daily"}});
  DeploymentState state = empty_state();
  state.resources["pipelines.etl"] = ResourceState{pipeline, {{"name", "etl"}}, "h1"};
  state.resources["jobs.daily"] =
      ResourceState{std::to_string(job), k_job_running_the_pipeline, "h2"};
  Plan plan;
  for (const char* address : {"pipelines.etl", "jobs.daily"}) {
    PlannedChange change;
    change.action = Action::Delete;
    change.address = address;
    change.id = state.resources.at(address).id;
    plan.changes.push_back(change);
  }
  StateRecorder recorder(state, workspace.dir().path() / "resources.json", nullptr, "");
  const ApplyResult result = apply_plan(*workspace, plan, recorder);
  ASSERT_EQ(result.outcomes.size(), 2u);
  EXPECT_EQ(result.outcomes[0].address, "jobs.daily");
  EXPECT_EQ(result.outcomes[1].address, "pipelines.etl");
  EXPECT_EQ(result.failures(), 0u);
  EXPECT_TRUE(recorder.snapshot().resources.empty());
  EXPECT_TRUE(workspace->list_jobs().empty());
}

TEST(ApplyPlanTest, TheStateIsPushedToTheWorkspaceWhileCallsRun) {
  EmbeddedWorkspace workspace;
  Plan plan;
  for (int i = 0; i < 40; ++i) {
    plan.changes.push_back(create(payload("jobs", "j" + std::to_string(i), {{"name", "j"}})));
  }
  const std::string state_path = "/Workspace/Shared/sales/state";
  StateRecorder recorder(empty_state(), workspace.dir().path() / "resources.json", &*workspace,
                         state_path);
  ApplyOptions options;
  options.push_interval = std::chrono::milliseconds(0);  // push whenever something changed
  options.concurrency = 2;
  const ApplyResult result = apply_plan(*workspace, plan, recorder, options);
  ASSERT_EQ(result.failures(), 0u);
  // apply_plan never makes the final push (run_deploy does): this copy came from the way.
  const std::optional<DeploymentState> pushed = read_remote_state(*workspace, state_path);
  ASSERT_TRUE(pushed.has_value());
  EXPECT_GE(pushed->resources.size(), 1u);
  EXPECT_LE(pushed->serial, recorder.snapshot().serial);
}

}  // namespace
}  // namespace bundlectl::deploy
