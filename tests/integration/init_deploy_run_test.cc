// A bundle fresh from each built-in template, end to end: init, validate with the
// environment policies on every target, deploy to the embedded emulator, run its job there.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

struct TemplateCase {
  const char* name;
  const char* job;  // the job the template defines for project_name=acme
};

class InitDeployRunTest : public ::testing::TestWithParam<TemplateCase> {
 protected:
  ProcessResult bundlectl(const std::vector<std::string>& args, const std::string& cwd) {
    ProcessOptions options = isolated_environment(m_dir.path().string());
    options.cwd = cwd;
    options.env["DATABRICKS_RATE_LIMIT"] = "1000";
    options.timeout = std::chrono::milliseconds(120'000);
    return run_bundlectl(args, options);
  }
  TempDir m_dir;
};

TEST_P(InitDeployRunTest, InitValidateDeployAndRunOnTheEmulator) {
  const TemplateCase& c = GetParam();
  ProcessResult init = bundlectl({"init", c.name, "--set", "project_name=acme", "--no-input",
                                  "--output-dir", m_dir.path().string()},
                                 m_dir.path().string());
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  const std::string bundle = (m_dir.path() / "acme").string();
  ProcessResult validate = bundlectl(
      {"validate", "--all-targets", "--policies", "--strict", "--user", "jane@example.com"},
      bundle);
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  ProcessResult deploy = bundlectl({"deploy", "--emulator", "-t", "dev"}, bundle);
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  ProcessResult run = bundlectl({"run", c.job, "--emulator", "-t", "dev", "-o", "json"}, bundle);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("\"result\": \"SUCCESS\""), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(Templates, InitDeployRunTest,
                         ::testing::Values(TemplateCase{"default", "acme_job"},
                                           TemplateCase{"etl-daily", "acme_daily"},
                                           TemplateCase{"ml-training", "acme_training"}),
                         [](const ::testing::TestParamInfo<TemplateCase>& info) {
                           std::string name = info.param.name;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace bundlectl::testing
