// run_job_task and pipeline_task over real HTTP on a clock the test moves. The other job's
// run appears when the task starts (trigger RUN_JOB_TASK, trigger_info naming the task run),
// the task ends with it, runs/get-output names it, and canceling the parent cancels it. A
// pipeline_task's update joins the pipeline's updates when the task starts (cause JOB_TASK,
// full_refresh passed on); a failed update fails the task; canceling the run stops it.
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

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class PipelineTaskHttpTest : public RunSemanticsTest {
 protected:
  std::string create_pipeline() {
    HttpReply reply = client().post("/api/2.0/pipelines", {{"name", "sales"}});
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("pipeline_id", "");
  }
  json updates_of(const std::string& pipeline_id) {
    return client()
        .get("/api/2.0/pipelines/" + pipeline_id + "/updates")
        .body.value("updates", json::array());
  }
  std::int64_t job_refreshing(const std::string& pipeline_id) {
    return create_job(
        {{"name", "refresh"},
         {"tasks",
          {task_with("refresh", {},
                     {{"pipeline_task", {{"pipeline_id", pipeline_id}, {"full_refresh", true}}}}),
           task("after", {"refresh"})}}});
  }
};

TEST_F(PipelineTaskHttpTest, ThePipelineTaskStartsAnUpdateAndWaitsForIt) {
  start();
  std::string pipeline_id = create_pipeline();
  std::int64_t run_id = run_now(job_refreshing(pipeline_id));
  std::int64_t created = now();
  EXPECT_EQ(updates_of(pipeline_id).size(), 0u);  // the task has not started
  advance(k_pending_ms + 1);
  json updates = updates_of(pipeline_id);
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0]["cause"], "JOB_TASK");
  EXPECT_EQ(updates[0]["full_refresh"], true);
  EXPECT_EQ(updates[0]["state"], "QUEUED");
  EXPECT_EQ(client().get("/api/2.0/pipelines/" + pipeline_id).body["state"], "RUNNING");
  EXPECT_EQ(tasks_of(get_run(run_id))["refresh"]["state"]["life_cycle_state"], "RUNNING");
  advance(10 * k_task_ms);
  EXPECT_EQ(updates_of(pipeline_id)[0]["state"], "COMPLETED");
  json run = get_run(run_id);
  EXPECT_EQ(result(run), "SUCCESS");
  EXPECT_EQ(tasks_of(run)["refresh"]["end_time"], created + k_pending_ms + 4 * k_pending_ms);
}

TEST_F(PipelineTaskHttpTest, AFailedUpdateFailsTheTaskAndCancelingTheRunStopsTheUpdate) {
  start(
      "tasks:\n"
      "  refresh:\n"
      "    attempts:\n"
      "      - {outcome: failure, message: schema mismatch}\n"
      "      - {outcome: success}\n");
  std::string pipeline_id = create_pipeline();
  std::int64_t failed = run_now(job_refreshing(pipeline_id));
  advance(10 * k_task_ms);
  json run = get_run(failed);
  EXPECT_EQ(result(run), "FAILED");
  std::string update_id = updates_of(pipeline_id)[0]["update_id"];
  EXPECT_EQ(tasks_of(run)["refresh"]["state"]["state_message"],
            "The update " + update_id + " of pipeline " + pipeline_id + " failed: schema mismatch");
  EXPECT_EQ(updates_of(pipeline_id)[0]["state"], "FAILED");
  json events = client().get("/api/2.0/pipelines/" + pipeline_id + "/events").body["events"];
  EXPECT_EQ(events[0]["details"]["update_progress"]["state"], "FAILED") << events.dump();

  std::int64_t canceled = run_now(job_refreshing(pipeline_id));
  advance(k_pending_ms + 2 * k_pending_ms);  // the update is under way
  ASSERT_EQ(updates_of(pipeline_id)[0]["state"], "SETTING_UP_TABLES");
  ASSERT_EQ(client().post("/api/2.2/jobs/runs/cancel", {{"run_id", canceled}}).status, 200);
  EXPECT_EQ(result(get_run(canceled)), "CANCELED");
  json stopped = updates_of(pipeline_id)[0];
  EXPECT_EQ(stopped["state"], "CANCELED");
  EXPECT_EQ(stopped["end_time"], now());
}

}  // namespace
}  // namespace bundlectl::testing
