// bundlectl runs list|get|watch|cancel|repair|output against the emulator, the JSON schema
// of every document they print, and the live view under a real pseudo-terminal.
#include <gtest/gtest.h>

#include <regex>

#include "support/runs_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

// The run id of a `run --no-wait -o json` that must have started.
std::int64_t started(const ProcessResult& result) {
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return run_id_of(result);
}

TEST_F(RunsCliTest, NoWaitThenWatchFollowsSeveralRunsToTheirEnd) {
  ProcessResult first = bundlectl({"run", "nightly", "--no-wait", "-o", "json"});
  ProcessResult second = bundlectl({"run", "broken", "--no-wait", "-o", "json"});
  std::int64_t ok = started(first);
  std::int64_t bad = started(second);
  EXPECT_EQ(json::parse(first.out)["following"], "not_waited");
  EXPECT_EQ(schema_errors(json::parse(first.out), "run_command"), "");
  ProcessResult watched = bundlectl({"runs", "watch", std::to_string(ok), std::to_string(bad), "-o",
                                     "json", "--progress", "plain"});
  EXPECT_EQ(watched.exit_code, 4) << watched.err;  // one of them failed
  json document = json::parse(watched.out);
  EXPECT_EQ(schema_errors(document, "runs_list"), "");
  ASSERT_EQ(document["runs"].size(), 2u);
  EXPECT_EQ(document["runs"][0]["run_id"], ok);
  EXPECT_EQ(document["runs"][0]["result"], "SUCCESS");
  EXPECT_EQ(document["runs"][0]["job_key"], "nightly");
  EXPECT_EQ(document["runs"][1]["result"], "FAILED");
  EXPECT_NE(watched.err.find("run " + std::to_string(bad) + " TERMINATED FAILED"),
            std::string::npos)
      << watched.err;
}

TEST_F(RunsCliTest, WatchOfRunsThatAllSucceedExitsZeroInText) {
  std::int64_t a = started(bundlectl({"run", "nightly", "--no-wait", "-o", "json"}));
  ProcessResult watched = bundlectl({"runs", "watch", std::to_string(a)});
  EXPECT_EQ(watched.exit_code, 0) << watched.err;
  std::regex summary("^Run " + std::to_string(a) +
                     R"( \(nightly\) TERMINATED SUCCESS in 0\.4s\n$)");
  EXPECT_TRUE(std::regex_match(watched.out, summary)) << watched.out;
}

TEST_F(RunsCliTest, CancelEndsARunningRunCanceled) {
  std::int64_t id = started(bundlectl({"run", "long", "--no-wait", "-o", "json"}));
  ProcessResult canceled = bundlectl({"runs", "cancel", std::to_string(id), "-o", "json"});
  ASSERT_EQ(canceled.exit_code, 0) << canceled.err;
  EXPECT_EQ(json::parse(canceled.out), (json{{"canceled", {id}}}));
  EXPECT_EQ(schema_errors(json::parse(canceled.out), "runs_cancel"), "");
  ProcessResult got = bundlectl({"runs", "get", std::to_string(id), "-o", "json"});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  json run = json::parse(got.out);
  EXPECT_EQ(schema_errors(run, "runs_get"), "");
  EXPECT_EQ(run["state"], "TERMINATED");
  EXPECT_EQ(run["result"], "CANCELED");
  ProcessResult watched = bundlectl({"runs", "watch", std::to_string(id)});
  EXPECT_EQ(watched.exit_code, 4);
}

TEST_F(RunsCliTest, CancelAllCancelsEveryActiveRunOfAJob) {
  std::int64_t a = started(bundlectl({"run", "long", "--no-wait", "-o", "json"}));
  ProcessResult canceled = bundlectl({"runs", "cancel", "--all", "long"});
  ASSERT_EQ(canceled.exit_code, 0) << canceled.err;
  EXPECT_EQ(canceled.out, "Canceled run " + std::to_string(a) + "\n");
  EXPECT_EQ(workspace()->get_run(a)["state"]["result_state"], "CANCELED");
}

TEST_F(RunsCliTest, RepairOfAFailedRunRerunsTheFailedTaskAndSucceeds) {
  ProcessResult failed = bundlectl({"run", "repairable", "-o", "json"});
  ASSERT_EQ(failed.exit_code, 4) << failed.err;
  std::int64_t id = run_id_of(failed);
  EXPECT_EQ(schema_errors(json::parse(failed.out), "run_command"), "");
  ProcessResult repaired = bundlectl(
      {"runs", "repair", std::to_string(id), "--rerun-all-failed", "--wait", "-o", "json"});
  ASSERT_EQ(repaired.exit_code, 0) << repaired.err;
  json run = json::parse(repaired.out);
  EXPECT_EQ(schema_errors(run, "run_command"), "");
  EXPECT_EQ(run["result"], "SUCCESS");
  EXPECT_EQ(run["tasks"][0]["attempt"], 1);
  EXPECT_EQ(run["outputs"][0]["exit_value"], "fixed");
}

TEST_F(RunsCliTest, RepairWithoutWaitPrintsTheRepairIdAndNeedsAChoiceOfTasks) {
  std::int64_t id = run_id_of(bundlectl({"run", "broken", "-o", "json"}));
  ProcessResult missing = bundlectl({"runs", "repair", std::to_string(id)});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "Error: runs repair needs one of --rerun-all-failed or --tasks a,b\n");
  ProcessResult repaired =
      bundlectl({"runs", "repair", std::to_string(id), "--tasks", "boom", "-o", "json"});
  ASSERT_EQ(repaired.exit_code, 0) << repaired.err;
  json run = json::parse(repaired.out);
  EXPECT_EQ(schema_errors(run, "runs_repair"), "");
  EXPECT_TRUE(run["repair_id"].is_number_integer());
}

TEST_F(RunsCliTest, OutputShowsEachTasksExitValueOrError) {
  std::int64_t ok = run_id_of(bundlectl({"run", "nightly", "-o", "json"}));
  ProcessResult text = bundlectl({"runs", "output", std::to_string(ok)});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "Task extract: 1200 rows\nTask load: loaded\n");
  ProcessResult one =
      bundlectl({"runs", "output", std::to_string(ok), "--task", "load", "-o", "json"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  json document = json::parse(one.out);
  EXPECT_EQ(schema_errors(document, "runs_output"), "");
  ASSERT_EQ(document["outputs"].size(), 1u);
  EXPECT_EQ(document["outputs"][0]["exit_value"], "loaded");
  ProcessResult unknown = bundlectl({"runs", "output", std::to_string(ok), "--task", "lod"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err,
            "Error: run " + std::to_string(ok) + " has no task \"lod\", did you mean \"load\"?\n");
  std::int64_t bad = run_id_of(bundlectl({"run", "broken", "-o", "json"}));
  ProcessResult failed = bundlectl({"runs", "output", std::to_string(bad)});
  EXPECT_EQ(failed.out, "Task boom FAILED: Table not found: sales\n");
}

TEST_F(RunsCliTest, ListShowsTheBundlesRunsNewestFirstInEveryFormat) {
  std::int64_t ok = run_id_of(bundlectl({"run", "nightly", "-o", "json"}));
  std::int64_t bad = run_id_of(bundlectl({"run", "broken", "-o", "json"}));
  ProcessResult listed = bundlectl({"runs", "list", "-o", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  json document = json::parse(listed.out);
  EXPECT_EQ(schema_errors(document, "runs_list"), "");
  ASSERT_EQ(document["runs"].size(), 2u);
  EXPECT_EQ(document["runs"][0]["run_id"], bad);
  EXPECT_EQ(document["runs"][1]["run_id"], ok);
  EXPECT_EQ(document["runs"][1]["tasks"].size(), 2u);
  ProcessResult one_job = bundlectl({"runs", "list", "nightly", "--limit", "5"});
  ASSERT_EQ(one_job.exit_code, 0) << one_job.err;
  std::regex row("\\n" + std::to_string(ok) + R"( +nightly +TERMINATED SUCCESS +\S+ +0\.4s\n$)");
  EXPECT_TRUE(std::regex_search(one_job.out, row)) << one_job.out;
  EXPECT_EQ(one_job.out.find(std::to_string(bad)), std::string::npos);
  ProcessResult active = bundlectl({"runs", "list", "--active", "-o", "json"});
  EXPECT_EQ(json::parse(active.out)["runs"].size(), 0u);
  ProcessResult metrics = bundlectl({"runs", "list", "-o", "prometheus"});
  ASSERT_EQ(metrics.exit_code, 0) << metrics.err;
  EXPECT_NE(metrics.out.find("bundlectl_job_runs{job_key=\"broken\",job_name=\"broken\","
                             "target=\"default\",state=\"TERMINATED\",result=\"FAILED\"} 1\n"),
            std::string::npos)
      << metrics.out;
  EXPECT_NE(metrics.out.find("bundlectl_job_last_duration_seconds{job_key=\"nightly\","
                             "job_name=\"nightly\",target=\"default\"} 0.4\n"),
            std::string::npos)
      << metrics.out;
  EXPECT_NE(metrics.out.find("bundlectl_job_last_success_timestamp_seconds{job_key=\"nightly\""),
            std::string::npos);
}

TEST_F(RunsCliTest, LiveViewUnderAPseudoTerminalEndsWithTheFinalFrame) {
  // script(1) gives the command a terminal, so --progress auto picks the live view.
  std::string line;
  for (const std::string& word : command({"run", "nightly"})) line += "'" + word + "' ";
  ProcessResult screen = run_process({"script", "-qfec", line, "/dev/null"}, options());
  ASSERT_EQ(screen.exit_code, 0) << screen.out << screen.err;
  const std::string& out = screen.out;
  // The first frame comes right after run-now, the last one a second later: at least two,
  // the last drawn over the one before (on a machine so slow that the first poll came after
  // the 0.4 s run had ended, there is one frame, after the URL).
  std::size_t last_redraw = out.rfind("\x1b[J");
  std::size_t url_end = out.find("\r\n", out.find("Run URL: "));
  ASSERT_NE(url_end, std::string::npos) << out;
  std::string final_frame =
      last_redraw != std::string::npos ? out.substr(last_redraw + 3) : out.substr(url_end + 2);
  EXPECT_NE(out.find("Run URL: http://127.0.0.1:"), std::string::npos) << out;
  std::regex frame(R"(^Run (\d+) of nightly: TERMINATED SUCCESS  0\.4s\r\n)"
                   R"(  TASK    STATE                      ATTEMPT DURATION AFTER\r\n)"
                   R"(  extract TERMINATED SUCCESS         0       0\.1s     -\r\n)"
                   R"(  load    TERMINATED SUCCESS         0       0\.1s     extract\r\n)"
                   R"(Run \1 \(nightly\) TERMINATED SUCCESS in 0\.4s\r\n)"
                   R"(Task extract: 1200 rows\r\nTask load: loaded\r\n$)");
  EXPECT_TRUE(std::regex_match(final_frame, frame)) << final_frame;
}

TEST_F(RunsCliTest, WatchLiveViewShowsEveryRunsTableInOneFrame) {
  std::int64_t a = started(bundlectl({"run", "nightly", "--no-wait", "-o", "json"}));
  std::int64_t b = started(bundlectl({"run", "broken", "--no-wait", "-o", "json"}));
  std::string line;
  for (const std::string& word :
       command({"runs", "watch", std::to_string(a), std::to_string(b), "--progress", "live"})) {
    line += "'" + word + "' ";
  }
  ProcessResult screen = run_process({"script", "-qfec", line, "/dev/null"}, options());
  EXPECT_EQ(screen.exit_code, 4) << screen.out << screen.err;
  std::size_t last_redraw = screen.out.rfind("\x1b[J");
  std::string final_frame =
      last_redraw == std::string::npos ? screen.out : screen.out.substr(last_redraw + 3);
  std::string expected_start =
      "Run " + std::to_string(a) + " of nightly: TERMINATED SUCCESS  0.4s\r\n";
  EXPECT_EQ(final_frame.find(expected_start), 0u) << final_frame;
  EXPECT_NE(final_frame.find("Run " + std::to_string(b) +
                             " of broken: TERMINATED FAILED  0.3s\r\n"
                             "  TASK       STATE                      ATTEMPT DURATION AFTER\r\n"
                             "  boom       TERMINATED FAILED          0       0.1s     -\r\n"
                             "  after_boom SKIPPED UPSTREAM_FAILED    0       -        boom\r\n"),
            std::string::npos)
      << final_frame;
}

TEST(RunsSchemaTest, RejectsADocumentThatLeavesOutOrAddsAField) {
  json run = {{"run_id", 1},           {"job_id", 2},      {"job_key", "a"},
              {"job_name", "a"},       {"target", "dev"},  {"state", "RUNNING"},
              {"result", nullptr},     {"message", ""},    {"start_time", 5},
              {"end_time", nullptr},   {"duration_ms", 0}, {"url", "u"},
              {"tasks", json::array()}};
  EXPECT_EQ(schema_errors(run, "runs_get"), "");
  json missing = run;
  missing.erase("state");
  EXPECT_NE(schema_errors(missing, "runs_get"), "");
  json extra = run;
  extra["surprise"] = true;
  EXPECT_NE(schema_errors(extra, "runs_get"), "");
  EXPECT_NE(schema_errors(run, "run_command"), "");  // run needs following and outputs
}

}  // namespace
}  // namespace bundlectl::testing
