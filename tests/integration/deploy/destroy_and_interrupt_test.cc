// Ctrl-C in the middle of a deploy, and destroy, with the real binary against a served
// emulator.
#include <signal.h>

#include <chrono>
#include <thread>

#include "integration/deploy/deploy_fixture.h"

namespace bundlectl::testing {
namespace {

using namespace std::chrono_literals;

TEST(DeployInterruptTest, CtrlCStopsCallingSavesStateAndReleasesTheLock) {
  DeployFixture fixture({"--latency-ms", "40"});
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(150)));
  BackgroundProcess deploy(fixture.command({"deploy"}), fixture.options());
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (fixture.count("jobs/create") < 30 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  ::kill(deploy.pid(), SIGINT);
  const std::string closing = deploy.wait_for_line("Deploy interrupted: ", 60s);
  EXPECT_NE(closing, "") << deploy.output();
  deploy.wait_for_line("a line it never prints", 60s);  // returns when it has exited
  EXPECT_EQ(deploy.stop(), 130);
  const long made = fixture.count("jobs/create");
  EXPECT_LT(made, 150);
  // Released: the next deploy needs no --force-lock, and finishes the work without duplicates.
  ProcessResult resumed = fixture.deploy();
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("Deploy complete: " + std::to_string(150 - made) + " created, "),
            std::string::npos)
      << resumed.out;
  EXPECT_EQ(fixture.job_names().size(), 150u);
  EXPECT_EQ(fixture.count("jobs/create"), 150);
}

TEST(DestroyTest, DeletesEveryResourceAndTheBundleFolder) {
  DeployFixture fixture;
  ASSERT_TRUE(fixture.ready());
  fixture.bundle().write("databricks.yml", bundle_with_jobs(job_keys(3)));
  ASSERT_EQ(fixture.deploy().exit_code, 0);
  ProcessResult refused = fixture.run({"destroy"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("Error: destroy would delete jobs.job_0, jobs.job_1, jobs.job_2; "
                             "pass --auto-approve to allow it"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(fixture.job_names().size(), 3u);

  ProcessResult destroyed = fixture.run({"destroy", "--auto-approve"});
  ASSERT_EQ(destroyed.exit_code, 0) << destroyed.out << destroyed.err;
  EXPECT_NE(destroyed.out.find("deleted /Workspace/Shared/reliable\nDestroy complete: 3 deleted"),
            std::string::npos)
      << destroyed.out;
  EXPECT_TRUE(fixture.job_names().empty());
  EXPECT_THROW(fixture.workspace()->get_status("/Workspace/Shared/reliable"), core::Failure);
  EXPECT_FALSE(std::filesystem::exists(fixture.bundle().path() / ".bundlectl/ci/resources.json"));
  // A deploy after a destroy starts from nothing again.
  ProcessResult again = fixture.deploy();
  EXPECT_NE(again.out.find("Deploy complete: 3 created"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace bundlectl::testing
