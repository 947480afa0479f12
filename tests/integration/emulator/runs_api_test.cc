#include <set>

#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class RunsApiTest : public EmulatorTest {
 protected:
  std::int64_t run_now(std::int64_t job_id, json extra = json::object()) {
    extra["job_id"] = job_id;
    HttpReply reply = client().post("/api/2.2/jobs/run-now", extra);
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("run_id", std::int64_t{0});
  }
  json get_run(std::int64_t run_id) {
    return client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).body;
  }
};

TEST_F(RunsApiTest, RunNowGoesThroughPendingRunningTerminatedWithTasksInDependencyOrder) {
  std::int64_t job_id = create_job(
      {{"name", "dag"},
       {"tasks", {task("load", {"extract"}), task("extract"), task("report", {"load"})}}});
  HttpReply started = client().post("/api/2.2/jobs/run-now", {{"job_id", job_id}});
  ASSERT_EQ(started.status, 200);
  EXPECT_EQ(started.body["number_in_job"], 1);
  std::int64_t run_id = started.body["run_id"];
  json first = get_run(run_id);
  EXPECT_EQ(first["state"]["life_cycle_state"], "PENDING");
  EXPECT_EQ(first["status"]["state"], "PENDING");
  std::set<std::string> seen;
  json run;
  for (int i = 0; i < 500; ++i) {
    run = get_run(run_id);
    seen.insert(run["state"]["life_cycle_state"].get<std::string>());
    if (run["state"]["life_cycle_state"] == "TERMINATED") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(seen, (std::set<std::string>{"PENDING", "RUNNING", "TERMINATED"}));
  EXPECT_EQ(run["state"]["result_state"], "SUCCESS");
  EXPECT_EQ(run["status"]["termination_details"]["code"], "SUCCESS");
  EXPECT_EQ(run["job_id"], job_id);
  EXPECT_EQ(run["run_type"], "JOB_RUN");
  EXPECT_EQ(run["run_page_url"], m_emulator.base_url() + "/?o=0#job/" + std::to_string(job_id) +
                                     "/run/" + std::to_string(run_id));
  std::map<std::string, json> tasks;
  for (const json& t : run["tasks"]) tasks[t["task_key"]] = t;
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks["extract"]["state"]["result_state"], "SUCCESS");
  EXPECT_GE(tasks["load"]["start_time"], tasks["extract"]["end_time"]);
  EXPECT_GE(tasks["report"]["start_time"], tasks["load"]["end_time"]);
  EXPECT_EQ(run["end_time"], tasks["report"]["end_time"]);
  EXPECT_NE(tasks["load"]["run_id"], run_id);
  EXPECT_EQ(get_run(run_now(job_id))["number_in_job"], 2);
}

TEST_F(RunsApiTest, RunNowAppliesJobParametersOnlyAndIdempotencyToken) {
  std::int64_t job_id =
      create_job({{"name", "p"},
                  {"parameters",
                   {{{"name", "env"}, {"default", "dev"}}, {{"name", "day"}, {"default", "mon"}}}},
                  {"tasks", {task("a"), task("b", {"a"}), task("c")}}});
  std::int64_t run_id = run_now(job_id, {{"job_parameters", {{"env", "prod"}}},
                                         {"only", {"b", "c"}},
                                         {"idempotency_token", "tok-1"}});
  json run = get_run(run_id);
  EXPECT_EQ(run["job_parameters"], (json{{{"name", "env"}, {"default", "dev"}, {"value", "prod"}},
                                         {{"name", "day"}, {"default", "mon"}, {"value", "mon"}}}));
  std::set<std::string> keys;
  for (const json& t : run["tasks"]) keys.insert(t["task_key"].get<std::string>());
  EXPECT_EQ(keys, (std::set<std::string>{"b", "c"}));
  EXPECT_EQ(run_now(job_id, {{"idempotency_token", "tok-1"}}), run_id);
  EXPECT_NE(run_now(job_id, {{"idempotency_token", "tok-2"}}), run_id);
  EXPECT_EQ(client().post("/api/2.2/jobs/run-now", {{"job_id", 77}}).body["message"],
            "Job 77 does not exist.");
}

TEST_F(RunsApiTest, SubmitRunsAOneTimeRunAndGetOutputAnswersPerTask) {
  HttpReply submitted =
      client().post("/api/2.1/jobs/runs/submit", {{"run_name", "once"}, {"tasks", {task("only")}}});
  ASSERT_EQ(submitted.status, 200) << submitted.text;
  std::int64_t run_id = submitted.body["run_id"];
  json run = wait_for_run(run_id);
  EXPECT_EQ(run["run_type"], "SUBMIT_RUN");
  EXPECT_EQ(run["run_name"], "once");
  std::int64_t task_run = run["tasks"][0]["run_id"];
  HttpReply output =
      client().get("/api/2.2/jobs/runs/get-output?run_id=" + std::to_string(task_run));
  ASSERT_EQ(output.status, 200) << output.text;
  EXPECT_EQ(output.body["metadata"]["task_key"], "only");
  EXPECT_EQ(output.body["metadata"]["state"]["result_state"], "SUCCESS");
  HttpReply parent = client().get("/api/2.2/jobs/runs/get-output?run_id=" + std::to_string(run_id));
  EXPECT_EQ(parent.status, 400);
  EXPECT_EQ(parent.body["message"],
            "Retrieving the output of runs with multiple tasks is not supported. Please retrieve "
            "the output of each "
            "individual task run instead.");
  EXPECT_EQ(
      client().get("/api/2.2/jobs/runs/get?run_id=42").body,
      (json{{"error_code", "INVALID_PARAMETER_VALUE"}, {"message", "Run 42 does not exist."}}));
}

TEST_F(RunsApiTest, ListFiltersByJobAndStateAndPagesNewestFirst) {
  std::int64_t job_a = create_job({{"name", "a"}, {"tasks", {task("t")}}});
  std::int64_t job_b = create_job({{"name", "b"}, {"tasks", {task("t")}}});
  std::vector<std::int64_t> runs_a;
  for (int i = 0; i < 3; ++i) {
    runs_a.push_back(run_now(job_a));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  wait_for_run(runs_a.back());
  std::int64_t active = run_now(job_b);
  HttpReply page =
      client().get("/api/2.2/jobs/runs/list?job_id=" + std::to_string(job_a) + "&limit=2");
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(page.body["runs"].size(), 2u);
  EXPECT_EQ(page.body["runs"][0]["run_id"], runs_a[2]);
  EXPECT_FALSE(page.body["runs"][0].contains("tasks"));
  EXPECT_EQ(page.body["has_more"], true);
  HttpReply next =
      client().get("/api/2.2/jobs/runs/list?job_id=" + std::to_string(job_a) +
                   "&limit=2&page_token=" + page.body["next_page_token"].get<std::string>());
  ASSERT_EQ(next.body["runs"].size(), 1u);
  EXPECT_EQ(next.body["runs"][0]["run_id"], runs_a[0]);
  HttpReply running = client().get("/api/2.2/jobs/runs/list?active_only=true&expand_tasks=true");
  ASSERT_EQ(running.body["runs"].size(), 1u);
  EXPECT_EQ(running.body["runs"][0]["run_id"], active);
  EXPECT_EQ(running.body["runs"][0]["tasks"].size(), 1u);
  EXPECT_EQ(client().get("/api/2.2/jobs/runs/list?completed_only=true").body["runs"].size(), 3u);
  EXPECT_EQ(client().get("/api/2.2/jobs/runs/list?active_only=true&completed_only=true").status,
            400);
  EXPECT_EQ(client().get("/api/2.2/jobs/runs/list?limit=26").status, 400);
  std::int64_t submitted =
      client().post("/api/2.2/jobs/runs/submit", {{"tasks", {task("s")}}}).body["run_id"];
  json only_submits = client().get("/api/2.2/jobs/runs/list?run_type=SUBMIT_RUN").body;
  ASSERT_EQ(only_submits["runs"].size(), 1u);
  EXPECT_EQ(only_submits["runs"][0]["run_id"], submitted);
  std::int64_t first_start = get_run(runs_a[0])["start_time"];
  std::int64_t last_start = get_run(runs_a[2])["start_time"];
  json window = client()
                    .get("/api/2.2/jobs/runs/list?job_id=" + std::to_string(job_a) +
                         "&start_time_from=" + std::to_string(first_start + 1) +
                         "&start_time_to=" + std::to_string(last_start))
                    .body;
  ASSERT_EQ(window["runs"].size(), 2u);
  EXPECT_EQ(window["runs"][1]["run_id"], runs_a[1]);
}

TEST_F(RunsApiTest, CancelEndsARunAsCanceledAndCancelAllEndsEveryRunOfAJob) {
  emulator::ServerOptions slow;
  slow.run_pending_ms = 60'000;  // runs stay PENDING until canceled
  start(slow);
  std::int64_t job_id = create_job({{"name", "slow"}, {"tasks", {task("t")}}});
  std::int64_t first = run_now(job_id);
  std::int64_t second = run_now(job_id);
  ASSERT_EQ(client().post("/api/2.2/jobs/runs/cancel", {{"run_id", first}}).status, 200);
  json canceled = get_run(first);
  EXPECT_EQ(canceled["state"]["life_cycle_state"], "TERMINATED");
  EXPECT_EQ(canceled["state"]["result_state"], "CANCELED");
  EXPECT_EQ(canceled["status"]["termination_details"]["code"], "USER_CANCELED");
  EXPECT_EQ(canceled["tasks"][0]["state"]["result_state"], "CANCELED");
  EXPECT_EQ(get_run(second)["state"]["life_cycle_state"], "PENDING");
  ASSERT_EQ(client().post("/api/2.2/jobs/runs/cancel-all", {{"job_id", job_id}}).status, 200);
  EXPECT_EQ(get_run(second)["state"]["result_state"], "CANCELED");
  EXPECT_EQ(client().post("/api/2.2/jobs/runs/cancel-all", json::object()).status, 400);
}

TEST_F(RunsApiTest, RepairRerunsChosenTasksAsNewTaskRuns) {
  std::int64_t job_id = create_job({{"name", "r"}, {"tasks", {task("a"), task("b", {"a"})}}});
  std::int64_t run_id = run_now(job_id);
  HttpReply early =
      client().post("/api/2.2/jobs/runs/repair", {{"run_id", run_id}, {"rerun_tasks", {"a"}}});
  EXPECT_EQ(early.status, 400);
  json done = wait_for_run(run_id);
  std::int64_t old_b = done["tasks"][1]["run_id"];
  HttpReply repaired =
      client().post("/api/2.2/jobs/runs/repair", {{"run_id", run_id}, {"rerun_tasks", {"b"}}});
  ASSERT_EQ(repaired.status, 200) << repaired.text;
  EXPECT_TRUE(repaired.body["repair_id"].is_number_integer());
  EXPECT_EQ(get_run(run_id)["state"]["life_cycle_state"], "RUNNING");
  json again = wait_for_run(run_id);
  EXPECT_EQ(again["state"]["result_state"], "SUCCESS");
  EXPECT_NE(again["tasks"][1]["run_id"], old_b);
  EXPECT_EQ(again["tasks"][1]["attempt_number"], 1);
  EXPECT_EQ(again["tasks"][0]["run_id"], done["tasks"][0]["run_id"]);
  EXPECT_EQ(again["repair_history"].size(), 2u);
}

TEST_F(RunsApiTest, DeleteRefusesActiveRunsAndRemovesEndedOnes) {
  std::int64_t job_id = create_job({{"name", "d"}, {"tasks", {task("a")}}});
  std::int64_t run_id = run_now(job_id);
  EXPECT_EQ(client().post("/api/2.2/jobs/runs/delete", {{"run_id", run_id}}).status, 400);
  wait_for_run(run_id);
  EXPECT_EQ(client().post("/api/2.2/jobs/runs/delete", {{"run_id", run_id}}).status, 200);
  EXPECT_EQ(client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).status, 400);
}

}  // namespace
}  // namespace bundlectl::testing
