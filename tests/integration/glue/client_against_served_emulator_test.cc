// The REST client as commands use it (real CurlTransport, real retries) against
// `bundlectl emulator serve` as a separate process with fault injection: rate-limit storms,
// 503s and dropped connections are ridden out, a job runs to the end, OAuth M2M works.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "integration/glue/served_emulator.h"

namespace bundlectl::api {
namespace {

using bundlectl::testing::ServedEmulator;
using Clock = std::chrono::steady_clock;

AuthConfig pat(const ServedEmulator& emulator) {
  AuthConfig config;
  config.host = {emulator.url(), "test"};
  config.auth_type = {k_auth_pat, "test"};
  config.token = {Secret(emulator.token()), "test"};
  return config;
}

// Default timing, but enough attempts that a 60% fault share cannot exhaust them in practice
// (0.6^40); the budget stays the default 300 s.
std::unique_ptr<Workspace> patient_workspace(const AuthConfig& config) {
  WorkspaceOptions options;
  RetryPolicy retry;
  retry.max_attempts = 40;
  options.retry = retry;
  return make_workspace(config, options);
}

Json two_tasks(const std::string& name) {
  return {{"name", name},
          {"tasks",
           {{{"task_key", "a"}, {"notebook_task", {{"notebook_path", "/Shared/a"}}}},
            {{"task_key", "b"},
             {"depends_on", {{{"task_key", "a"}}}},
             {"notebook_task", {{"notebook_path", "/Shared/b"}}}}}}};
}

TEST(ClientAgainstServedEmulatorTest, RateLimitStormIsRiddenOutHonouringRetryAfter) {
  ServedEmulator emulator({"--fault", "jobs/list:429:0.6:1"});
  ASSERT_TRUE(emulator.ready());
  auto workspace = patient_workspace(pat(emulator));
  workspace->create_job({{"name", "storm"}});
  auto start = Clock::now();
  long limited = 0;
  for (int call = 0; call < 30 && limited < 3; ++call) {
    std::vector<Json> jobs = workspace->list_jobs("storm");
    ASSERT_EQ(jobs.size(), 1u);
    limited = emulator.requests_with_status("429");
  }
  ASSERT_GE(limited, 3) << "the storm never hit";
  // Each 429 said Retry-After: 1, which replaces the drawn backoff (at most 0.5 s at first).
  auto waited = Clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(950 * limited));
}

TEST(ClientAgainstServedEmulatorTest, ShareOf503sIsRetried) {
  ServedEmulator emulator({"--fault", "jobs/get:503:0.5:0"});
  ASSERT_TRUE(emulator.ready());
  auto workspace = patient_workspace(pat(emulator));
  std::int64_t job_id = workspace->create_job({{"name", "flaky"}});
  for (int call = 0; call < 12; ++call) {
    EXPECT_EQ(workspace->get_job(job_id)["settings"]["name"], "flaky");
  }
  EXPECT_GE(emulator.requests_with_status("503"), 1);
}

TEST(ClientAgainstServedEmulatorTest, DroppedReadsAreRetriedWhileAJobRunsToTheEnd) {
  ServedEmulator emulator({"--fault", "jobs/runs/get:drop:0.3", "--run-pending-ms", "100",
                           "--task-duration-ms", "100"});
  ASSERT_TRUE(emulator.ready());
  auto workspace = patient_workspace(pat(emulator));
  std::int64_t job_id = workspace->create_job(two_tasks("chain"));
  Json job = workspace->get_job(job_id);
  ASSERT_EQ(job["settings"]["tasks"].size(), 2u);
  std::int64_t run_id = workspace->run_now(job_id);
  Json run;
  std::string state;
  long dropped = 0;
  for (int poll = 0; poll < 300 && (state != "TERMINATED" || dropped < 1); ++poll) {
    run = workspace->get_run(run_id);
    state = run["state"]["life_cycle_state"].get<std::string>();
    dropped = emulator.requests_with_status("dropped");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(state, "TERMINATED");
  EXPECT_EQ(run["state"]["result_state"], "SUCCESS");
  EXPECT_EQ(run["job_id"], job_id);
  EXPECT_EQ(run["tasks"].size(), 2u);
  EXPECT_GE(dropped, 1) << "no connection was ever dropped";
}

TEST(ClientAgainstServedEmulatorTest, OAuthMachineToMachineGetsATokenFromTheEmulator) {
  ServedEmulator emulator;
  ASSERT_TRUE(emulator.ready());
  AuthConfig config;
  config.host = {emulator.url(), "test"};
  config.auth_type = {k_auth_oauth_m2m, "test"};
  config.client_id = {"glue-ci", "test"};
  config.client_secret = {Secret(emulator.token()), "test"};
  auto workspace = make_workspace(config);
  EXPECT_EQ(workspace->current_user().user_name, "emulator-user@example.com");
  std::int64_t job_id = workspace->create_job({{"name", "via-oauth"}});
  EXPECT_EQ(workspace->get_job(job_id)["settings"]["name"], "via-oauth");

  config.client_secret = {Secret("not-the-secret"), "test"};
  WorkspaceOptions once;
  once.retry = RetryPolicy::none();
  EXPECT_THROW(make_workspace(config, once)->current_user(), core::Failure);
}

}  // namespace
}  // namespace bundlectl::api
