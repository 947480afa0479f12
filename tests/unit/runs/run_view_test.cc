#include "bundlectl/runs/run_view.h"

#include <gtest/gtest.h>

#include <sstream>

#include "bundlectl/runs/progress.h"
#include "bundlectl/runs/prometheus.h"

namespace bundlectl::runs {
namespace {

using nlohmann::json;

json task(const std::string& key, std::int64_t run_id, const std::string& state,
          const std::string& result, int attempt, std::int64_t start, std::int64_t end) {
  json out = {
      {"task_key", key},           {"run_id", run_id},
      {"attempt_number", attempt}, {"start_time", start},
      {"end_time", end},           {"state", {{"life_cycle_state", state}, {"state_message", ""}}}};
  if (!result.empty()) out["state"]["result_state"] = result;
  return out;
}

json api_run() {
  json load_retry = task("load", 12, "RUNNING", "", 1, 1700, 0);
  load_retry["depends_on"] = json::array({{{"task_key", "extract"}}});
  json load_first = task("load", 11, "TERMINATED", "FAILED", 0, 1300, 1600);
  load_first["state"]["state_message"] = "Connection reset";
  return {{"run_id", 7},
          {"job_id", 42},
          {"run_name", "nightly"},
          {"start_time", 1000},
          {"end_time", 0},
          {"run_page_url", "http://h/#job/42/run/7"},
          {"state", {{"life_cycle_state", "RUNNING"}, {"state_message", ""}}},
          {"tasks",
           {task("extract", 10, "TERMINATED", "SUCCESS", 0, 1000, 1300), load_first, load_retry}}};
}

TEST(RunViewTest, KeepsTheLatestAttemptOfEachTaskInTheApiOrder) {
  RunView run = run_view_from_api(api_run());
  ASSERT_EQ(run.tasks.size(), 2u);
  EXPECT_EQ(run.tasks[0].key, "extract");
  EXPECT_EQ(run.tasks[1].key, "load");
  EXPECT_EQ(run.tasks[1].run_id, 12);
  EXPECT_EQ(run.tasks[1].attempt, 1);
  EXPECT_EQ(run.tasks[1].depends_on, std::vector<std::string>{"extract"});
  EXPECT_FALSE(run.ended());
  EXPECT_EQ(run.duration_ms(2500), 1500);
}

TEST(RunViewTest, JsonHasEveryDocumentedFieldWithNullsForWhatHasNotHappened) {
  RunView run = run_view_from_api(api_run());
  run.job_key = "nightly";
  run.target = "dev";
  json out = run_view_to_json(run, 2500);
  EXPECT_EQ(out["result"], nullptr);
  EXPECT_EQ(out["end_time"], nullptr);
  EXPECT_EQ(out["duration_ms"], 1500);
  EXPECT_EQ(out["tasks"][1], (json{{"task_key", "load"},
                                   {"run_id", 12},
                                   {"state", "RUNNING"},
                                   {"result", nullptr},
                                   {"attempt", 1},
                                   {"message", ""},
                                   {"start_time", 1700},
                                   {"end_time", nullptr},
                                   {"duration_ms", 800},
                                   {"depends_on", {"extract"}}}));
}

TEST(ProgressTest, LiveFrameShowsEachTaskStateAttemptDurationAndUpstreams) {
  RunView run = run_view_from_api(api_run());
  EXPECT_EQ(live_frame(run, 2500),
            "Run 7 of nightly: RUNNING  1.5s\n"
            "  TASK    STATE                      ATTEMPT DURATION AFTER\n"
            "  extract TERMINATED SUCCESS         0       0.3s     -\n"
            "  load    RUNNING                    1       0.8s     extract\n");
}

TEST(ProgressTest, LiveViewRedrawsOverThePreviousFrame) {
  std::ostringstream out;
  auto view = make_live_progress(out);
  RunView run = run_view_from_api(api_run());
  view->update(run, 2500);
  view->update(run, 2600);
  std::string text = out.str();
  std::size_t redraw = text.find("\x1b[4F\x1b[J");
  ASSERT_NE(redraw, std::string::npos) << text;
  EXPECT_EQ(text.substr(redraw + 7, 30), "Run 7 of nightly: RUNNING  1.6");
}

TEST(ProgressTest, PlainPrintsALineOnlyWhenSomethingChanged) {
  std::ostringstream out;
  auto view = make_plain_progress(out);
  RunView run = run_view_from_api(api_run());
  view->update(run, 1764892800000);  // 2025-12-05T00:00:00Z
  view->update(run, 1764892801000);  // nothing changed
  run.tasks[1].state = "TERMINATED";
  run.tasks[1].result = "FAILED";
  run.tasks[1].end_ms = 2000;
  run.tasks[1].message = "Connection reset";
  run.state = "TERMINATED";
  run.result = "FAILED";
  run.end_ms = 2100;
  view->update(run, 1764892802000);
  EXPECT_EQ(out.str(),
            "2025-12-05T00:00:00Z run 7 task extract TERMINATED SUCCESS in 0.3s\n"
            "2025-12-05T00:00:00Z run 7 task load RUNNING (attempt 1)\n"
            "2025-12-05T00:00:00Z run 7 RUNNING\n"
            "2025-12-05T00:00:02Z run 7 task load TERMINATED FAILED (attempt 1) in 0.3s: "
            "Connection reset\n"
            "2025-12-05T00:00:02Z run 7 TERMINATED FAILED in 1.1s\n");
}

TEST(PrometheusTest, CountsRunsByStateAndResultPerJobWithLastSuccessAndDuration) {
  RunView ok;
  ok.job_id = 42;
  ok.job_key = "nightly";
  ok.job_name = "nightly \"prod\"";
  ok.target = "prod";
  ok.state = "TERMINATED";
  ok.result = "SUCCESS";
  ok.start_ms = 1000000;
  ok.end_ms = 1061500;
  RunView failed = ok;
  failed.result = "FAILED";
  failed.start_ms = 2000000;
  failed.end_ms = 2003000;
  RunView running = ok;
  running.state = "RUNNING";
  running.result = "";
  running.end_ms = 0;
  std::ostringstream out;
  render_prometheus(out, {running, failed, ok});
  const std::string labels =
      "job_key=\"nightly\",job_name=\"nightly \\\"prod\\\"\",target=\"prod\"";
  EXPECT_EQ(
      out.str(),
      "# HELP bundlectl_job_runs Listed runs of a job by state and result.\n"
      "# TYPE bundlectl_job_runs gauge\n"
      "bundlectl_job_runs{" +
          labels +
          ",state=\"RUNNING\",result=\"\"} 1\n"
          "bundlectl_job_runs{" +
          labels +
          ",state=\"TERMINATED\",result=\"FAILED\"} 1\n"
          "bundlectl_job_runs{" +
          labels +
          ",state=\"TERMINATED\",result=\"SUCCESS\"} 1\n"
          "# HELP bundlectl_job_last_success_timestamp_seconds End of the job's latest "
          "successful run.\n"
          "# TYPE bundlectl_job_last_success_timestamp_seconds gauge\n"
          "bundlectl_job_last_success_timestamp_seconds{" +
          labels +
          "} 1061.5\n"
          "# HELP bundlectl_job_last_duration_seconds Duration of the job's latest ended run.\n"
          "# TYPE bundlectl_job_last_duration_seconds gauge\n"
          "bundlectl_job_last_duration_seconds{" +
          labels + "} 3\n");
}

}  // namespace
}  // namespace bundlectl::runs
