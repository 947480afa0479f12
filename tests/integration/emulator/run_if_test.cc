// run_if, condition_task branches, disabled tasks and the run's result, over real HTTP with
// scenario-scripted outcomes and a clock the test moves.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

const char* const k_run_ifs[] = {"ALL_SUCCESS", "AT_LEAST_ONE_SUCCESS", "NONE_FAILED",
                                 "ALL_DONE",    "AT_LEAST_ONE_FAILED",  "ALL_FAILED"};

// Upstream mixes and, per run_if in the order above, what the downstream task ends as:
// SUCCESS when it ran, otherwise the state it was skipped with (the Jobs documentation's
// "Run tasks conditionally" table).
struct Mix {
  std::string name;
  std::vector<std::string> upstreams;
  std::vector<std::string> expected;
};

const std::vector<Mix> k_mixes = {
    {"ss", {"ok1", "ok2"}, {"SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "EXCLUDED", "EXCLUDED"}},
    {"sf",
     {"ok1", "bad1"},
     {"UPSTREAM_FAILED", "SUCCESS", "UPSTREAM_FAILED", "SUCCESS", "SUCCESS", "EXCLUDED"}},
    {"ft",
     {"bad1", "slow"},
     {"UPSTREAM_FAILED", "UPSTREAM_FAILED", "UPSTREAM_FAILED", "SUCCESS", "SUCCESS", "SUCCESS"}},
    {"se", {"ok1", "skip1"}, {"SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "EXCLUDED", "EXCLUDED"}},
    {"fe",
     {"bad1", "skip1"},
     {"UPSTREAM_FAILED", "SUCCESS", "UPSTREAM_FAILED", "SUCCESS", "SUCCESS", "EXCLUDED"}},
    {"ee",
     {"skip1", "skip2"},
     {"EXCLUDED", "EXCLUDED", "EXCLUDED", "EXCLUDED", "EXCLUDED", "EXCLUDED"}},
    {"uf",
     {"after_bad"},
     {"UPSTREAM_FAILED", "UPSTREAM_FAILED", "UPSTREAM_FAILED", "SUCCESS", "SUCCESS", "SUCCESS"}},
};

constexpr const char* k_outcomes = R"(tasks:
  bad1: {outcome: failure, message: "boom"}
  slow: {outcome: timeout, duration_ms: 1500}
)";

TEST_F(RunSemanticsTest, EveryRunIfAgainstEveryMixOfUpstreamOutcomes) {
  start(k_outcomes);
  // skip1/skip2 handle failures of a task that succeeds, so they are EXCLUDED; after_bad
  // depends on a failure, so it is UPSTREAM_FAILED.
  json tasks = {task("ok1"),
                task("ok2"),
                task("bad1"),
                task("slow"),
                task_with("skip1", {"ok1"}, {{"run_if", "AT_LEAST_ONE_FAILED"}}),
                task_with("skip2", {"ok1"}, {{"run_if", "ALL_FAILED"}}),
                task("after_bad", {"bad1"})};
  for (const Mix& mix : k_mixes) {
    for (const char* run_if : k_run_ifs) {
      tasks.push_back(task_with(mix.name + "_" + run_if, mix.upstreams, {{"run_if", run_if}}));
    }
  }
  std::int64_t run_id = run_now(create_job({{"name", "matrix"}, {"tasks", tasks}}));
  advance(k_pending_ms + 10 * k_task_ms);
  json run = get_run(run_id);
  std::map<std::string, json> by_key = tasks_of(run);
  EXPECT_EQ(result(by_key["bad1"]), "FAILED");
  EXPECT_EQ(by_key["bad1"]["state"]["state_message"], "boom");
  EXPECT_EQ(result(by_key["slow"]), "TIMEDOUT");
  EXPECT_EQ(result(by_key["skip1"]), "EXCLUDED");
  EXPECT_EQ(result(by_key["after_bad"]), "UPSTREAM_FAILED");
  for (const Mix& mix : k_mixes) {
    for (std::size_t i = 0; i < 6; ++i) {
      const json& down = by_key[mix.name + "_" + k_run_ifs[i]];
      EXPECT_EQ(result(down), mix.expected[i]) << mix.name << " " << k_run_ifs[i];
      // A task that never ran is SKIPPED, one that ran TERMINATED.
      EXPECT_EQ(life(down), mix.expected[i] == "SUCCESS" ? "TERMINATED" : "SKIPPED")
          << mix.name << " " << k_run_ifs[i];
    }
  }
  // Some leaves ended UPSTREAM_FAILED: the run failed.
  EXPECT_EQ(life(run), "TERMINATED");
  EXPECT_EQ(result(run), "FAILED");
  EXPECT_EQ(by_key["ss_ALL_FAILED"]["status"]["termination_details"]["code"], "SKIPPED");
}

TEST_F(RunSemanticsTest, ADownstreamTaskStaysBlockedUntilItsUpstreamsEndThenDecides) {
  start(k_outcomes);
  std::int64_t run_id = run_now(create_job(
      {{"name", "blocked"},
       {"tasks", {task("bad1"), task_with("cleanup", {"bad1"}, {{"run_if", "ALL_DONE"}})}}}));
  advance(k_pending_ms + 10);
  std::map<std::string, json> by_key = tasks_of(get_run(run_id));
  EXPECT_EQ(life(by_key["bad1"]), "RUNNING");
  EXPECT_EQ(life(by_key["cleanup"]), "BLOCKED");
  EXPECT_EQ(by_key["cleanup"]["status"]["state"], "BLOCKED");
  advance(k_task_ms);
  by_key = tasks_of(get_run(run_id));
  EXPECT_EQ(result(by_key["bad1"]), "FAILED");
  EXPECT_EQ(life(by_key["cleanup"]), "RUNNING");
  EXPECT_EQ(by_key["cleanup"]["start_time"], by_key["bad1"]["end_time"]);
  advance(k_task_ms);
  json run = get_run(run_id);
  // A failure handled by a cleanup leaf that succeeded: "some tasks failed but all leaf tasks
  // succeeded".
  EXPECT_EQ(result(run), "SUCCESS_WITH_FAILURES");
  EXPECT_EQ(run["status"]["termination_details"]["code"], "SUCCESS");
}

json condition(const std::string& key, std::vector<std::string> depends, const std::string& op,
               const std::string& left, const std::string& right) {
  json out = {{"task_key", key},
              {"condition_task", {{"op", op}, {"left", left}, {"right", right}}}};
  for (const std::string& dep : depends) out["depends_on"].push_back({{"task_key", dep}});
  return out;
}

json on_branch(const std::string& key, const std::string& condition_key, bool outcome) {
  json out = task(key);
  out["depends_on"] = {{{"task_key", condition_key}, {"outcome", outcome ? "true" : "false"}}};
  return out;
}

TEST_F(RunSemanticsTest, ConditionBranchesNestAndTheBranchNotTakenIsExcluded) {
  start("tasks:\n  count: {values: {rows: 42}}\n");
  json tasks = {
      task("count"),
      condition("is_prod", {"count"}, "EQUAL_TO", "{{job.parameters.env}}", "prod"),
      on_branch("prod_path", "is_prod", true),
      on_branch("dev_path", "is_prod", false),
      task("after_dev", {"dev_path"}),
      condition("big", {"prod_path"}, "GREATER_THAN", "{{tasks.count.values.rows}}", "10"),
      on_branch("big_yes", "big", true),
      on_branch("big_no", "big", false),
      task_with("off", {"count"}, {{"disabled", true}}),
      task("after_off", {"off"})};
  std::int64_t job_id = create_job({{"name", "branches"},
                                    {"parameters", {{{"name", "env"}, {"default", "prod"}}}},
                                    {"tasks", tasks}});
  std::int64_t prod_run = run_now(job_id);
  advance(k_pending_ms + 10 * k_task_ms);
  json run = get_run(prod_run);
  std::map<std::string, json> by_key = tasks_of(run);
  EXPECT_EQ(by_key["is_prod"]["condition_task"]["outcome"], "true");
  EXPECT_EQ(by_key["is_prod"]["resolved_values"]["condition_task"],
            (json{{"left", "prod"}, {"right", "prod"}}));
  EXPECT_EQ(result(by_key["is_prod"]), "SUCCESS");
  EXPECT_EQ(result(by_key["prod_path"]), "SUCCESS");
  EXPECT_EQ(result(by_key["dev_path"]), "EXCLUDED");
  EXPECT_EQ(result(by_key["after_dev"]), "EXCLUDED");
  EXPECT_EQ(by_key["big"]["condition_task"]["outcome"], "true");
  EXPECT_EQ(by_key["big"]["resolved_values"]["condition_task"]["left"], "42");
  EXPECT_EQ(result(by_key["big_yes"]), "SUCCESS");
  EXPECT_EQ(result(by_key["big_no"]), "EXCLUDED");
  EXPECT_EQ(by_key["big_no"]["depends_on"], (json{{{"task_key", "big"}, {"outcome", "false"}}}));
  EXPECT_EQ(result(by_key["off"]), "DISABLED");
  EXPECT_EQ(result(by_key["after_off"]), "SUCCESS");
  EXPECT_EQ(result(run), "SUCCESS");

  std::int64_t dev_run = run_now(job_id, {{"job_parameters", {{"env", "dev"}}}});
  advance(k_pending_ms + 10 * k_task_ms);
  by_key = tasks_of(get_run(dev_run));
  EXPECT_EQ(by_key["is_prod"]["condition_task"]["outcome"], "false");
  EXPECT_EQ(result(by_key["prod_path"]), "EXCLUDED");
  EXPECT_EQ(result(by_key["dev_path"]), "SUCCESS");
  EXPECT_EQ(result(by_key["after_dev"]), "SUCCESS");
  EXPECT_EQ(result(by_key["big"]), "EXCLUDED");
  EXPECT_EQ(result(by_key["big_yes"]), "EXCLUDED");
}

TEST_F(RunSemanticsTest, EveryConditionOperatorDecidesItsBranch) {
  start();
  struct Case {
    std::string op, left, right, outcome;
  };
  std::vector<Case> cases = {
      {"EQUAL_TO", "12.0", "12", "false"}, {"NOT_EQUAL", "12.0", "12", "true"},
      {"GREATER_THAN", "3", "2", "true"},  {"GREATER_THAN_OR_EQUAL", "12.0", "12", "true"},
      {"LESS_THAN", "3", "2", "false"},    {"LESS_THAN_OR_EQUAL", "2", "2", "true"}};
  json tasks = json::array();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    tasks.push_back(
        condition("c" + std::to_string(i), {}, cases[i].op, cases[i].left, cases[i].right));
  }
  tasks.push_back(condition("broken", {}, "GREATER_THAN", "many", "2"));
  std::int64_t run_id = run_now(create_job({{"name", "ops"}, {"tasks", tasks}}));
  advance(k_pending_ms + k_task_ms);
  std::map<std::string, json> by_key = tasks_of(get_run(run_id));
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(by_key["c" + std::to_string(i)]["condition_task"]["outcome"], cases[i].outcome)
        << cases[i].op;
  }
  EXPECT_EQ(result(by_key["broken"]), "FAILED");
  EXPECT_EQ(by_key["broken"]["state"]["state_message"],
            "Cannot compare 'many' and '2' with GREATER_THAN: both operands must be numbers.");
}

TEST_F(RunSemanticsTest, AnInvalidRunIfIsRefusedWhenTheJobIsCreated) {
  start();
  HttpReply reply = client().post(
      "/api/2.2/jobs/create",
      {{"name", "x"}, {"tasks", {task("a"), task_with("b", {"a"}, {{"run_if", "SOMETIMES"}})}}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body["message"], "Invalid run_if value 'SOMETIMES' of task b.");
}

}  // namespace
}  // namespace bundlectl::testing
