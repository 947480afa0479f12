// The issue's reliability list, one test each: the real binary deploys to
// `bundlectl emulator serve` over HTTP, and the emulator's request counters say what it did.
#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "integration/deploy/deploy_fixture.h"

namespace bundlectl::testing {
namespace {

using namespace std::chrono_literals;

std::string local_state(DeployFixture& fixture) {
  return fixture.bundle().read(".bundlectl/ci/resources.json");
}

TEST(DeployReliabilityTest, RedeployOfAnUnchangedBundleMakesNoWriteCall) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(3)));
  ProcessResult first = fixture.deploy();
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("Deploying bundle reliable (target ci) to " + fixture.emulator().url()),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("Deploy complete: 3 created, 0 updated, 0 deleted, 0 unchanged"),
            std::string::npos)
      << first.out;
  EXPECT_EQ(fixture.count("jobs/create"), 3);
  const long writes = fixture.writes();
  const long lists = fixture.count("jobs/list");

  ProcessResult again = fixture.deploy();
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("No changes: 0 created, 0 updated, 0 deleted, 3 unchanged"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(fixture.writes(), writes) << "an unchanged redeploy wrote to the workspace";
  EXPECT_EQ(fixture.count("jobs/list"), lists) << "a clean state needs no scan";
}

TEST(DeployReliabilityTest, ChangingOneTaskIsOneResetAndRemovingAJobOneDelete) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(3)));
  ASSERT_EQ(fixture.deploy().exit_code, 0);

  std::string changed = bundle_with_jobs(job_keys(3));
  const std::string last_task = "notebook_path: ./src/nb.py\n";
  changed.replace(changed.rfind(last_task), last_task.size(), "notebook_path: ./src/other.py\n");
  fixture.bundle().write("databricks.yml", changed);
  ProcessResult update = fixture.deploy();
  ASSERT_EQ(update.exit_code, 0) << update.out << update.err;
  EXPECT_NE(update.out.find("updated jobs.job_2 (id "), std::string::npos) << update.out;
  EXPECT_EQ(fixture.count("jobs/reset"), 1);
  EXPECT_EQ(fixture.count("jobs/create"), 3);

  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(2)));
  ProcessResult refused = fixture.deploy();
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("Error: the deploy would delete jobs.job_2; pass --auto-approve to "
                             "allow it"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(fixture.count("jobs/delete"), 0);
  ProcessResult removal = fixture.deploy({"--auto-approve"});
  ASSERT_EQ(removal.exit_code, 0) << removal.out << removal.err;
  EXPECT_EQ(fixture.count("jobs/delete"), 1);
  EXPECT_EQ(fixture.count("jobs/reset"), 1);
  EXPECT_EQ(fixture.job_names(), (std::map<std::string, int>{{"job_0", 1}, {"job_1", 1}}));
}

TEST(DeployReliabilityTest, RenamingAKeyCreatesTheNewAndDeletesTheOld) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs({"alpha", "beta"}));
  ASSERT_EQ(fixture.deploy().exit_code, 0);
  fixture.bundle().write("databricks.yml", bundle_with_jobs({"alpha", "gamma"}));
  ProcessResult renamed = fixture.deploy({"--auto-approve"});
  ASSERT_EQ(renamed.exit_code, 0) << renamed.out << renamed.err;
  EXPECT_NE(renamed.out.find("Deploy complete: 1 created, 0 updated, 1 deleted, 1 unchanged"),
            std::string::npos)
      << renamed.out;
  EXPECT_EQ(fixture.job_names(), (std::map<std::string, int>{{"alpha", 1}, {"gamma", 1}}));
}

TEST(DeployReliabilityTest, KilledMidWayThenDeployedFromAFreshRunnerMakesEachJobOnce) {
  DeployFixture fixture({"--latency-ms", "40"});
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(200)));
  {
    BackgroundProcess deploy(fixture.command({"deploy"}), fixture.options());
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (fixture.count("jobs/create") < 60 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(20ms);
    }
    ::kill(deploy.pid(), SIGKILL);
    deploy.stop();
  }
  const long made = fixture.count("jobs/create");
  ASSERT_GE(made, 60);
  ASSERT_LT(made, 200) << "the kill came too late to test anything";
  // A fresh runner: no local state. The lock of the killed deploy is still there.
  std::filesystem::remove_all(fixture.bundle().path() / ".bundlectl");
  ProcessResult blocked = fixture.deploy();
  EXPECT_EQ(blocked.exit_code, 3);
  EXPECT_NE(blocked.err.find("Error: the deploy lock of target ci is held by "), std::string::npos)
      << blocked.err;
  EXPECT_NE(blocked.err.find("--force-lock takes it"), std::string::npos) << blocked.err;

  ProcessResult resumed = fixture.deploy({"--force-lock"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("resources a killed or failed deploy had made; adopted them"),
            std::string::npos)
      << resumed.out;
  std::map<std::string, int> names = fixture.job_names();
  EXPECT_EQ(names.size(), 200u);
  for (const auto& [name, copies] : names) EXPECT_EQ(copies, 1) << name;
  EXPECT_EQ(fixture.count("jobs/create"), 200);
  ProcessResult settled = fixture.deploy();
  EXPECT_NE(settled.out.find("No changes: 0 created, 0 updated, 0 deleted, 200 unchanged"),
            std::string::npos)
      << settled.out << settled.err;
}

TEST(DeployReliabilityTest, WithoutLocalStateTheWorkspaceCopyIsUsed) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(4)));
  ASSERT_EQ(fixture.deploy().exit_code, 0);
  std::filesystem::remove_all(fixture.bundle().path() / ".bundlectl");
  const long writes = fixture.writes();
  ProcessResult again = fixture.deploy();
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("No changes: 0 created, 0 updated, 0 deleted, 4 unchanged"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(fixture.writes(), writes);
  EXPECT_EQ(fixture.job_names().size(), 4u);
  EXPECT_EQ(fixture.count("jobs/create"), 4);
}

TEST(DeployReliabilityTest, RateLimitsAndUnavailabilityOnWritesAreRiddenOut) {
  DeployFixture fixture({"--fault", "jobs/create:429:0.2", "--fault", "jobs/reset:503:0.2"});
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(30)));
  ProcessResult first = fixture.deploy();
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  std::string changed = bundle_with_jobs(job_keys(30), "src/other.py");
  fixture.bundle().write("databricks.yml", changed);
  ProcessResult second = fixture.deploy();
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("Deploy complete: 0 created, 30 updated, 0 deleted, 0 unchanged"),
            std::string::npos)
      << second.out;
  EXPECT_GT(fixture.count("jobs/create", "429"), 0) << "the faults never hit";
  EXPECT_GT(fixture.count("jobs/reset", "503"), 0) << "the faults never hit";
  EXPECT_EQ(fixture.job_names().size(), 30u);
  for (const auto& job : fixture.workspace()->list_jobs()) {
    const auto full = fixture.workspace()->get_job(job["job_id"].get<std::int64_t>());
    const std::string path =
        full["settings"]["tasks"][0]["notebook_task"]["notebook_path"].get<std::string>();
    EXPECT_NE(path.find("/src/other"), std::string::npos) << path;
  }
}

TEST(DeployReliabilityTest, OfTwoDeploysAtOnceOneExitsThreeAndChangesNothing) {
  // Long enough (200 creates of 100 ms, 10 at a time: 2 s at least) that the second deploy
  // starts, even on a loaded machine, while the first holds the lock.
  DeployFixture fixture({"--latency-ms", "100"});
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(200)));
  BackgroundProcess winner(fixture.command({"deploy"}), fixture.options());
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (fixture.count("jobs/create") < 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  ProcessResult loser = fixture.deploy();
  EXPECT_EQ(loser.exit_code, 3) << loser.out << loser.err;
  EXPECT_NE(loser.err.find("Error: the deploy lock of target ci is held by "), std::string::npos)
      << loser.err;
  EXPECT_EQ(loser.out.find("created"), std::string::npos) << loser.out;
  EXPECT_NE(winner.wait_for_line("Deploy complete: 200 created", 120s), "") << winner.output();
  winner.wait_for_line("a line it never prints", 60s);  // returns when it has exited
  EXPECT_EQ(winner.stop(), 0);
  EXPECT_EQ(fixture.count("jobs/create"), 200);
  EXPECT_EQ(fixture.job_names().size(), 200u);
}

TEST(DeployReliabilityTest, ADeployFailingHalfWayLeavesATruthfulState) {
  DeployFixture fixture({"--fault", "jobs/create:500:1"});
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs({"daily"}) + R"(  pipelines:
    etl:
      name: etl
      libraries:
        - notebook:
            path: ./src/nb.py
)");
  ProcessResult failed = fixture.deploy();
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.out.find("created pipelines.etl (id "), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("failed to create jobs.daily: "), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("Deploy failed: 1 created, 0 updated, 0 deleted, 0 unchanged, 1 "
                            "failed"),
            std::string::npos)
      << failed.out;
  const nlohmann::json state = nlohmann::json::parse(local_state(fixture));
  EXPECT_TRUE(state["resources"].contains("pipelines.etl"));
  EXPECT_FALSE(state["resources"].contains("jobs.daily"));
  EXPECT_TRUE(state["deploy_in_progress"].get<bool>());
  // The workspace's copy says the same: a fresh runner would see what was made.
  const std::string remote = fixture.workspace()->export_file(
      "/Workspace/Shared/reliable/state/bundlectl-resources.json", "AUTO");
  EXPECT_EQ(nlohmann::json::parse(remote)["resources"], state["resources"]);
  EXPECT_EQ(fixture.count("workspace/delete"), 1) << "the lock was not released";
  ProcessResult plan = fixture.run({"plan"});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("Plan: 1 to add, 0 to change, 0 to delete, 1 unchanged"),
            std::string::npos)
      << plan.out;
  EXPECT_NE(plan.out.find("jobs.daily"), std::string::npos) << plan.out;
}

}  // namespace
}  // namespace bundlectl::testing

namespace bundlectl::testing {
namespace {

// Reads ride out a storm of 429s too (every route, 30%, Retry-After 0): the deploy and the
// summary after it complete, and the debug log shows each request without the token.
TEST(DeployReliabilityTest, DeployAndSummaryRideOutA30PercentStormOf429s) {
  DeployFixture fixture({"--fault", "*:429:0.3:0"});
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(10)));
  ProcessResult deployed = fixture.run({"--log-level", "debug", "deploy"});
  ASSERT_EQ(deployed.exit_code, 0) << deployed.out << deployed.err;
  EXPECT_EQ(deployed.err.find(fixture.emulator().token()), std::string::npos);
  EXPECT_NE(deployed.err.find("debug: > POST " + fixture.emulator().url() + "/api/2.2/jobs/create"),
            std::string::npos)
      << deployed.err;
  EXPECT_NE(deployed.err.find("debug: < 429 ("), std::string::npos) << "the faults never hit";
  ProcessResult summary = fixture.run({"summary", "-o", "json"});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_EQ(nlohmann::json::parse(summary.out)["resources"].size(), 10u) << summary.out;
  EXPECT_EQ(fixture.job_names().size(), 10u);
}

}  // namespace
}  // namespace bundlectl::testing
