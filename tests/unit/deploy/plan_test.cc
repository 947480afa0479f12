// make_plan on payloads and states built by hand.
#include "bundlectl/deploy/plan.h"

#include <gtest/gtest.h>

namespace bundlectl::deploy {
namespace {

using nlohmann::json;
using render::ResourcePayload;

ResourcePayload payload(const std::string& type, const std::string& key, json spec,
                        std::vector<std::string> depends_on = {}) {
  ResourcePayload p;
  p.type = type;
  p.key = key;
  p.spec = std::move(spec);
  p.depends_on = std::move(depends_on);
  p.supported = type == "jobs" || type == "pipelines";
  return p;
}

void record(DeploymentState& state, const std::string& address, const std::string& id,
            const json& spec) {
  state.resources[address] = ResourceState{id, spec, spec_hash(spec)};
}

// "create jobs.a", "update jobs.b (12)": the plan as one line per change.
std::vector<std::string> lines(const Plan& plan) {
  std::vector<std::string> out;
  for (const PlannedChange& change : plan.changes) {
    std::string line = std::string(action_name(change.action)) + " " + change.address;
    if (!change.id.empty()) line += " (" + change.id + ")";
    if (!change.reason.empty()) line += ": " + change.reason;
    out.push_back(line);
  }
  return out;
}

TEST(MakePlanTest, WithoutStateEverySupportedResourceIsACreateAndOthersAreSkipped) {
  std::vector<ResourcePayload> payloads = {payload("jobs", "a", {{"name", "a"}}),
                                           payload("schemas", "raw", {{"name", "raw"}}),
                                           payload("pipelines", "p", {{"name", "p"}})};
  Plan plan = make_plan(payloads, nullptr);
  EXPECT_EQ(lines(plan),
            (std::vector<std::string>{"create jobs.a",
                                      "skip schemas.raw: schemas are not deployed by bundlectl yet",
                                      "create pipelines.p"}));
  EXPECT_EQ(plan.count(Action::Create), 2u);
  EXPECT_EQ(plan.count(Action::Skip), 1u);
  EXPECT_FALSE(plan.empty());
  ASSERT_TRUE(plan.changes[0].payload.has_value());
  EXPECT_EQ(plan.changes[0].payload->spec, json({{"name", "a"}}));
}

TEST(MakePlanTest, SameHashIsUnchangedOtherHashIsAnUpdateWithItsFieldsMissingIsADelete) {
  DeploymentState state;
  record(state, "jobs.same", "11", {{"name", "same"}});
  record(state, "jobs.changed", "12", {{"name", "changed"}, {"max_concurrent_runs", 1}});
  record(state, "jobs.gone", "13", {{"name", "gone"}});
  std::vector<ResourcePayload> payloads = {
      payload("jobs", "same", {{"name", "same"}}),
      payload("jobs", "changed", {{"name", "changed"}, {"max_concurrent_runs", 2}})};
  Plan plan = make_plan(payloads, &state);
  EXPECT_EQ(lines(plan),
            (std::vector<std::string>{"unchanged jobs.same (11)", "update jobs.changed (12)",
                                      "delete jobs.gone (13)"}));
  ASSERT_EQ(plan.changes[1].changes.size(), 1u);
  EXPECT_EQ(plan.changes[1].changes[0].path, "max_concurrent_runs");
  EXPECT_EQ(plan.changes[1].changes[0].before, 1);
  EXPECT_EQ(plan.changes[1].changes[0].after, 2);
  EXPECT_FALSE(plan.changes[2].payload.has_value());
}

TEST(MakePlanTest, AStateWithTheSameSpecsPlansToNothing) {
  DeploymentState state;
  record(state, "jobs.a", "1", {{"name", "a"}});
  record(state, "pipelines.p", "abc-1", {{"name", "p"}});
  Plan plan = make_plan(
      {payload("jobs", "a", {{"name", "a"}}), payload("pipelines", "p", {{"name", "p"}})}, &state);
  EXPECT_TRUE(plan.empty());
  EXPECT_EQ(plan.count(Action::Unchanged), 2u);
}

TEST(MakePlanTest, AnAdoptedResourceWithoutSpecIsAnUpdateOfEveryField) {
  DeploymentState state;
  state.resources["jobs.a"] = ResourceState{"7", nullptr, ""};
  Plan plan = make_plan({payload("jobs", "a", {{"name", "a"}, {"timeout_seconds", 60}})}, &state);
  EXPECT_EQ(lines(plan), std::vector<std::string>{"update jobs.a (7)"});
  ASSERT_EQ(plan.changes[0].changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].changes[0].path, "name");
  EXPECT_TRUE(plan.changes[0].changes[0].before.is_null());
  EXPECT_EQ(plan.changes[0].changes[1].path, "timeout_seconds");
}

TEST(MakePlanTest, ResourcesComeAfterWhatTheyDependOnAndOtherwiseInConfigurationOrder) {
  std::vector<ResourcePayload> payloads = {
      payload("jobs", "runs_both", {}, {"jobs.runs_etl", "pipelines.etl"}),
      payload("jobs", "plain", {}),
      payload("jobs", "runs_etl", {}, {"pipelines.etl", "schemas.unknown"}),
      payload("pipelines", "etl", {})};
  Plan plan = make_plan(payloads, nullptr);
  EXPECT_EQ(lines(plan),
            (std::vector<std::string>{"create jobs.plain", "create pipelines.etl",
                                      "create jobs.runs_etl", "create jobs.runs_both"}));
}

TEST(MakePlanTest, ADependencyCycleKeepsEveryResourceInThePlan) {
  std::vector<ResourcePayload> payloads = {payload("jobs", "a", {}, {"jobs.b"}),
                                           payload("jobs", "b", {}, {"jobs.a"}),
                                           payload("jobs", "c", {})};
  Plan plan = make_plan(payloads, nullptr);
  EXPECT_EQ(lines(plan),
            (std::vector<std::string>{"create jobs.c", "create jobs.a", "create jobs.b"}));
}

TEST(MakePlanTest, DeletesComeLastAndWhatRefersToAResourceIsDeletedBeforeIt) {
  DeploymentState state;
  record(state, "pipelines.etl", "p-1", {{"name", "etl"}});
  record(state, "jobs.a_runs_etl", "2",
         {{"tasks", {{{"pipeline_task", {{"pipeline_id", "${resources.pipelines.etl.id}"}}}}}}});
  record(state, "jobs.z", "3", {{"name", "z"}});
  Plan plan = make_plan({payload("jobs", "new", {})}, &state);
  EXPECT_EQ(lines(plan),
            (std::vector<std::string>{"create jobs.new", "delete jobs.a_runs_etl (2)",
                                      "delete jobs.z (3)", "delete pipelines.etl (p-1)"}));
  EXPECT_EQ(plan.count(Action::Delete), 3u);
}

TEST(MakePlanTest, ActionNamesAreTheWordsOfTheOutput) {
  EXPECT_STREQ(action_name(Action::Create), "create");
  EXPECT_STREQ(action_name(Action::Update), "update");
  EXPECT_STREQ(action_name(Action::Delete), "delete");
  EXPECT_STREQ(action_name(Action::Unchanged), "unchanged");
  EXPECT_STREQ(action_name(Action::Skip), "skip");
}

}  // namespace
}  // namespace bundlectl::deploy

namespace bundlectl::deploy {
namespace {

// A change of permissions alone is a change: the hash covers the access control list, and
// the plan names it.
TEST(MakePlanPermissionsTest, APermissionsOnlyChangeIsAnUpdateOfThePermissions) {
  render::ResourcePayload job;
  job.type = "jobs";
  job.key = "daily";
  job.supported = true;
  job.spec = {{"name", "daily"}};
  job.permissions = json::array({{{"group_name", "analysts"}, {"permission_level", "CAN_VIEW"}}});
  DeploymentState state;
  state.resources["jobs.daily"] = ResourceState{"7", job.spec, spec_hash(job.spec)};
  Plan plan = make_plan({job}, &state);
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].action, Action::Update);
  ASSERT_EQ(plan.changes[0].changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].changes[0].path, "permissions");
  EXPECT_EQ(plan.changes[0].changes[0].before, json::array());
  EXPECT_EQ(plan.changes[0].changes[0].after, job.permissions);

  // Once applied with them, the same payload is unchanged.
  state.resources["jobs.daily"] = ResourceState{"7", job.spec, payload_hash(job), job.permissions};
  EXPECT_EQ(make_plan({job}, &state).changes[0].action, Action::Unchanged);
}

TEST(MakePlanPermissionsTest, WithoutPermissionsTheHashIsTheSpecs) {
  render::ResourcePayload job;
  job.spec = {{"name", "daily"}};
  EXPECT_EQ(payload_hash(job), spec_hash(job.spec));
}

}  // namespace
}  // namespace bundlectl::deploy
