// The CI scripts the reusable workflows call (scripts/ci/run-job.sh, status-check.sh) against
// the emulator: they rely on `run`'s exit codes and on `runs list -o json`.
#include <gtest/gtest.h>

#include <regex>

#include "support/runs_fixture.h"
#include "support/source_tree.h"

namespace bundlectl::testing {
namespace {

class CiScriptsTest : public RunsCliTest {
 protected:
  ProcessResult script(const std::string& name, std::vector<std::string> args) const {
    ProcessOptions ci = options();
    ci.env["BUNDLECTL"] = bundlectl_binary();
    ci.env["BUNDLECTL_EMULATOR"] = "1";
    std::vector<std::string> argv = {"bash", (source_dir() / "scripts" / "ci" / name).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, ci);
  }
};

TEST_F(CiScriptsTest, RunJobFollowsTheRunInPlainLinesAndExitsByItsResult) {
  ProcessResult ok = script("run-job.sh", {root(), "default", "nightly"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(std::regex_search(ok.out, std::regex(R"(^Run \d+ \(nightly\) TERMINATED SUCCESS)")))
      << ok.out;
  EXPECT_TRUE(std::regex_search(
      ok.err, std::regex(R"(\n\d{4}-\d\d-\d\dT[\d:]+Z run \d+ TERMINATED SUCCESS in 0\.4s\n)")))
      << ok.err;
  ProcessResult with_params = script("run-job.sh", {root(), "default", "branchy", "mode=full"});
  EXPECT_EQ(with_params.exit_code, 0) << with_params.err;
  ProcessResult failed = script("run-job.sh", {root(), "default", "broken"});
  EXPECT_EQ(failed.exit_code, 4) << failed.err;
}

TEST_F(CiScriptsTest, StatusCheckFailsWhenTheLastRunOfAJobFailed) {
  ASSERT_EQ(bundlectl({"run", "nightly"}).exit_code, 0);
  ASSERT_EQ(bundlectl({"run", "broken"}).exit_code, 4);
  ProcessResult status =
      script("status-check.sh", {root(), "default", "nightly", "broken", "long"});
  EXPECT_EQ(status.exit_code, 1) << status.err;
  EXPECT_EQ(status.out,
            "nightly: SUCCESS\n"
            "::error title=broken::the last run of broken ended FAILED\n"
            "long: NONE\n");
}

}  // namespace
}  // namespace bundlectl::testing
