#include <gtest/gtest.h>

#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

TEST(CliSmokeTest, VersionFlagPrintsTheVersion) {
  ProcessResult result = run_bundlectl({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, std::string("bundlectl ") + BUNDLECTL_VERSION + "\n");
}

TEST(CliSmokeTest, UnknownCommandIsAUsageError) {
  ProcessResult result = run_bundlectl({"valdiate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: unknown command \"valdiate\", did you mean \"validate\"?\n"
            "Run 'bundlectl --help' for the list of commands.\n");
}

}  // namespace
}  // namespace bundlectl::testing
