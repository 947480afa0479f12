// `continuous` jobs over real HTTP on a clock the test moves: a run starts at once, each next
// one the moment the last ended (trigger CONTINUOUS), and a paused job starts nothing.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class ContinuousTest : public RunSemanticsTest {
 protected:
  json runs_of(std::int64_t job_id) {  // newest first
    return client()
        .get("/api/2.2/jobs/runs/list?job_id=" + std::to_string(job_id))
        .body.value("runs", json::array());
  }
  static json continuous_job(const std::string& pause_status) {
    return {{"name", "stream"},
            {"continuous", {{"pause_status", pause_status}}},
            {"tasks", {task("a")}}};
  }
};

TEST_F(ContinuousTest, AContinuousJobStartsARunWhenTheLastOneEnds) {
  start();
  std::int64_t created = now();
  std::int64_t job_id = create_job(continuous_job("UNPAUSED"));
  json runs = runs_of(job_id);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["trigger"], "CONTINUOUS");
  EXPECT_EQ(runs[0]["start_time"], created);
  constexpr std::int64_t k_run_ms = k_pending_ms + k_task_ms;
  advance(3 * k_run_ms + k_run_ms / 2);  // three runs ended; the fourth is under way
  runs = runs_of(job_id);
  ASSERT_EQ(runs.size(), 4u) << runs.dump();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::int64_t start = runs[runs.size() - 1 - i]["start_time"];
    EXPECT_EQ(start, created + static_cast<std::int64_t>(i) * k_run_ms) << i;
  }
  EXPECT_EQ(life(runs[0]), "RUNNING");
  EXPECT_EQ(result(runs[1]), "SUCCESS");
}

TEST_F(ContinuousTest, APausedContinuousJobStartsNothingUntilUnpaused) {
  start();
  std::int64_t job_id = create_job(continuous_job("PAUSED"));
  advance(10'000);
  EXPECT_EQ(runs_of(job_id).size(), 0u);
  HttpReply unpaused = client().post(
      "/api/2.2/jobs/update",
      {{"job_id", job_id}, {"new_settings", {{"continuous", {{"pause_status", "UNPAUSED"}}}}}});
  ASSERT_EQ(unpaused.status, 200) << unpaused.text;
  std::int64_t unpaused_at = now();
  json runs = runs_of(job_id);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["start_time"], unpaused_at);  // no catching up on the paused time
}

}  // namespace
}  // namespace bundlectl::testing
