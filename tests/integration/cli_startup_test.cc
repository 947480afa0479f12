// What every start of bundlectl loads. libcurl and the emulator (HTTP server, TLS, SQLite)
// are opened only by the commands that need them (src/api/curl_library.h,
// src/emulator/module.h): linked back in, they would add about 17 ms to every `validate`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CliStartupTest, LoadsNoNetworkTlsOrDatabaseLibrary) {
  ProcessOptions options;
  options.env["LD_TRACE_LOADED_OBJECTS"] = "1";  // the dynamic loader lists what it loads
  ProcessResult result = run_bundlectl({"--version"}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_THAT(result.out, HasSubstr("libyaml-cpp"));  // the list was printed
  for (const char* library :
       {"libcurl", "libcpp-httplib", "libssl", "libcrypto", "libsqlite3", "libgnutls"}) {
    EXPECT_THAT(result.out, Not(HasSubstr(library)));
  }
}

TEST(CliStartupTest, AMissingEmulatorModuleIsAnErrorThatSaysWhereItLooked) {
  TempDir bundle;
  bundle.write("databricks.yml", "bundle:\n  name: startup\n");
  ProcessOptions options;
  options.env["BUNDLECTL_EMULATOR_MODULE"] = "/nonexistent/bundlectl-emulator.so";
  ProcessResult result =
      run_bundlectl({"validate", "-C", bundle.path().string(), "--emulator"}, options);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("Error: the emulator module bundlectl-emulator.so was not "
                                    "found; looked at:\n  /nonexistent/bundlectl-emulator.so\n"
                                    "Set BUNDLECTL_EMULATOR_MODULE to its path.\n"));
}

TEST(CliStartupTest, ValidateWithoutAWorkspaceNeverLoadsLibcurl) {
  TempDir bundle;
  bundle.write("databricks.yml", "bundle:\n  name: startup\n");
  ProcessOptions options = isolated_environment(bundle.path().string());
  // The loader reports every library it opens, dlopen()ed ones included.
  options.env["LD_DEBUG"] = "files";
  ProcessResult result = run_bundlectl(
      {"validate", "-C", bundle.path().string(), "--user", "someone@example.com"}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("Validation OK!"));
  EXPECT_THAT(result.err, Not(HasSubstr("libcurl")));
}

}  // namespace
}  // namespace bundlectl::testing
