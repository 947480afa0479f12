// runs watch costs one runs/list per poll for every watched run together, plus one runs/get
// per run when it leaves the active list: measured against a real emulator over HTTP.
#include <gtest/gtest.h>

#include "bundlectl/api/workspace.h"
#include "bundlectl/emulator/embedded_emulator.h"
#include "bundlectl/runs/watch.h"

namespace bundlectl::runs {
namespace {

using nlohmann::json;

TEST(WatchCallsTest, ManyRunsCostOneListPerPollAndOneGetEachAtTheirEnd) {
  emulator::EmbeddedEmulator server;
  emulator::ServerOptions options;
  options.run_pending_ms = 100;
  options.task_duration_ms = 1500;  // long enough to be seen active on a few polls
  options.threads = 8;
  server.start(options);
  api::AuthConfig config;
  config.host = {server.base_url(), "test"};
  config.auth_type = {api::k_auth_pat, "test"};
  config.token = {api::Secret(server.token()), "test"};
  std::unique_ptr<api::Workspace> workspace = api::make_workspace(config);
  std::int64_t job = workspace->create_job(
      {{"name", "fan"},
       {"max_concurrent_runs", 20},
       {"tasks", {{{"task_key", "t"}, {"notebook_task", {{"notebook_path", "/x"}}}}}}});
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(workspace->run_now(job));

  api::SystemClock clock;
  FollowOptions follow_options;
  follow_options.clock = &clock;
  follow_options.timeout = Millis(30000);
  int frames = 0;
  WatchedRuns watched = watch_runs(
      *workspace, ids, {}, [&](const std::vector<RunView>&) { ++frames; }, follow_options);

  EXPECT_EQ(watched.end, FollowEnd::Ended);
  EXPECT_GE(watched.polls, 2);
  EXPECT_EQ(frames, watched.polls);
  // One list per poll, and each run read by id exactly once: when it was no longer active.
  EXPECT_EQ(watched.calls, watched.polls + static_cast<int>(ids.size()));
  for (const RunView& run : watched.runs) {
    EXPECT_EQ(run.result, "SUCCESS") << run.run_id;
    ASSERT_EQ(run.tasks.size(), 1u);
    EXPECT_EQ(run.tasks[0].state, "TERMINATED");
  }
}

}  // namespace
}  // namespace bundlectl::runs
