#include "bundlectl/deploy/state.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "bundlectl/core/exit_code.h"
#include "support/temp_dir.h"

namespace bundlectl::deploy {
namespace {

DeploymentState sample_state() {
  DeploymentState state;
  state.bundle = "sales";
  state.target = "prod";
  state.workspace = "https://example.cloud.databricks.com";
  state.lineage = "6f1c0d2e-lineage";
  state.serial = 7;
  nlohmann::json spec = {{"name", "daily"}, {"tasks", nlohmann::json::array()}};
  state.resources["jobs.daily"] = ResourceState{
      "1024", spec, spec_hash(spec),
      nlohmann::json::array({{{"group_name", "ops"}, {"permission_level", "CAN_MANAGE"}}})};
  state.files["src/ingest.py"] = "ab12";
  return state;
}

TEST(DeploymentStateTest, SurvivesAJsonRoundTrip) {
  const DeploymentState state = sample_state();
  const DeploymentState back = state_from_json(state_to_json(state), "state.json");
  EXPECT_EQ(state_to_json(back), state_to_json(state));
  EXPECT_EQ(back.resources.at("jobs.daily").id, "1024");
  EXPECT_EQ(back.resources.at("jobs.daily").permissions,
            state.resources.at("jobs.daily").permissions);
  EXPECT_EQ(back.serial, 7);
}

TEST(DeploymentStateTest, SpecHashIgnoresKeyOrderButNotValues) {
  nlohmann::json a = nlohmann::json::parse(R"({"name":"x","max_concurrent_runs":1})");
  nlohmann::json b = nlohmann::json::parse(R"({"max_concurrent_runs":1,"name":"x"})");
  nlohmann::json c = nlohmann::json::parse(R"({"max_concurrent_runs":2,"name":"x"})");
  EXPECT_EQ(spec_hash(a), spec_hash(b));
  EXPECT_NE(spec_hash(a), spec_hash(c));
}

TEST(DeploymentStateTest, RejectsAnotherVersionNamingTheOrigin) {
  nlohmann::json json = state_to_json(sample_state());
  json["version"] = 9;
  try {
    state_from_json(json, "/Workspace/state/bundlectl-resources.json");
    FAIL() << "accepted version 9";
  } catch (const core::Failure& error) {
    EXPECT_STREQ(error.what(),
                 "/Workspace/state/bundlectl-resources.json: deployment state version 9 is not "
                 "the supported version 1");
  }
}

TEST(DeploymentStateTest, LocalFileIsWrittenAtomicallyAndReadBack) {
  testing::TempDir dir;
  const auto file = local_state_file(dir.path(), "prod");
  EXPECT_EQ(file, dir.path() / ".bundlectl" / "prod" / "resources.json");
  EXPECT_FALSE(read_local_state(file).has_value());
  write_local_state(file, sample_state());
  DeploymentState next = sample_state();
  next.serial = 8;
  write_local_state(file, next);
  auto read = read_local_state(file);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->serial, 8);
  // Nothing is left beside it: the temporary file was renamed into place.
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
    (void)entry;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

TEST(DeploymentStateTest, CorruptLocalFileSaysHowToRecover) {
  testing::TempDir dir;
  const auto file = local_state_file(dir.path(), "dev");
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << "{\"version\": 1, \"bund";
  try {
    read_local_state(file);
    FAIL() << "accepted a cut-off file";
  } catch (const core::Failure& error) {
    EXPECT_EQ(
        std::string(error.what()),
        file.string() +
            ": the deployment state is not valid JSON; delete it to use the workspace's copy");
  }
}

TEST(DeploymentStateTest, NewestStateTakesTheLargerSerial) {
  DeploymentState local = sample_state();
  DeploymentState remote = sample_state();
  remote.serial = 9;
  EXPECT_EQ(newest_state(local, remote, local.workspace)->serial, 9);
  local.serial = 10;
  EXPECT_EQ(newest_state(local, remote, local.workspace)->serial, 10);
  EXPECT_EQ(newest_state(std::nullopt, remote, local.workspace)->serial, 9);
  EXPECT_EQ(newest_state(local, std::nullopt, local.workspace)->serial, 10);
  EXPECT_FALSE(newest_state(std::nullopt, std::nullopt, local.workspace).has_value());
}

TEST(DeploymentStateTest, LocalCopyOfAnotherWorkspaceIsIgnored) {
  DeploymentState local = sample_state();
  local.serial = 50;
  local.workspace = "emulator";
  DeploymentState remote = sample_state();
  EXPECT_EQ(newest_state(local, remote, remote.workspace)->serial, 7);
  EXPECT_FALSE(newest_state(local, std::nullopt, remote.workspace).has_value());
}

TEST(DeploymentStateTest, DifferentLineagesAreAnError) {
  DeploymentState local = sample_state();
  DeploymentState remote = sample_state();
  remote.lineage = "another";
  EXPECT_THROW(newest_state(local, remote, local.workspace), core::Failure);
}

}  // namespace
}  // namespace bundlectl::deploy
