// Retries (max_retries, min_retry_interval_millis, retry_on_timeout), task and job timeouts,
// and the 2.2 status object with its times, over real HTTP with a clock the test moves.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

std::vector<json> entries_of(const json& run, const std::string& key) {
  std::vector<json> out;
  for (const json& t : run["tasks"]) {
    if (t["task_key"] == key) out.push_back(t);
  }
  return out;
}

// A job that waits five minutes between attempts is tested in moments: the scenario's
// retry_interval_ms replaces the task's min_retry_interval_millis.
TEST_F(RunSemanticsTest, AScenarioShortensTheWaitBetweenAttempts) {
  start(R"(tasks:
  flaky:
    retry_interval_ms: 50
    attempts:
      - {outcome: failure, message: "Connection reset", duration_ms: 200}
      - {outcome: success, duration_ms: 100}
)");
  std::int64_t run_id = run_now(create_job(
      {{"name", "retry"},
       {"tasks",
        {task_with("flaky", {}, {{"max_retries", 2}, {"min_retry_interval_millis", 300000}})}}}));
  std::int64_t start_at = now() + k_pending_ms;
  advance(k_pending_ms + 200 + 50 + 100 + 10);
  json run = get_run(run_id);
  std::vector<json> flaky = entries_of(run, "flaky");
  ASSERT_EQ(flaky.size(), 2u);
  EXPECT_EQ(flaky[1]["start_time"], start_at + 250);
  EXPECT_EQ(result(flaky[1]), "SUCCESS");
  EXPECT_EQ(result(run), "SUCCESS");
}

TEST_F(RunSemanticsTest, AFailedAttemptWaitsForRetryThenRunsAgainAsANewTaskRun) {
  start(R"(tasks:
  flaky:
    attempts:
      - {outcome: failure, message: "Connection reset", duration_ms: 200}
      - {outcome: failure, message: "Connection reset again", duration_ms: 300}
      - {outcome: success, duration_ms: 400}
)");
  std::int64_t run_id = run_now(create_job(
      {{"name", "retry"},
       {"tasks",
        {task_with("flaky", {}, {{"max_retries", 3}, {"min_retry_interval_millis", 500}})}}}));
  std::int64_t start_at = now() + k_pending_ms;
  advance(k_pending_ms + 100);
  std::vector<json> flaky = entries_of(get_run(run_id), "flaky");
  ASSERT_EQ(flaky.size(), 1u);
  EXPECT_EQ(life(flaky[0]), "RUNNING");
  EXPECT_EQ(flaky[0]["attempt_number"], 0);
  std::int64_t first_id = flaky[0]["run_id"];

  advance(200);  // first attempt failed at +200; the retry waits 500 ms
  json run = get_run(run_id);
  flaky = entries_of(run, "flaky");
  ASSERT_EQ(flaky.size(), 2u);
  EXPECT_EQ(flaky[0]["run_id"], first_id);
  EXPECT_EQ(result(flaky[0]), "FAILED");
  EXPECT_EQ(flaky[0]["state"]["state_message"], "Connection reset");
  EXPECT_EQ(flaky[0]["end_time"], start_at + 200);
  EXPECT_EQ(life(flaky[1]), "WAITING_FOR_RETRY");
  EXPECT_EQ(flaky[1]["status"]["state"], "WAITING");
  EXPECT_EQ(flaky[1]["attempt_number"], 1);
  EXPECT_NE(flaky[1]["run_id"], first_id);
  EXPECT_EQ(flaky[1]["original_attempt_run_id"], first_id);
  EXPECT_EQ(life(run), "RUNNING");

  advance(500);  // the second attempt started at +700
  flaky = entries_of(get_run(run_id), "flaky");
  EXPECT_EQ(life(flaky[1]), "RUNNING");
  EXPECT_EQ(flaky[1]["start_time"], start_at + 700);

  advance(300 + 500 + 400);  // fails at +1000, third attempt +1500 to +1900
  run = get_run(run_id);
  flaky = entries_of(run, "flaky");
  ASSERT_EQ(flaky.size(), 3u);
  EXPECT_EQ(flaky[2]["attempt_number"], 2);
  EXPECT_EQ(flaky[2]["start_time"], start_at + 1500);
  EXPECT_EQ(result(flaky[2]), "SUCCESS");
  EXPECT_EQ(result(run), "SUCCESS");
  EXPECT_EQ(run["end_time"], start_at + 1900);
  // Each attempt's id answers runs/get.
  json first = get_run(first_id);
  EXPECT_EQ(first["run_id"], first_id);
  EXPECT_EQ(result(first), "FAILED");
}

TEST_F(RunSemanticsTest, RetriesStopAtMaxRetriesAndTheTaskFails) {
  start("tasks:\n  broken: {outcome: failure, message: always}\n");
  std::int64_t run_id = run_now(
      create_job({{"name", "max"}, {"tasks", {task_with("broken", {}, {{"max_retries", 2}})}}}));
  advance(k_pending_ms + 10 * k_task_ms);
  json run = get_run(run_id);
  std::vector<json> broken = entries_of(run, "broken");
  ASSERT_EQ(broken.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(broken[i]["attempt_number"], i);
    EXPECT_EQ(result(broken[i]), "FAILED");
  }
  EXPECT_EQ(result(run), "FAILED");
  EXPECT_EQ(run["status"]["termination_details"]["code"], "RUN_EXECUTION_ERROR");
}

TEST_F(RunSemanticsTest, ATaskTimeoutIsRetriedOnlyWithRetryOnTimeout) {
  start("tasks:\n  hang: {outcome: timeout}\n  hang_retried: {outcome: timeout}\n");
  json retry = {{"max_retries", 1}, {"timeout_seconds", 2}};
  json retry_on_timeout = retry;
  retry_on_timeout["retry_on_timeout"] = true;
  std::int64_t run_id = run_now(create_job(
      {{"name", "timeouts"},
       {"tasks",
        {task_with("hang", {}, retry), task_with("hang_retried", {}, retry_on_timeout)}}}));
  std::int64_t start_at = now() + k_pending_ms;
  advance(k_pending_ms + 10'000);
  json run = get_run(run_id);
  std::vector<json> hang = entries_of(run, "hang");
  ASSERT_EQ(hang.size(), 1u);
  EXPECT_EQ(result(hang[0]), "TIMEDOUT");
  EXPECT_EQ(hang[0]["end_time"], start_at + 2000);
  EXPECT_EQ(hang[0]["state"]["state_message"], "Task timed out after 2 seconds.");
  EXPECT_EQ(hang[0]["state"]["user_cancelled_or_timedout"], true);
  EXPECT_EQ(hang[0]["status"]["termination_details"]["code"], "TIMEOUT");
  std::vector<json> retried = entries_of(run, "hang_retried");
  ASSERT_EQ(retried.size(), 2u);
  EXPECT_EQ(retried[1]["start_time"], start_at + 2000);
  EXPECT_EQ(result(retried[1]), "TIMEDOUT");
  EXPECT_EQ(result(run), "FAILED");
}

TEST_F(RunSemanticsTest, ASlowAttemptLongerThanTheTaskTimeoutTimesOut) {
  start("tasks:\n  slow: {duration_ms: 5000}\n");
  std::int64_t run_id = run_now(
      create_job({{"name", "slow"}, {"tasks", {task_with("slow", {}, {{"timeout_seconds", 1}})}}}));
  advance(k_pending_ms + 1000);
  json run = get_run(run_id);
  EXPECT_EQ(result(tasks_of(run)["slow"]), "TIMEDOUT");
  EXPECT_EQ(result(run), "FAILED");
}

TEST_F(RunSemanticsTest, TheJobTimeoutEndsTheRunTimedOutAndCancelsWhatHadNotStarted) {
  start("tasks:\n  b: {duration_ms: 1500}\n");
  std::int64_t run_id =
      run_now(create_job({{"name", "job-timeout"},
                          {"timeout_seconds", 2},
                          {"tasks", {task("a"), task("b", {"a"}), task("c", {"b"})}}}));
  std::int64_t start_at = now() + k_pending_ms;
  advance(k_pending_ms + 1500);
  json run = get_run(run_id);
  EXPECT_EQ(life(run), "RUNNING");
  EXPECT_EQ(life(tasks_of(run)["b"]), "RUNNING");
  advance(500);
  run = get_run(run_id);
  std::map<std::string, json> by_key = tasks_of(run);
  EXPECT_EQ(result(by_key["a"]), "SUCCESS");
  EXPECT_EQ(result(by_key["b"]), "TIMEDOUT");
  EXPECT_EQ(result(by_key["c"]), "CANCELED");
  EXPECT_EQ(life(run), "TERMINATED");
  EXPECT_EQ(result(run), "TIMEDOUT");
  EXPECT_EQ(run["end_time"], start_at + 2000);
  EXPECT_EQ(run["state"]["state_message"], "Job run timed out after 2 seconds.");
  EXPECT_EQ(run["status"]["termination_details"],
            (json{{"code", "TIMEOUT"},
                  {"type", "CLIENT_ERROR"},
                  {"message", "Job run timed out after 2 seconds."}}));
}

TEST_F(RunSemanticsTest, TheStatusObjectAndTimesFollowTheRunThroughItsStates) {
  start();
  std::int64_t job_id = create_job({{"name", "status"}, {"tasks", {task("a")}}});
  std::int64_t created = now();
  std::int64_t run_id = run_now(job_id);
  json run = client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).body;
  EXPECT_EQ(run["status"], (json{{"state", "PENDING"}}));
  EXPECT_EQ(run["start_time"], created);
  EXPECT_EQ(run["end_time"], 0);
  EXPECT_EQ(tasks_of(run)["a"]["status"]["state"], "PENDING");
  advance(k_pending_ms);
  run = client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).body;
  EXPECT_EQ(run["status"], (json{{"state", "RUNNING"}}));
  EXPECT_EQ(tasks_of(run)["a"]["start_time"], created + k_pending_ms);
  advance(k_task_ms);
  run = client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).body;
  EXPECT_EQ(run["status"]["state"], "TERMINATED");
  EXPECT_EQ(run["status"]["termination_details"]["code"], "SUCCESS");
  EXPECT_EQ(run["status"]["termination_details"]["type"], "SUCCESS");
  EXPECT_EQ(run["end_time"], created + k_pending_ms + k_task_ms);
  EXPECT_EQ(run["run_duration"], k_pending_ms + k_task_ms);
  EXPECT_EQ(run["queue_duration"], 0);
  json a = tasks_of(run)["a"];
  EXPECT_EQ(a["execution_duration"], k_task_ms);
  EXPECT_EQ(a["end_time"], created + k_pending_ms + k_task_ms);
}

}  // namespace
}  // namespace bundlectl::testing
