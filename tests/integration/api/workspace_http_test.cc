// The REST workspace over real loopback HTTP with the real CurlTransport, against handlers
// shaped after the Databricks API, with its faults: 429 storms, 503s, dropped connections and
// answers slower than the timeout.
#include <gtest/gtest.h>

#include <atomic>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "integration/api/loopback_server.h"

namespace bundlectl::api {
namespace {

using testing::DroppingServer;
using testing::LoopbackServer;
using namespace std::chrono_literals;

AuthConfig pat_config(const std::string& host) {
  AuthConfig config;
  config.host = {host, "test"};
  config.auth_type = {k_auth_pat, "test"};
  config.token = {Secret("dapi-http-test-token"), "test"};
  return config;
}

WorkspaceOptions fast_retries() {
  WorkspaceOptions options;
  options.retry = RetryPolicy{6, 10ms, 50ms, 5000ms};
  return options;
}

void json_answer(httplib::Response& res, const std::string& body, int status = 200) {
  res.status = status;
  res.set_content(body, "application/json");
}

TEST(WorkspaceHttpTest, A429StormWithRetryAfterIsRiddenOut) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get(
      "/api/2.2/jobs/get", [&](const httplib::Request& req, httplib::Response& res) {
        if (++calls <= 4) {
          res.set_header("Retry-After", "0");
          return json_answer(
              res, R"({"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"})", 429);
        }
        json_answer(
            res, R"({"job_id":)" + req.get_param_value("job_id") + R"(,"settings":{"name":"n"}})");
      });
  server.start();
  Json job = make_workspace(pat_config(server.url()), fast_retries())->get_job(17);
  EXPECT_EQ(job["job_id"], 17);
  EXPECT_EQ(calls.load(), 5);
}

TEST(WorkspaceHttpTest, RetryAfterSecondsAreWaitedFor) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Post(
      "/api/2.2/jobs/create", [&](const httplib::Request&, httplib::Response& res) {
        if (++calls == 1) {
          res.set_header("Retry-After", "1");
          return json_answer(res, R"({"error_code":"REQUEST_LIMIT_EXCEEDED","message":"x"})", 429);
        }
        json_answer(res, R"({"job_id":5})");
      });
  server.start();
  auto start = std::chrono::steady_clock::now();
  // jobs/create is not idempotent, but a 429 means it did not run: retried.
  EXPECT_EQ(make_workspace(pat_config(server.url()), fast_retries())->create_job({{"name", "a"}}),
            5);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 1000ms);
  EXPECT_EQ(calls.load(), 2);
}

TEST(WorkspaceHttpTest, PersistentRateLimitingEndsInARateLimitedError) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get(
      "/api/2.0/pipelines/p1", [&](const httplib::Request&, httplib::Response& res) {
        ++calls;
        json_answer(res, R"({"error_code":"REQUEST_LIMIT_EXCEEDED","message":"quota"})", 429);
      });
  server.start();
  try {
    make_workspace(pat_config(server.url()), fast_retries())->get_pipeline("p1");
    FAIL() << "expected an ApiError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ApiErrorCode::RateLimited);
  }
  EXPECT_EQ(calls.load(), 6);
}

TEST(WorkspaceHttpTest, ServiceUnavailableIsRetriedForReads) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get(
      "/api/2.0/workspace/get-status", [&](const httplib::Request& req, httplib::Response& res) {
        if (++calls <= 2)
          return json_answer(res, R"({"error_code":"TEMPORARILY_UNAVAILABLE","message":"x"})", 503);
        json_answer(
            res, R"({"object_type":"DIRECTORY","path":")" + req.get_param_value("path") + R"("})");
      });
  server.start();
  Json status = make_workspace(pat_config(server.url()), fast_retries())->get_status("/Shared/b");
  EXPECT_EQ(status["path"], "/Shared/b");
  EXPECT_EQ(calls.load(), 3);
}

TEST(WorkspaceHttpTest, DroppedConnectionsAreRetriedForReads) {
  DroppingServer server(2, R"({"id":"1","userName":"alice@example.com"})");
  EXPECT_EQ(make_workspace(pat_config(server.url()), fast_retries())->current_user().user_name,
            "alice@example.com");
  EXPECT_EQ(server.connections(), 3);
}

TEST(WorkspaceHttpTest, DroppedConnectionIsNotRetriedForACreate) {
  DroppingServer server(1, R"({"job_id":1})");
  try {
    make_workspace(pat_config(server.url()), fast_retries())->create_job({{"name", "x"}});
    FAIL() << "expected a NetworkError";
  } catch (const NetworkError& e) {
    EXPECT_EQ(e.error().kind, TransportErrorKind::ConnectionLost);
  }
  EXPECT_EQ(server.connections(), 1);  // sending it again might have created a second job
}

TEST(WorkspaceHttpTest, SlowAnswerPastTheTimeoutIsRetried) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get("/api/2.2/jobs/runs/get",
                      [&](const httplib::Request&, httplib::Response& res) {
                        if (++calls == 1) std::this_thread::sleep_for(700ms);
                        json_answer(res, R"({"run_id":3,"state":{"life_cycle_state":"RUNNING"}})");
                      });
  server.start();
  AuthConfig config = pat_config(server.url());
  config.http_timeout_seconds = {"0.2", "test"};
  Json run = make_workspace(config, fast_retries())->get_run(3);
  EXPECT_EQ(run["state"]["life_cycle_state"], "RUNNING");
  EXPECT_EQ(calls.load(), 2);
}

TEST(WorkspaceHttpTest, ListsFollowEveryPage) {
  LoopbackServer server;
  server.server().Get("/api/2.2/jobs/list", [](const httplib::Request& req,
                                               httplib::Response& res) {
    EXPECT_EQ(req.get_header_value("Authorization"), "Bearer dapi-http-test-token");
    std::string token = req.get_param_value("page_token");
    if (token.empty())
      return json_answer(
          res, R"({"jobs":[{"job_id":1},{"job_id":2}],"has_more":true,"next_page_token":"b"})");
    if (token == "b")
      return json_answer(res, R"({"jobs":[{"job_id":3}],"has_more":true,"next_page_token":"c"})");
    json_answer(res, R"({"jobs":[{"job_id":4}],"has_more":false})");
  });
  server.server().Get(
      "/api/2.0/pipelines/p/events", [](const httplib::Request& req, httplib::Response& res) {
        if (req.get_param_value("page_token").empty()) {
          return json_answer(res, R"({"events":[{"id":"e1"},{"id":"e2"}],"next_page_token":"n"})");
        }
        json_answer(res, R"({"events":[{"id":"e3"}]})");
      });
  server.start();
  auto workspace = make_workspace(pat_config(server.url()), fast_retries());
  auto jobs = workspace->list_jobs();
  ASSERT_EQ(jobs.size(), 4u);
  EXPECT_EQ(jobs[3]["job_id"], 4);
  EXPECT_EQ(workspace->list_pipeline_events("p").size(), 3u);
}

TEST(WorkspaceHttpTest, JobThatDoesNotExistIsNotFound) {
  LoopbackServer server;
  server.server().Post("/api/2.2/jobs/reset",
                       [](const httplib::Request& req, httplib::Response& res) {
                         auto id = Json::parse(req.body)["job_id"].get<std::int64_t>();
                         json_answer(res,
                                     R"({"error_code":"INVALID_PARAMETER_VALUE","message":"Job )" +
                                         std::to_string(id) + R"( does not exist."})",
                                     400);
                       });
  server.start();
  try {
    make_workspace(pat_config(server.url()), fast_retries())->reset_job(99, {{"name", "x"}});
    FAIL() << "expected an ApiError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ApiErrorCode::NotFound);
    EXPECT_STREQ(
        e.what(),
        "POST /api/2.2/jobs/reset: HTTP 400 INVALID_PARAMETER_VALUE: Job 99 does not exist.");
  }
}

}  // namespace
}  // namespace bundlectl::api
