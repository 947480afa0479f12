// max_concurrent_runs with and without the queue, cancel in each state, and repair (twice),
// over real HTTP with a clock the test moves.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

TEST_F(RunSemanticsTest, WithTheQueueARunBeyondMaxConcurrentRunsWaitsQueuedUntilASlotFrees) {
  start();
  std::int64_t job_id = create_job({{"name", "queued"},
                                    {"max_concurrent_runs", 1},
                                    {"queue", {{"enabled", true}}},
                                    {"tasks", {task("a")}}});
  std::int64_t first = run_now(job_id);
  std::int64_t first_end = now() + k_pending_ms + k_task_ms;
  advance(10);
  std::int64_t second = run_now(job_id);
  std::int64_t second_created = now();
  std::int64_t third = run_now(job_id);
  json queued = client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(second)).body;
  EXPECT_EQ(life(queued), "QUEUED");
  EXPECT_EQ(queued["status"]["state"], "QUEUED");
  EXPECT_EQ(queued["status"]["queue_details"]["code"], "ACTIVE_RUNS_LIMIT_REACHED");
  EXPECT_EQ(tasks_of(queued)["a"]["state"]["life_cycle_state"], "QUEUED");
  advance(5'000);  // long after the first ended; the second left the queue when it did
  json run = get_run(second);
  EXPECT_EQ(result(get_run(first)), "SUCCESS");
  EXPECT_EQ(run["queue_duration"], first_end - second_created);
  EXPECT_EQ(tasks_of(run)["a"]["start_time"], first_end + k_pending_ms);
  EXPECT_EQ(result(run), "SUCCESS");
  // First in, first out: the third started when the second ended.
  EXPECT_EQ(tasks_of(get_run(third))["a"]["start_time"],
            first_end + k_pending_ms + k_task_ms + k_pending_ms);
}

TEST_F(RunSemanticsTest, WithoutTheQueueARunBeyondMaxConcurrentRunsIsSkipped) {
  start();
  std::int64_t job_id =
      create_job({{"name", "skipping"}, {"max_concurrent_runs", 2}, {"tasks", {task("a")}}}, "2.1");
  std::int64_t first = run_now(job_id);
  std::int64_t second = run_now(job_id);
  std::int64_t third = run_now(job_id);
  json skipped = client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(third)).body;
  EXPECT_EQ(life(skipped), "SKIPPED");
  EXPECT_EQ(result(skipped), "MAXIMUM_CONCURRENT_RUNS_REACHED");
  EXPECT_EQ(skipped["status"]["termination_details"]["code"], "MAX_CONCURRENT_RUNS_EXCEEDED");
  EXPECT_EQ(life(get_run(first)), "PENDING");
  EXPECT_EQ(life(get_run(second)), "PENDING");
  advance(k_pending_ms + k_task_ms);
  EXPECT_EQ(life(get_run(run_now(job_id))), "PENDING") << "a slot is free again";
}

TEST_F(RunSemanticsTest, CancelEndsARunInEachStateItCanBeIn) {
  start("tasks:\n  flaky: {attempts: [{outcome: failure}, {outcome: success}]}\n");
  std::int64_t job_id = create_job(
      {{"name", "cancel"}, {"max_concurrent_runs", 1}, {"tasks", {task("a"), task("b", {"a"})}}});
  auto cancel = [this](std::int64_t run_id) {
    HttpReply reply = client().post("/api/2.2/jobs/runs/cancel", {{"run_id", run_id}});
    EXPECT_EQ(reply.status, 200) << reply.text;
  };
  std::int64_t running = run_now(job_id);
  std::int64_t queued = run_now(job_id);
  EXPECT_EQ(life(get_run(queued)), "QUEUED");
  cancel(queued);
  json run = get_run(queued);
  EXPECT_EQ(result(run), "CANCELED");
  EXPECT_EQ(run["state"]["state_message"], "Run cancelled.");
  EXPECT_EQ(life(get_run(running)), "PENDING");
  cancel(running);  // while PENDING
  run = get_run(running);
  EXPECT_EQ(result(run), "CANCELED");
  EXPECT_EQ(run["status"]["termination_details"]["code"], "USER_CANCELED");
  EXPECT_EQ(run["end_time"], now());

  std::int64_t in_run = run_now(job_id);
  advance(k_pending_ms + 300);
  EXPECT_EQ(life(tasks_of(get_run(in_run))["b"]), "BLOCKED");
  cancel(in_run);  // while RUNNING, with a task BLOCKED
  std::map<std::string, json> by_key = tasks_of(get_run(in_run));
  EXPECT_EQ(result(by_key["a"]), "CANCELED");
  EXPECT_EQ(by_key["a"]["end_time"], now());
  EXPECT_EQ(result(by_key["b"]), "CANCELED");
  advance(k_task_ms * 5);
  EXPECT_EQ(result(get_run(in_run)), "CANCELED") << "a canceled run stays canceled";

  std::int64_t retrying = run_now(create_job(
      {{"name", "retrying"},
       {"tasks",
        {task_with("flaky", {}, {{"max_retries", 1}, {"min_retry_interval_millis", 10'000}}),
         task("after", {"flaky"})}}}));
  advance(k_pending_ms + k_task_ms + 10);
  EXPECT_EQ(life(tasks_of(get_run(retrying))["flaky"]), "WAITING_FOR_RETRY");
  cancel(retrying);  // while WAITING_FOR_RETRY
  run = get_run(retrying);
  by_key = tasks_of(run);
  EXPECT_EQ(result(by_key["flaky"]), "CANCELED");
  EXPECT_EQ(result(by_key["after"]), "CANCELED");
  EXPECT_EQ(result(run), "CANCELED");
  cancel(retrying);  // an ended run: nothing changes
  EXPECT_EQ(get_run(retrying), run);
}

TEST_F(RunSemanticsTest, CancelAllEndsEveryRunOfAJobOrEveryQueuedRun) {
  start();
  std::int64_t job_id =
      create_job({{"name", "all"}, {"max_concurrent_runs", 1}, {"tasks", {task("a")}}});
  std::int64_t active = run_now(job_id);
  std::int64_t queued = run_now(job_id);
  ASSERT_EQ(client().post("/api/2.2/jobs/runs/cancel-all", {{"all_queued_runs", true}}).status,
            200);
  EXPECT_EQ(result(get_run(queued)), "CANCELED");
  EXPECT_EQ(life(get_run(active)), "PENDING");
  ASSERT_EQ(client().post("/api/2.2/jobs/runs/cancel-all", {{"job_id", job_id}}).status, 200);
  EXPECT_EQ(result(get_run(active)), "CANCELED");
}

TEST_F(RunSemanticsTest, RepairRerunsFailedTasksAndDependentsTwiceWithRepairHistory) {
  start(R"(tasks:
  load:
    attempts: [{outcome: failure, message: first}, {outcome: failure, message: second}, {}]
)");
  std::int64_t run_id =
      run_now(create_job({{"name", "repair"},
                          {"tasks",
                           {task("extract"), task("load", {"extract"}), task("report", {"load"}),
                            task_with("notify", {"load"}, {{"run_if", "ALL_DONE"}})}}}));
  advance(k_pending_ms + 10 * k_task_ms);
  json run = get_run(run_id);
  EXPECT_EQ(result(run), "FAILED");
  std::map<std::string, json> first = tasks_of(run);
  EXPECT_EQ(result(first["report"]), "UPSTREAM_FAILED");
  EXPECT_EQ(result(first["notify"]), "SUCCESS");

  HttpReply repaired = client().post(
      "/api/2.2/jobs/runs/repair",
      {{"run_id", run_id}, {"rerun_all_failed_tasks", true}, {"rerun_dependent_tasks", true}});
  ASSERT_EQ(repaired.status, 200) << repaired.text;
  std::int64_t first_repair = repaired.body["repair_id"];
  std::int64_t repaired_at = now();
  run = get_run(run_id);
  EXPECT_EQ(life(run), "RUNNING");
  EXPECT_EQ(run["latest_repair_id"], first_repair);
  advance(10 * k_task_ms);
  run = get_run(run_id);
  std::map<std::string, json> second = tasks_of(run);
  EXPECT_EQ(result(run), "FAILED");
  EXPECT_EQ(second["load"]["state"]["state_message"], "second");
  EXPECT_EQ(second["load"]["attempt_number"], 1);
  EXPECT_EQ(second["load"]["start_time"], repaired_at);
  EXPECT_NE(second["load"]["run_id"], first["load"]["run_id"]);
  EXPECT_EQ(second["extract"]["run_id"], first["extract"]["run_id"]) << "not rerun";
  EXPECT_NE(second["notify"]["run_id"], first["notify"]["run_id"]) << "a dependent is rerun";

  HttpReply stale =
      client().post("/api/2.2/jobs/runs/repair",
                    {{"run_id", run_id}, {"rerun_tasks", {"load"}}, {"latest_repair_id", 12345}});
  EXPECT_EQ(stale.status, 400);
  EXPECT_EQ(stale.body["message"], "The latest repair of run " + std::to_string(run_id) + " is " +
                                       std::to_string(first_repair) + ", not 12345.");
  HttpReply again =
      client().post("/api/2.2/jobs/runs/repair", {{"run_id", run_id},
                                                  {"rerun_tasks", {"load", "report"}},
                                                  {"latest_repair_id", first_repair}});
  ASSERT_EQ(again.status, 200) << again.text;
  advance(10 * k_task_ms);
  run = get_run(run_id);
  EXPECT_EQ(result(run), "SUCCESS");
  EXPECT_EQ(tasks_of(run)["load"]["attempt_number"], 2);
  ASSERT_EQ(run["repair_history"].size(), 3u);
  EXPECT_EQ(run["repair_history"][0]["type"], "ORIGINAL");
  EXPECT_EQ(run["repair_history"][1]["id"], first_repair);
  EXPECT_EQ(run["repair_history"][2]["id"], again.body["repair_id"]);
  EXPECT_EQ(run["latest_repair_id"], again.body["repair_id"]);
  // The replaced attempt's id still answers runs/get.
  EXPECT_EQ(result(get_run(first["load"]["run_id"])), "FAILED");
}

}  // namespace
}  // namespace bundlectl::testing
