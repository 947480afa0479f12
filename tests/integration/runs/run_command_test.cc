// bundlectl run against the emulator with a scenario: how each way a run can end shows in
// the exit code, the output and the JSON document.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <regex>
#include <thread>

#include "support/runs_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

const json* task_named(const json& run, const std::string& key) {
  for (const json& task : run["tasks"]) {
    if (task["task_key"] == key) return &task;
  }
  ADD_FAILURE() << "no task " << key << " in " << run.dump();
  static const json none = json::object();
  return &none;
}

TEST_F(RunsCliTest, SuccessExitsZeroAndPrintsEachTaskExitValue) {
  ProcessResult result = bundlectl({"run", "nightly"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::regex url("^Run URL: http://127\\.0\\.0\\.1:\\d+/\\?o=0#job/" +
                 std::to_string(job_id("nightly")) + "/run/\\d+\\n");
  EXPECT_TRUE(std::regex_search(result.err, url)) << result.err;
  std::regex summary(R"(^Run \d+ \(nightly\) TERMINATED SUCCESS in 0\.4s\n)");
  EXPECT_TRUE(std::regex_search(result.out, summary)) << result.out;
  EXPECT_NE(result.out.find("\nTask extract: 1200 rows\nTask load: loaded\n"), std::string::npos)
      << result.out;
}

TEST_F(RunsCliTest, PlainProgressIsOneTimestampedLinePerChange) {
  ProcessResult result = bundlectl({"run", "jobs.nightly", "--progress", "plain"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string masked = std::regex_replace(
      result.err, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ run \d+)"), "TIME run RUN");
  std::vector<std::string> lines;
  std::istringstream in(masked);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_GE(lines.size(), 4u) << result.err;
  EXPECT_EQ(lines[0].rfind("Run URL: ", 0), 0u) << lines[0];
  // The first poll comes right after run-now, the second after a second's backoff: by then a
  // run of 0.4 s has ended. What comes between depends on the machine's speed; each line
  // still has the one form.
  std::regex line_form(
      R"(^TIME run RUN (task \w+ )?[A-Z_]+( [A-Z_]+)?( \(attempt \d\))?( in \d+\.\ds)?$)");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_TRUE(std::regex_match(lines[i], line_form)) << lines[i];
  }
  std::vector<std::string> tail(lines.end() - 3, lines.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"TIME run RUN task extract TERMINATED SUCCESS in 0.1s",
                                            "TIME run RUN task load TERMINATED SUCCESS in 0.1s",
                                            "TIME run RUN TERMINATED SUCCESS in 0.4s"}));
}

TEST_F(RunsCliTest, RetriedTaskThatEventuallySucceedsEndsTheRunInSuccess) {
  ProcessResult result = bundlectl({"run", "flaky", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json run = json::parse(result.out);
  EXPECT_EQ(run["result"], "SUCCESS");
  const json& wobble = *task_named(run, "wobble");
  EXPECT_EQ(wobble["attempt"], 1);
  EXPECT_EQ(wobble["result"], "SUCCESS");
  EXPECT_EQ(run["outputs"][0]["exit_value"], "third time lucky");
}

TEST_F(RunsCliTest, FailingTaskExitsFourAndPrintsTheTasksError) {
  ProcessResult result = bundlectl({"run", "broken"});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  std::regex expected(
      R"(^Run \d+ \(broken\) TERMINATED FAILED in 0\.3s: [^\n]*\nTask boom FAILED: Table not found: sales\n$)");
  EXPECT_TRUE(std::regex_match(result.out, expected)) << result.out;
}

TEST_F(RunsCliTest, InGitHubActionsEachFailedTaskIsAnErrorAnnotation) {
  ProcessOptions github = options();
  github.env["GITHUB_ACTIONS"] = "true";
  ProcessResult result = run_process(command({"run", "broken"}), github);
  EXPECT_EQ(result.exit_code, 4) << result.err;
  std::string tail =
      "Task boom FAILED: Table not found: sales\n"
      "::error title=broken task boom FAILED::Table not found: sales\n";
  ASSERT_GE(result.out.size(), tail.size()) << result.out;
  EXPECT_EQ(result.out.substr(result.out.size() - tail.size()), tail);
  ProcessResult ok = run_process(command({"run", "nightly"}), github);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out.find("::error"), std::string::npos) << ok.out;
}

TEST_F(RunsCliTest, JobTimeoutEndsTheRunTimedOutAndExitsFour) {
  ProcessResult result = bundlectl({"run", "slow", "-o", "json"});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  json run = json::parse(result.out);
  EXPECT_EQ(run["result"], "TIMEDOUT");
  EXPECT_EQ(run["following"], "ended");
  EXPECT_EQ((*task_named(run, "hang"))["result"], "TIMEDOUT");
}

TEST_F(RunsCliTest, FollowingTimeoutExitsOneAndTheJsonStillCarriesTheState) {
  ProcessResult result = bundlectl({"run", "long", "--timeout", "2s", "-o", "json"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  json run = json::parse(result.out);
  EXPECT_EQ(run["state"], "RUNNING");
  EXPECT_EQ(run["following"], "timed_out");
  std::regex message(
      R"(Error: run (\d+) did not end within 2s; it is still RUNNING \(bundlectl runs watch \1\)\n$)");
  EXPECT_TRUE(std::regex_search(result.err, message)) << result.err;
  workspace()->cancel_run(run["run_id"].get<std::int64_t>());
}

TEST_F(RunsCliTest, AJobBoundWithDeploymentBindRunsByItsKey) {
  // A state written by the deploy commands (not by this fixture) names the job run.
  std::filesystem::remove(m_bundle.path() / ".bundlectl" / "default" / "resources.json");
  ProcessResult before = bundlectl({"run", "nightly"});
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_EQ(before.err,
            "Error: job \"nightly\" is not deployed to target default; run `bundlectl deploy` "
            "first (nothing is deployed)\n");
  ProcessResult bound =
      bundlectl({"deployment", "bind", "nightly", std::to_string(job_id("nightly"))});
  ASSERT_EQ(bound.exit_code, 0) << bound.err;
  ProcessResult run = bundlectl({"run", "nightly", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out)["job_id"], job_id("nightly"));
  EXPECT_EQ(json::parse(run.out)["job_key"], "nightly");
}

TEST_F(RunsCliTest, OnlyRunsTheNamedTasks) {
  ProcessResult result = bundlectl({"run", "nightly", "--only", "extract", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json run = json::parse(result.out);
  ASSERT_EQ(run["tasks"].size(), 1u);
  EXPECT_EQ(run["tasks"][0]["task_key"], "extract");
}

TEST_F(RunsCliTest, RestartCancelsTheJobsActiveRunsFirst) {
  ProcessResult first = bundlectl({"run", "long", "--no-wait", "-o", "json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ProcessResult second = bundlectl({"run", "long", "--restart", "--no-wait", "-o", "json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("Canceled the active runs of jobs.long\n"), std::string::npos);
  auto client = workspace();
  EXPECT_EQ(client->get_run(run_id_of(first))["state"]["result_state"], "CANCELED");
  std::int64_t restarted = run_id_of(second);
  EXPECT_EQ(client->get_run(restarted)["state"].value("result_state", ""), "");
  client->cancel_run(restarted);
}

TEST_F(RunsCliTest, ABadTimeoutIsAUsageErrorBeforeAnyRunStarts) {
  ProcessResult result = bundlectl({"run", "nightly", "--timeout", "soon"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: --timeout \"soon\": expected a duration such as 90s, 5m or 1h30m\n");
  api::RunListFilter filter;
  filter.job_id = job_id("nightly");
  EXPECT_TRUE(workspace()->list_runs(filter).empty());
}

TEST_F(RunsCliTest, ConditionBranchRunsTheTakenSideAndExcludesTheOther) {
  ProcessResult full = bundlectl({"run", "branchy", "--params", "mode=full", "-o", "json"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  json run = json::parse(full.out);
  EXPECT_EQ((*task_named(run, "full"))["result"], "SUCCESS");
  EXPECT_EQ((*task_named(run, "incremental"))["result"], "EXCLUDED");
  ProcessResult by_default = bundlectl({"run", "branchy", "-o", "json"});
  ASSERT_EQ(by_default.exit_code, 0) << by_default.err;
  json other = json::parse(by_default.out);
  EXPECT_EQ((*task_named(other, "full"))["result"], "EXCLUDED");
  EXPECT_EQ((*task_named(other, "incremental"))["result"], "SUCCESS");
}

TEST_F(RunsCliTest, TaskParametersForAJobWithJobParametersAreAUsageError) {
  ProcessResult result = bundlectl({"run", "branchy", "--notebook-params", "a=b"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: the job to run defines job parameters; specifying task parameters is not "
            "allowed (use --params)\n");
}

TEST_F(RunsCliTest, UnknownKeyListsTheDeployedOnesAndSuggestsTheNearest) {
  ProcessResult result = bundlectl({"run", "nightlx"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "Error: job \"nightlx\" is not deployed to target default; run `bundlectl deploy` "
            "first (deployed: jobs.branchy, jobs.broken, jobs.flaky, jobs.long, jobs.nightly, "
            "jobs.repairable, jobs.slow, pipelines.broken_etl, pipelines.etl), did you mean "
            "\"nightly\"?\n");
}

TEST_F(RunsCliTest, CtrlCWithCancelOnInterruptCancelsTheRunAndExits130) {
  BackgroundProcess child(command({"run", "long", "--cancel-on-interrupt", "-o", "json"}),
                          options());
  // Wait until the run exists, then interrupt the follower.
  std::int64_t run_id = 0;
  auto client = workspace();
  for (int i = 0; i < 200 && run_id == 0; ++i) {
    api::RunListFilter filter;
    filter.job_id = job_id("long");
    std::vector<json> runs = client->list_runs(filter);
    if (!runs.empty()) run_id = runs.front()["run_id"].get<std::int64_t>();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_NE(run_id, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(child.pid(), SIGINT);
  std::string line = child.wait_for_line("\"following\"", std::chrono::seconds(20));
  EXPECT_NE(line.find("interrupted"), std::string::npos) << child.output();
  child.wait_for_line("(end of output)", std::chrono::seconds(20));  // returns at exit
  EXPECT_EQ(child.stop(), 130);
  json run = client->get_run(run_id);
  EXPECT_EQ(run["state"]["result_state"], "CANCELED");
}

TEST_F(RunsCliTest, PipelineUpdateSuccessExitsZero) {
  ProcessResult result = bundlectl({"run", "etl", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json update = json::parse(result.out);
  EXPECT_EQ(update["state"], "COMPLETED");
  EXPECT_EQ(update["pipeline_id"], pipeline_id());
  EXPECT_EQ(schema_errors(update, "pipeline_update"), "");
  EXPECT_NE(result.err.find("update " + update["update_id"].get<std::string>() + " COMPLETED\n"),
            std::string::npos)
      << result.err;
}

TEST_F(RunsCliTest, PipelineUpdateThatDoesNotCompleteExitsFour) {
  // An update stopped while it runs ends CANCELED: "not COMPLETED" for the exit code too.
  BackgroundProcess child(command({"run", "pipelines.etl", "-o", "json"}), options());
  auto client = workspace();
  bool stopped = false;
  for (int i = 0; i < 400 && !stopped; ++i) {
    if (!client->list_updates(pipeline_id()).empty()) {
      client->stop_pipeline(pipeline_id());
      stopped = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(stopped);
  std::string line = child.wait_for_line("\"state\"", std::chrono::seconds(20));
  EXPECT_NE(line.find("CANCELED"), std::string::npos) << child.output();
  child.wait_for_line("(end of output)", std::chrono::seconds(20));  // returns at exit
  EXPECT_EQ(child.stop(), 4);
}

TEST_F(RunsCliTest, PipelineUpdateThatFailsExitsFour) {
  ProcessResult result = bundlectl({"run", "broken_etl", "-o", "json"});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  json update = json::parse(result.out);
  EXPECT_EQ(update["state"], "FAILED");
  EXPECT_EQ(schema_errors(update, "pipeline_update"), "");
  EXPECT_NE(result.err.find("update " + update["update_id"].get<std::string>() + " FAILED\n"),
            std::string::npos)
      << result.err;
}

TEST_F(RunsCliTest, PipelineFlagsOnAJobAreAUsageError) {
  ProcessResult result = bundlectl({"run", "nightly", "--full-refresh-all"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "Error: jobs.nightly is a job; pipeline flags do not apply\n");
}

}  // namespace
}  // namespace bundlectl::testing
