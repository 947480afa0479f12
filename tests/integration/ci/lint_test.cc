// The GitHub workflows users copy and the scripts they (and this repository's CI) run are
// code too: yamllint and shellcheck, both Debian packages installed by
// scripts/install-deps.sh, check them on every test run.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/source_tree.h"
#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> shell_scripts() {
  std::vector<std::string> scripts = {".ci/run"};
  for (const char* folder : {"scripts", "scripts/lib", "scripts/ci"}) {
    for (const auto& entry : fs::directory_iterator(source_dir() / folder)) {
      if (entry.path().extension() == ".sh") {
        scripts.push_back(fs::relative(entry.path(), source_dir()).string());
      }
    }
  }
  return scripts;
}

ProcessOptions in_source_tree() {
  ProcessOptions options;
  options.cwd = source_dir().string();
  return options;
}

TEST(LintTest, WorkflowsAndActionsPassYamllint) {
  ProcessResult result =
      run_process({"yamllint", "-c", ".yamllint.yml", "--strict", ".github"}, in_source_tree());
  ASSERT_NE(result.exit_code, 127) << "yamllint is missing: run scripts/install-deps.sh";
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(LintTest, ScriptsPassShellcheck) {
  std::vector<std::string> argv = {"shellcheck", "--severity=warning"};
  for (const std::string& script : shell_scripts()) argv.push_back(script);
  ASSERT_GT(argv.size(), 6u) << "the scripts were not found";
  ProcessResult result = run_process(argv, in_source_tree());
  ASSERT_NE(result.exit_code, 127) << "shellcheck is missing: run scripts/install-deps.sh";
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

}  // namespace
}  // namespace bundlectl::testing
