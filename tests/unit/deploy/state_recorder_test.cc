#include <gtest/gtest.h>

#include <thread>

#include "bundlectl/deploy/apply.h"
#include "support/temp_dir.h"

namespace bundlectl::deploy {
namespace {

DeploymentState start_state() {
  DeploymentState state;
  state.bundle = "sales";
  state.target = "prod";
  state.workspace = "emulator";
  state.lineage = "l-1";
  state.serial = 4;
  state.resources["jobs.kept"] = ResourceState{"7", {{"name", "kept"}}, "h"};
  state.files["src/a.py"] = "ab";
  return state;
}

TEST(StateRecorderTest, TheFileOnDiskIsTheStateAfterEveryChange) {
  testing::TempDir dir;
  const auto file = dir.path() / "resources.json";
  StateRecorder recorder(start_state(), file, nullptr, "");
  recorder.record("jobs.new", ResourceState{"8", {{"name", "new \"quoted\""}}, "h2"});
  recorder.forget("jobs.kept");
  recorder.set_in_progress(true);
  const std::optional<DeploymentState> read = read_local_state(file);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(state_to_json(*read), state_to_json(recorder.snapshot()));
  EXPECT_EQ(read->serial, 7);
  EXPECT_TRUE(read->deploy_in_progress);
  EXPECT_EQ(read->resources.at("jobs.new").spec["name"], "new \"quoted\"");
}

TEST(StateRecorderTest, ConcurrentChangesAreAllOnDiskWhenTheyReturn) {
  testing::TempDir dir;
  const auto file = dir.path() / "resources.json";
  StateRecorder recorder(start_state(), file, nullptr, "");
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&recorder, t] {
      for (int i = 0; i < 25; ++i) {
        const std::string key = "jobs.t" + std::to_string(t) + "_" + std::to_string(i);
        recorder.record(key, ResourceState{std::to_string(i), {{"name", key}}, "h"});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::optional<DeploymentState> read = read_local_state(file);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->resources.size(), 201u);
  EXPECT_EQ(read->serial, 4 + 200);
}

}  // namespace
}  // namespace bundlectl::deploy
