// The official Databricks JavaScript SDK against the emulator, unchanged (see
// tests/integration/js/sdk_check.mjs). Skipped, saying why, when node or the npm registry
// is not available.
#include <filesystem>

#include "integration/emulator/emulator_fixture.h"
#include "support/npm_packages.h"
#include "support/source_tree.h"
#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

constexpr std::chrono::milliseconds k_sdk_check_timeout{120'000};

std::filesystem::path js_dir() { return source_dir() / "tests" / "integration" / "js"; }

class JsSdkTest : public EmulatorTest {};

TEST_F(JsSdkTest, OfficialSdkDrivesJobsPipelinesWorkspaceAndCurrentUser) {
  if (auto skip = ensure_npm_package(js_dir(), "@databricks/sdk-experimental")) {
    GTEST_SKIP() << *skip << ": cannot run the JavaScript SDK check";
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
