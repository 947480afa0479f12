// The official Databricks JavaScript SDK against the emulator, unchanged (see
// tests/integration/js/sdk_check.mjs). Skipped, saying why, when node or the npm registry
// is not available.
#include <filesystem>

#include "integration/emulator/emulator_fixture.h"
#include "support/source_tree.h"
#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

constexpr std::chrono::milliseconds k_npm_install_timeout{180'000};
constexpr std::chrono::milliseconds k_sdk_check_timeout{120'000};

std::filesystem::path js_dir() { return source_dir() / "tests" / "integration" / "js"; }

std::string tail(const std::string& text, std::size_t size = 600) {
  return text.size() <= size ? text : text.substr(text.size() - size);
}

class JsSdkTest : public EmulatorTest {};

TEST_F(JsSdkTest, OfficialSdkDrivesJobsPipelinesWorkspaceAndCurrentUser) {
  ProcessOptions quick;
  quick.timeout = std::chrono::milliseconds(10'000);
  ProcessResult node = run_process({"node", "--version"}, quick);
  if (node.exit_code != 0)
    GTEST_SKIP() << "node is not installed: cannot run the JavaScript SDK check";
  std::filesystem::path sdk = js_dir() / "node_modules" / "@databricks" / "sdk-experimental";
  if (!std::filesystem::exists(sdk / "package.json")) {
    ProcessOptions install;
    install.cwd = js_dir().string();
    install.timeout = k_npm_install_timeout;
    ProcessResult npm = run_process({"npm", "install", "--no-audit", "--no-fund"}, install);
    if (npm.exit_code != 0 || !std::filesystem::exists(sdk / "package.json")) {
      GTEST_SKIP()
          << "npm could not install @databricks/sdk-experimental (is the registry reachable?): "
          << tail(npm.err);
    }
  }
  ProcessOptions options;
  options.cwd = js_dir().string();
  options.timeout = k_sdk_check_timeout;
  // The SDK reads these too; unset them so only the arguments choose the workspace.
  options.unset_env = {"DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CONFIG_PROFILE",
                       "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"};
  ProcessResult check =
      run_process({"node", "sdk_check.mjs", m_emulator.base_url(), m_emulator.token()}, options);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("SDK CHECK OK"), std::string::npos) << check.out << check.err;
}

}  // namespace
}  // namespace bundlectl::testing
