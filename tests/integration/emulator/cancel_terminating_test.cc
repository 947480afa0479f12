// Cancel of a run that is TERMINATING (its tasks have ended; the run has not), over real HTTP:
// the state the "cancel during each state" list had left untested. The cancel is
// accepted; the cleanup already under way is neither cut nor lengthened, and the run ends
// CANCELED when it ends, its tasks keeping their results.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

TEST_F(RunSemanticsTest, CancelWhileTerminatingEndsTheRunCanceledWhenItsCleanupEnds) {
  start("default:\n  terminating_ms: 500\n");
  std::int64_t run_id = run_now(create_job({{"name", "cleanup"}, {"tasks", {task("a")}}}));
  std::int64_t cleanup_ends = now() + k_pending_ms + k_task_ms + 500;
  advance(k_pending_ms + k_task_ms + 100);
  ASSERT_EQ(life(get_run(run_id)), "TERMINATING");
  HttpReply reply = client().post("/api/2.2/jobs/runs/cancel", {{"run_id", run_id}});
  ASSERT_EQ(reply.status, 200) << reply.text;
  EXPECT_EQ(life(get_run(run_id)), "TERMINATING");
  advance(400);
  json run = get_run(run_id);
  EXPECT_EQ(life(run), "TERMINATED");
  EXPECT_EQ(result(run), "CANCELED");
  EXPECT_EQ(run["end_time"], cleanup_ends);
  EXPECT_EQ(run["status"]["termination_details"]["code"], "USER_CANCELED");
  EXPECT_EQ(tasks_of(run)["a"]["state"]["result_state"], "SUCCESS");
  advance(1'000);
  EXPECT_EQ(get_run(run_id), run) << "an ended run stays as it ended";
}

}  // namespace
}  // namespace bundlectl::testing
