// How runs end, over real HTTP. TERMINATING: runs/get shows the state (and the 2.2 status)
// between the last task's end and TERMINATED, and a queued run of the job leaves the queue
// only then. INTERNAL_ERROR: a scenario's internal_error ends the run in that state.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

TEST_F(RunSemanticsTest, ARunIsTerminatingBeforeItIsTerminatedAndHoldsItsSlotMeanwhile) {
  start("default:\n  terminating_ms: 300\n");
  std::int64_t job_id = create_job({{"name", "cleanup"},
                                    {"max_concurrent_runs", 1},
                                    {"queue", {{"enabled", true}}},
                                    {"tasks", {task("a")}}});
  std::int64_t first = run_now(job_id);
  std::int64_t created = now();
  std::int64_t second = run_now(job_id);
  advance(k_pending_ms + k_task_ms + 1);
  json run = get_run(first);
  EXPECT_EQ(life(run), "TERMINATING");
  EXPECT_EQ(run["status"]["state"], "TERMINATING");
  EXPECT_EQ(result(run), "");
  EXPECT_EQ(tasks_of(run)["a"]["state"]["result_state"], "SUCCESS");
  EXPECT_EQ(life(get_run(second)), "QUEUED");
  advance(300);
  run = get_run(first);
  EXPECT_EQ(life(run), "TERMINATED");
  EXPECT_EQ(result(run), "SUCCESS");
  EXPECT_EQ(run["end_time"], created + k_pending_ms + k_task_ms + 300);
  json next = get_run(second);
  EXPECT_EQ(life(next), "PENDING");
  EXPECT_EQ(next["queue_duration"], k_pending_ms + k_task_ms + 300);
}

TEST_F(RunSemanticsTest, AScenariosInternalErrorEndsTheRunInternalError) {
  start("tasks:\n  a:\n    outcome: internal_error\n");
  std::int64_t run_id =
      run_now(create_job({{"name", "broken"}, {"tasks", {task("a"), task("b", {"a"})}}}));
  advance(k_pending_ms + k_task_ms + 1);
  json run = get_run(run_id);
  EXPECT_EQ(life(run), "INTERNAL_ERROR");
  EXPECT_EQ(result(run), "FAILED");
  EXPECT_EQ(run["state"]["state_message"], "The run hit an internal error.");
  EXPECT_EQ(run["status"]["state"], "TERMINATED");
  EXPECT_EQ(run["status"]["termination_details"]["code"], "INTERNAL_ERROR");
  EXPECT_EQ(run["status"]["termination_details"]["type"], "INTERNAL_ERROR");
  EXPECT_EQ(tasks_of(run)["b"]["state"]["result_state"], "CANCELED");
}

}  // namespace
}  // namespace bundlectl::testing
