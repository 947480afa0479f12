// TERMINATING over real HTTP: runs/get shows the state (and the 2.2 status) between the last
// task's end and TERMINATED, and a queued run of the job leaves the queue only then.
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

}  // namespace
}  // namespace bundlectl::testing
