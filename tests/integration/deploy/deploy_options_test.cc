// deploy's flags with the real binary against a served emulator: --select, -o json,
// --fail-on-active-runs.
#include <chrono>
#include <ctime>

#include "integration/deploy/deploy_fixture.h"

namespace bundlectl::testing {
namespace {

std::string with_other_notebook(int jobs, int changed) {
  std::string text = bundle_with_jobs(job_keys(jobs));
  const std::string marker = "job_" + std::to_string(changed) + ":\n";
  const std::size_t job = text.find(marker);
  const std::string path = "./src/nb.py";
  text.replace(text.find(path, job), path.size(), "./src/other.py");
  return text;
}

TEST(DeployOptionsTest, SelectAppliesOnlyTheNamedResources) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(3)));
  ProcessResult first = fixture.deploy({"--select", "job_0", "jobs.job_2"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(fixture.job_names(), (std::map<std::string, int>{{"job_0", 1}, {"job_2", 1}}));
  ProcessResult slip = fixture.deploy({"--select", "job_9x"});
  EXPECT_EQ(slip.exit_code, 2);
  EXPECT_NE(slip.err.find("Error: --select \"job_9x\" names no resource of the bundle"),
            std::string::npos)
      << slip.err;
}

TEST(DeployOptionsTest, JsonOutputListsEachActionAndTheCounts) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(2)));
  ProcessResult result = fixture.deploy({"-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["destination"], fixture.emulator().url());
  EXPECT_EQ(report["summary"]["created"], 2);
  EXPECT_EQ(report["summary"]["failed"], 0);
  ASSERT_EQ(report["actions"].size(), 2u);
  EXPECT_EQ(report["actions"][0]["action"], "create");
  EXPECT_NE(result.err.find("Deploying bundle reliable (target ci) to "), std::string::npos);
}

TEST(DeployOptionsTest, FailOnActiveRunsRefusesToChangeARunningJob) {
  DeployFixture fixture({"--run-pending-ms", "60000"});
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(2)));
  ASSERT_EQ(fixture.deploy().exit_code, 0);
  auto workspace = fixture.workspace();
  for (const auto& job : workspace->list_jobs()) {
    if (job["settings"]["name"] == "job_1") workspace->run_now(job["job_id"].get<std::int64_t>());
  }
  fixture.bundle().write("databricks.yml", with_other_notebook(2, 1));
  ProcessResult refused = fixture.deploy({"--fail-on-active-runs"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("Error: jobs with active runs would change: jobs.job_1 "
                             "(--fail-on-active-runs)"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(fixture.count("jobs/reset"), 0);
  ProcessResult allowed = fixture.deploy();
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(fixture.count("jobs/reset"), 1);
}

TEST(DeployOptionsTest, DevelopmentModeSkipsTheLockUnlessTheBundleEnablesIt) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  // Someone else's lock, valid for a day.
  auto workspace = fixture.workspace();
  // Development mode wants the user's name in the root path.
  const std::string root_path = "/Workspace/Users/emulator-user@example.com/reliable";
  const std::string state_path = root_path + "/state";
  workspace->mkdirs(state_path);
  const auto now = std::chrono::system_clock::now();
  const std::time_t acquired = std::chrono::system_clock::to_time_t(now);
  const std::time_t expires = acquired + 24 * 3600;
  char acquired_text[32];
  char expires_text[32];
  std::strftime(acquired_text, sizeof acquired_text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&acquired));
  std::strftime(expires_text, sizeof expires_text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&expires));
  workspace->import_file(state_path + "/deploy.lock",
                         nlohmann::json{{"ID", "someone-else"},
                                        {"AcquisitionTime", acquired_text},
                                        {"ExpiresAt", expires_text},
                                        {"IsForced", false},
                                        {"User", "jane@x.com"}}
                             .dump(),
                         false, "AUTO");
  std::string bundle = bundle_with_jobs(job_keys(1));
  const std::string target = "    default: true\n";
  bundle.replace(bundle.find(target), target.size(), target + "    mode: development\n");
  const std::string shared_root = "/Workspace/Shared/reliable";
  bundle.replace(bundle.find(shared_root), shared_root.size(), root_path);
  fixture.bundle().write("databricks.yml", bundle);
  ProcessResult personal = fixture.deploy();
  EXPECT_EQ(personal.exit_code, 0) << personal.out << personal.err;

  std::string locked = bundle;
  locked.replace(locked.find("  name: reliable\n"), 16,
                 "  name: reliable\n  deployment:\n    lock:\n      enabled: true\n");
  fixture.bundle().write("databricks.yml", locked);
  fixture.bundle().write("src/nb.py", "# Databricks notebook source\nprint(3)\n");
  ProcessResult refused = fixture.deploy();
  EXPECT_EQ(refused.exit_code, 3) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("Error: the deploy lock of target ci is held by jane@x.com since " +
                             std::string(acquired_text) + "; it expires at " + expires_text +
                             "; --force-lock takes it"),
            std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace bundlectl::testing
