#include "emulator/module_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "bundlectl/core/exit_code.h"
#include "support/temp_dir.h"

namespace bundlectl::emulator {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

TEST(EmulatorModuleTest, TheBuiltModuleMatchesThisBuildAndMakesServers) {
  const ModuleEntry& entry = emulator_module();
  EXPECT_EQ(&entry, &emulator_module());
  EXPECT_EQ(entry.abi_version, k_module_abi_version);
  EXPECT_STREQ(entry.bundlectl_version, BUNDLECTL_VERSION);
  std::unique_ptr<ModuleServer> server(entry.make_server(ServerOptions{}));
  int port = server->start();
  EXPECT_GT(port, 0);
  EXPECT_EQ(server->base_url(), "http://127.0.0.1:" + std::to_string(port));
  EXPECT_FALSE(server->token().empty());
  server->stop();
}

TEST(EmulatorModuleTest, ASharedLibraryThatIsNotTheModuleIsNamed) {
  EXPECT_THAT(
      [] { open_emulator_module("libz.so.1"); },
      ThrowsMessage<core::Failure>(HasSubstr("libz.so.1 is not a bundlectl emulator module: ")));
}

TEST(EmulatorModuleTest, AFileThatIsNotALibraryIsRefusedWithItsPath) {
  testing::TempDir folder;
  std::string path = folder.write("bundlectl-emulator.so", "not a shared object\n").string();
  EXPECT_THAT([&] { open_emulator_module(path); },
              ThrowsMessage<core::Failure>(
                  AllOf(HasSubstr("cannot load the emulator module: "), HasSubstr(path))));
}

TEST(EmulatorModuleTest, TheEnvironmentVariableIsTheOnlyPlaceLookedAtWhenSet) {
  ::setenv("BUNDLECTL_EMULATOR_MODULE", "/opt/elsewhere/emulator.so", 1);
  std::vector<std::string> candidates = module_candidates();
  ::unsetenv("BUNDLECTL_EMULATOR_MODULE");
  EXPECT_THAT(candidates, ElementsAre("/opt/elsewhere/emulator.so"));
}

TEST(EmulatorModuleTest, OtherwiseTheExecutablesFolderComesFirstThenAnInstallation) {
  ::unsetenv("BUNDLECTL_EMULATOR_MODULE");
  std::vector<std::string> candidates = module_candidates();
  std::filesystem::path folder = std::filesystem::read_symlink("/proc/self/exe").parent_path();
  ASSERT_GE(candidates.size(), 2u);
  EXPECT_EQ(candidates[0], (folder / "bundlectl-emulator.so").string());
  EXPECT_THAT(candidates[1], EndsWith("/lib/bundlectl/bundlectl-emulator.so"));
  EXPECT_EQ(
      candidates[1],
      (folder.parent_path() / "lib/bundlectl/bundlectl-emulator.so").lexically_normal().string());
}

}  // namespace
}  // namespace bundlectl::emulator
