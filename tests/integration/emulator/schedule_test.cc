// Cron schedules fired by a clock the test moves, over real HTTP.
#include "integration/emulator/run_semantics_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

// The fake clock starts at 1'700'000'000'000 ms, 2023-11-14T22:13:20Z.
constexpr std::int64_t k_start_ms = 1'700'000'000'000;

json scheduled(const std::string& name, const std::string& cron, const std::string& zone,
               const std::string& pause_status) {
  return {
      {"name", name},
      {"schedule",
       {{"quartz_cron_expression", cron}, {"timezone_id", zone}, {"pause_status", pause_status}}},
      {"tasks", {task("a")}}};
}

class ScheduleTest : public RunSemanticsTest {
 protected:
  json runs_of(std::int64_t job_id) {
    return client()
        .get("/api/2.2/jobs/runs/list?job_id=" + std::to_string(job_id))
        .body.value("runs", json::array());
  }
};

TEST_F(ScheduleTest, ACronScheduleStartsPeriodicRunsAtItsFireTimes) {
  start();
  std::int64_t job_id = create_job(scheduled("every10", "0 0/10 * * * ?", "UTC", "UNPAUSED"));
  std::int64_t paused_id = create_job(scheduled("paused", "0 0/10 * * * ?", "UTC", "PAUSED"));
  EXPECT_EQ(runs_of(job_id).size(), 0u);
  advance(30 * 60'000);  // to 22:43:20
  json runs = runs_of(job_id);
  ASSERT_EQ(runs.size(), 3u);
  std::vector<std::int64_t> starts;
  for (const json& run : runs) {
    starts.push_back(run["start_time"]);
    EXPECT_EQ(run["trigger"], "PERIODIC");
    EXPECT_EQ(run["state"]["result_state"], "SUCCESS");
  }
  // 22:40, 22:30 and 22:20, newest first.
  EXPECT_EQ(starts, (std::vector<std::int64_t>{k_start_ms + 1'600'000, k_start_ms + 1'000'000,
                                               k_start_ms + 400'000}));
  EXPECT_EQ(runs[2]["number_in_job"], 1);
  EXPECT_EQ(runs_of(paused_id).size(), 0u);

  // Unpaused, it fires from then on, without catching up on the paused time.
  ASSERT_EQ(client()
                .post("/api/2.2/jobs/update", {{"job_id", paused_id},
                                               {"new_settings",
                                                {{"schedule",
                                                  {{"quartz_cron_expression", "0 0/10 * * * ?"},
                                                   {"timezone_id", "UTC"},
                                                   {"pause_status", "UNPAUSED"}}}}}})
                .status,
            200);
  advance(10 * 60'000);  // to 22:53:20
  runs = runs_of(paused_id);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["start_time"], k_start_ms + 2'200'000);  // 22:50
}

TEST_F(ScheduleTest, FireTimesFollowTheScheduleTimeZone) {
  start();
  std::int64_t job_id = create_job(scheduled("paris", "0 0 9 * * ?", "Europe/Paris", "UNPAUSED"));
  advance(12 * 3'600'000);
  json runs = runs_of(job_id);
  ASSERT_EQ(runs.size(), 1u);
  // 09:00 in Paris in November is 08:00Z on 2023-11-15.
  EXPECT_EQ(runs[0]["start_time"], 1'700'035'200'000);
}

}  // namespace
}  // namespace bundlectl::testing
