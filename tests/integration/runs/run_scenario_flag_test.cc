// `bundlectl run --scenario FILE`: a scenario scripting one run on the emulator, checked
// locally first and refused for any workspace that is not the emulator.
#include <gtest/gtest.h>

#include "bundlectl/deploy/state.h"
#include "integration/emulator/emulator_fixture.h"
#include "support/runs_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

std::map<std::string, json> tasks_by_key(const json& run) {
  std::map<std::string, json> out;
  for (const json& task : run["tasks"]) out[task["task_key"].get<std::string>()] = task;
  return out;
}

TEST_F(RunsCliTest, TwoRunsOfOneJobEndAsTheirOwnScenariosSay) {
  m_bundle.write("tests/scenarios/load_fails.yml",
                 "default: {duration_ms: 50}\n"
                 "tasks:\n"
                 "  load: {outcome: failure, message: \"Disk full on /mnt/out\"}\n");
  ProcessResult plain = bundlectl({"run", "nightly", "-o", "json"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ProcessResult scripted = bundlectl(
      {"run", "nightly", "-o", "json", "--scenario", root() + "/tests/scenarios/load_fails.yml"});
  EXPECT_EQ(scripted.exit_code, 4) << scripted.err;

  std::unique_ptr<api::Workspace> workspace = this->workspace();
  std::map<std::string, json> plain_tasks = tasks_by_key(workspace->get_run(run_id_of(plain)));
  EXPECT_EQ(plain_tasks["load"]["state"]["result_state"], "SUCCESS");
  json failed = workspace->get_run(run_id_of(scripted));
  EXPECT_EQ(failed["state"]["result_state"], "FAILED");
  std::map<std::string, json> tasks = tasks_by_key(failed);
  EXPECT_EQ(tasks["extract"]["state"]["result_state"], "SUCCESS");
  // The run's own scenario replaces the server's: its default duration, not the server's.
  EXPECT_EQ(tasks["extract"]["end_time"].get<std::int64_t>() -
                tasks["extract"]["start_time"].get<std::int64_t>(),
            50);
  EXPECT_EQ(tasks["load"]["state"]["result_state"], "FAILED");
  EXPECT_EQ(tasks["load"]["state"]["state_message"], "Disk full on /mnt/out");
  // The next run without the flag is scripted by the server's scenario again.
  ProcessResult again = bundlectl({"run", "nightly"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST_F(RunsCliTest, ABadScenarioFileIsReportedWhereItIsWrongAndStartsNothing) {
  m_bundle.write("bad.yml", "tasks:\n  load:\n    outcome: explode\n");
  ProcessResult result = bundlectl({"run", "nightly", "--scenario", root() + "/bad.yml"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, root() +
                            "/bad.yml:3:14: error: outcome must be success, failure, timeout or "
                            "internal_error, not 'explode'\n"
                            "Error: the scenario file " +
                            root() + "/bad.yml cannot be used; no run was started\n");
  api::RunListFilter filter;
  filter.job_id = job_id("nightly");
  EXPECT_TRUE(workspace()->list_runs(filter).empty());

  ProcessResult missing = bundlectl({"run", "nightly", "--scenario", root() + "/none.yml"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("scenario file " + root() + "/none.yml"), std::string::npos)
      << missing.err;
  EXPECT_TRUE(workspace()->list_runs(filter).empty());
}

TEST_F(RunsCliTest, AgainstAHostThatIsNotTheEmulatorTheFlagIsRefusedBeforeTheRunStarts) {
  m_bundle.write("fails.yml", "tasks:\n  load: {outcome: failure}\n");
  // A workspace that does not answer the emulator's own route, as a real one would not.
  emulator::ServerOptions server;
  server.db_path = emulator::default_emulator_db(root());
  server.token = "host-token";
  server.threads = 8;
  server.faults = {emulator::parse_fault_rule("emulator/clock:404")};
  emulator::EmbeddedEmulator host;
  std::string url = host.start(server);
  // Its deployment state, under the host's name rather than the emulator's.
  deploy::DeploymentState state =
      *deploy::read_local_state(deploy::local_state_file(m_bundle.path(), "default"));
  state.workspace = url;
  deploy::write_local_state(deploy::local_state_file(m_bundle.path(), "default"), state);
  EmulatorClient client(url, "host-token");
  std::uint64_t cursor = client.get("/api/2.0/emulator/requests").body["last_seq"];

  ProcessOptions options = isolated_environment(m_home.path().string());
  options.env["DATABRICKS_HOST"] = url;
  options.env["DATABRICKS_TOKEN"] = "host-token";
  ProcessResult result = run_process(
      {bundlectl_binary(), "run", "nightly", "--scenario", root() + "/fails.yml", "-C", root()},
      options);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: --scenario works only against the emulator (--emulator, or a host running "
            "`bundlectl emulator serve`); " +
                url + " is not one, so no run was started\n");
  json log = client.get("/api/2.0/emulator/requests?since=" + std::to_string(cursor)).body;
  std::vector<std::string> writes;
  bool probed = false;
  for (const json& request : log["requests"]) {
    if (request["path"] == "/api/2.0/emulator/clock") probed = request["status"] == 404;
    if (request["method"] != "GET") writes.push_back(request["path"].get<std::string>());
  }
  EXPECT_TRUE(probed) << log.dump();
  EXPECT_TRUE(writes.empty()) << log.dump();
}

}  // namespace
}  // namespace bundlectl::testing
