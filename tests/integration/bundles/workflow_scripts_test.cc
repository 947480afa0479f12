// The scripts the reusable workflows run on a pull request and on a merge
// (scripts/ci/pr-check.sh, deploy.sh), against the embedded emulator with an example bundle:
// the plan comment of a first deploy, the deploy and its summary, then a plan with nothing to do.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/example_bundle_fixture.h"
#include "support/source_tree.h"

namespace bundlectl::testing {
namespace {

class WorkflowScriptsTest : public ExampleBundleTest {
 protected:
  ProcessResult script(const std::string& name, std::vector<std::string> args) {
    ProcessOptions ci = isolated_environment(m_dir.path().string());
    ci.env["BUNDLECTL"] = bundlectl_binary();
    ci.env["BUNDLECTL_EMULATOR"] = "1";
    ci.env["DATABRICKS_USER"] = "jane@example.com";
    ci.timeout = std::chrono::milliseconds(120'000);
    std::vector<std::string> argv = {"bash", (source_dir() / "scripts" / "ci" / name).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, ci);
  }
  std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

TEST_F(WorkflowScriptsTest, PullRequestPlanThenDeployThenNothingToDo) {
  copy("olist_lakehouse");
  const std::string plan_file = (m_dir.path() / "plan.md").string();
  ProcessResult check = script("pr-check.sh", {m_bundle, "dev", plan_file});
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out.find("::error"), std::string::npos) << check.out;
  std::string plan = read(plan_file);
  EXPECT_NE(plan.find("jobs.olist_daily_job"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Plan: 4 to add, 0 to change, 0 to delete, 0 unchanged"), std::string::npos)
      << plan;

  ProcessResult deployed = script("deploy.sh", {m_bundle, "dev"});
  ASSERT_EQ(deployed.exit_code, 0) << deployed.out << deployed.err;
  EXPECT_NE(deployed.out.find("jobs.olist_daily_job"), std::string::npos) << deployed.out;

  ASSERT_EQ(script("pr-check.sh", {m_bundle, "dev", plan_file}).exit_code, 0);
  plan = read(plan_file);
  EXPECT_NE(plan.find("Plan: 0 to add, 0 to change, 0 to delete, 4 unchanged"), std::string::npos)
      << plan;
}

TEST_F(WorkflowScriptsTest, AnInvalidBundleFailsTheCheckAndSaysSoInTheComment) {
  copy("olist_lakehouse");
  std::ofstream(std::filesystem::path(m_bundle) / "resources" / "broken.yml")
      << "resources:\n  jobs:\n    broken:\n      tasks:\n        - task_key: a\n"
         "          depends_on: [{task_key: nowhere}]\n"
         "          notebook_task: {notebook_path: /Shared/x}\n";
  const std::string plan_file = (m_dir.path() / "plan.md").string();
  ProcessResult check = script("pr-check.sh", {m_bundle, "dev", plan_file});
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  EXPECT_NE(check.out.find("::error file=resources/broken.yml"), std::string::npos) << check.out;
  EXPECT_NE(read(plan_file).find("Validation failed"), std::string::npos);
}

}  // namespace
}  // namespace bundlectl::testing
