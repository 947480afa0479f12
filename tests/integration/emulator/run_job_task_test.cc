// run_job_task over real HTTP on a clock the test moves: the other job's run appears when the
// task starts (trigger RUN_JOB_TASK, trigger_info naming the task run), the task ends with
// it, runs/get-output names it, and canceling the parent cancels it.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class RunJobTaskHttpTest : public RunSemanticsTest {
 protected:
  json runs_of(std::int64_t job_id) {
    HttpReply reply = client().get("/api/2.2/jobs/runs/list?job_id=" + std::to_string(job_id));
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("runs", json::array());
  }
  std::int64_t parent_job(std::int64_t child_job) {
    return create_job(
        {{"name", "parent"},
         {"tasks",
          {task("prep"),
           task_with(
               "call", {"prep"},
               {{"run_job_task", {{"job_id", child_job}, {"job_parameters", {{"day", "mon"}}}}}}),
           task("after", {"call"})}}});
  }
};

TEST_F(RunJobTaskHttpTest, TheOtherJobRunsWhenTheTaskStartsAndTheTaskEndsWithIt) {
  start();
  std::int64_t child_job = create_job({{"name", "child"},
                                       {"parameters", {{{"name", "day"}, {"default", "sun"}}}},
                                       {"tasks", {task("x"), task("y", {"x"})}}});
  std::int64_t run_id = run_now(parent_job(child_job));
  std::int64_t created = now();
  advance(k_pending_ms + k_task_ms / 2);  // prep is running: nothing of the child yet
  EXPECT_EQ(runs_of(child_job).size(), 0u);
  advance(k_task_ms / 2 + k_pending_ms / 2);  // call started; its run is still PENDING
  json runs = runs_of(child_job);
  ASSERT_EQ(runs.size(), 1u);
  json call = tasks_of(get_run(run_id))["call"];
  EXPECT_EQ(call["state"]["life_cycle_state"], "RUNNING");
  std::int64_t child_id = runs[0]["run_id"];
  json child = get_run(child_id);
  EXPECT_EQ(child["trigger"], "RUN_JOB_TASK");
  EXPECT_EQ(child["trigger_info"], (json{{"run_id", call["run_id"]}}));
  EXPECT_EQ(child["start_time"], created + k_pending_ms + k_task_ms);
  EXPECT_EQ(life(child), "PENDING");
  EXPECT_EQ(child["job_parameters"],
            (json::array({{{"name", "day"}, {"default", "sun"}, {"value", "mon"}}})));
  advance(10 * k_task_ms);
  json parent = get_run(run_id);
  EXPECT_EQ(result(parent), "SUCCESS");
  EXPECT_EQ(result(get_run(child_id)), "SUCCESS");
  // The task ended when the child did: its PENDING, then x and y.
  EXPECT_EQ(tasks_of(parent)["call"]["end_time"],
            get_run(child_id)["end_time"].get<std::int64_t>());
  EXPECT_EQ(tasks_of(parent)["call"]["end_time"],
            created + k_pending_ms + k_task_ms + k_pending_ms + 2 * k_task_ms);
  HttpReply output = client().get("/api/2.2/jobs/runs/get-output?run_id=" +
                                  std::to_string(call["run_id"].get<std::int64_t>()));
  ASSERT_EQ(output.status, 200) << output.text;
  EXPECT_EQ(output.body["run_job_output"], (json{{"run_id", child_id}}));
  // The run page's graph links the task to the run it started.
  json graph = client().get("/ui/runs/" + std::to_string(run_id) + "/graph").body;
  for (const json& node : graph["tasks"]) {
    EXPECT_EQ(node["child_run_id"], node["task_key"] == "call" ? child_id : 0) << node.dump();
  }
}

TEST_F(RunJobTaskHttpTest, AFailedChildFailsTheTaskAndCancelingTheParentCancelsTheChild) {
  start(
      "tasks:\n"
      "  y:\n"
      "    outcome: failure\n"
      "    message: bad row\n"
      "  slow:\n"
      "    duration_ms: 60000\n");
  std::int64_t failing = create_job({{"name", "failing"}, {"tasks", {task("y")}}});
  std::int64_t failed_run = run_now(parent_job(failing));
  advance(20 * k_task_ms);
  json parent = get_run(failed_run);
  EXPECT_EQ(result(parent), "FAILED");
  std::int64_t child_id = runs_of(failing).at(0)["run_id"];
  EXPECT_EQ(tasks_of(parent)["call"]["state"]["state_message"],
            "The run " + std::to_string(child_id) + " of job " + std::to_string(failing) +
                " ended FAILED.");
  EXPECT_EQ(tasks_of(parent)["after"]["state"]["result_state"], "UPSTREAM_FAILED");

  std::int64_t slow = create_job({{"name", "slow"}, {"tasks", {task("slow")}}});
  std::int64_t canceled_run = run_now(parent_job(slow));
  advance(k_pending_ms + k_task_ms + k_pending_ms + 500);  // the child's task is running
  std::int64_t slow_child = runs_of(slow).at(0)["run_id"];
  EXPECT_EQ(life(get_run(slow_child)), "RUNNING");
  HttpReply cancel = client().post("/api/2.2/jobs/runs/cancel", {{"run_id", canceled_run}});
  ASSERT_EQ(cancel.status, 200) << cancel.text;
  EXPECT_EQ(result(get_run(canceled_run)), "CANCELED");
  json child = get_run(slow_child);
  EXPECT_EQ(life(child), "TERMINATED");
  EXPECT_EQ(result(child), "CANCELED");
}

TEST_F(RunJobTaskHttpTest, AChildOfARunThatTimedOutIsCanceledWithIt) {
  start(
      "tasks:\n"
      "  slow:\n"
      "    duration_ms: 60000\n");
  std::int64_t slow = create_job({{"name", "slow"}, {"tasks", {task("slow")}}});
  std::int64_t parent =
      create_job({{"name", "bounded"},
                  {"timeout_seconds", 5},
                  {"tasks", {task_with("call", {}, {{"run_job_task", {{"job_id", slow}}}})}}});
  std::int64_t run_id = run_now(parent);
  advance(120'000);  // nobody looked while the child ran: it is saved already cut short
  EXPECT_EQ(result(get_run(run_id)), "TIMEDOUT");
  json child = get_run(runs_of(slow).at(0)["run_id"]);
  EXPECT_EQ(result(child), "CANCELED");
  EXPECT_EQ(child["end_time"], get_run(run_id)["end_time"]);
}

}  // namespace
}  // namespace bundlectl::testing
