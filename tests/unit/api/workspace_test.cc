// RestWorkspace over the fake transport: URLs, bodies, paging, retries and auth headers.
#include "bundlectl/api/workspace.h"

#include <gtest/gtest.h>

#include "bundlectl/api/api_error.h"
#include "unit/api/fakes.h"

namespace bundlectl::api {
namespace {

using testing::FakeClock;
using testing::FakeTransport;
using testing::response;
using testing::transport_error;

AuthConfig pat_config() {
  AuthConfig config;
  config.host = {"https://ws.test", "test"};
  config.auth_type = {k_auth_pat, "test"};
  config.token = {Secret("dapi-test-token"), "test"};
  return config;
}

class WorkspaceTest : public ::testing::Test {
 protected:
  std::unique_ptr<Workspace> workspace(const AuthConfig& config = pat_config()) {
    WorkspaceOptions options;
    options.transport = &m_transport;
    options.clock = &m_clock;
    options.rate_limit = 0;
    options.uniform = [] { return 1.0; };
    return make_workspace(config, options);
  }
  std::vector<std::string> urls() const {
    std::vector<std::string> out;
    for (const HttpRequest& request : m_transport.requests()) {
      out.push_back(std::string(method_name(request.method)) + " " + request.url);
    }
    return out;
  }

  FakeClock m_clock;
  FakeTransport m_transport;
};

TEST_F(WorkspaceTest, CreateJobPostsTheSettingsWithTheToken) {
  m_transport.script(response(200, R"({"job_id": 42})"));
  EXPECT_EQ(workspace()->create_job({{"name", "nightly"}}), 42);
  HttpRequest sent = m_transport.requests().at(0);
  EXPECT_EQ(sent.method, Method::Post);
  EXPECT_EQ(sent.url, "https://ws.test/api/2.2/jobs/create");
  EXPECT_EQ(*sent.headers.find("authorization"), "Bearer dapi-test-token");
  EXPECT_EQ(*sent.headers.find("content-type"), "application/json");
  EXPECT_EQ(sent.body, R"({"name":"nightly"})");
}

TEST_F(WorkspaceTest, GetJobMergesTaskPages) {
  m_transport.script(response(200, R"({"job_id":1,"settings":{"name":"j","tasks":[{"task_key":"a"}],
      "job_clusters":[{"job_cluster_key":"c"}]},"next_page_token":"p2"})"));
  m_transport.script(response(200, R"({"job_id":1,"settings":{"tasks":[{"task_key":"b"}]},
      "next_page_token":"p3"})"));
  m_transport.script(response(200, R"({"job_id":1,"settings":{"tasks":[{"task_key":"c"}],
      "job_clusters":[{"job_cluster_key":"d"}]}})"));
  Json job = workspace()->get_job(1);
  EXPECT_EQ(job["settings"]["tasks"].size(), 3u);
  EXPECT_EQ(job["settings"]["tasks"][2]["task_key"], "c");
  EXPECT_EQ(job["settings"]["job_clusters"].size(), 2u);
  EXPECT_EQ(job["settings"]["name"], "j");
  EXPECT_FALSE(job.contains("next_page_token"));
  EXPECT_EQ(urls(), (std::vector<std::string>{
                        "GET https://ws.test/api/2.2/jobs/get?job_id=1",
                        "GET https://ws.test/api/2.2/jobs/get?job_id=1&page_token=p2",
                        "GET https://ws.test/api/2.2/jobs/get?job_id=1&page_token=p3"}));
}

TEST_F(WorkspaceTest, ListJobsFollowsPagesUntilHasMoreIsFalse) {
  m_transport.script(response(200, R"({"jobs":[{"job_id":1},{"job_id":2}],"has_more":true,
      "next_page_token":"t2"})"));
  m_transport.script(response(200, R"({"jobs":[{"job_id":3}],"has_more":false})"));
  auto jobs = workspace()->list_jobs("my job");
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(urls(),
            (std::vector<std::string>{
                "GET https://ws.test/api/2.2/jobs/list?name=my%20job&limit=100",
                "GET https://ws.test/api/2.2/jobs/list?name=my%20job&limit=100&page_token=t2"}));
}

TEST_F(WorkspaceTest, ListRunsStopsAtMaxResults) {
  m_transport.script(response(200, R"({"runs":[{"run_id":1},{"run_id":2}],"has_more":true,
      "next_page_token":"n"})"));
  RunListFilter filter;
  filter.job_id = 7;
  filter.max_results = 2;
  EXPECT_EQ(workspace()->list_runs(filter).size(), 2u);
  EXPECT_EQ(urls(), std::vector<std::string>{
                        "GET https://ws.test/api/2.2/jobs/runs/list?job_id=7&limit=2"});
}

TEST_F(WorkspaceTest, RunNowWithAnIdempotencyTokenIsRetriedAfterA503) {
  m_transport.script(response(503));
  m_transport.script(response(200, R"({"run_id":9,"number_in_job":9})"));
  EXPECT_EQ(workspace()->run_now(5, {{"job_parameters", {{"env", "dev"}}}}, "tok-1"), 9);
  ASSERT_EQ(m_transport.count(), 2u);
  EXPECT_EQ(
      Json::parse(m_transport.requests()[1].body),
      Json::parse(R"({"job_id":5,"job_parameters":{"env":"dev"},"idempotency_token":"tok-1"})"));
}

TEST_F(WorkspaceTest, RunNowWithoutATokenIsNotRetriedAfterA503) {
  m_transport.script(response(503, R"({"error_code":"TEMPORARILY_UNAVAILABLE","message":"busy"})"));
  try {
    workspace()->run_now(5);
    FAIL() << "expected an ApiError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ApiErrorCode::Unavailable);
    EXPECT_STREQ(e.what(), "POST /api/2.2/jobs/run-now: HTTP 503 TEMPORARILY_UNAVAILABLE: busy");
  }
  EXPECT_EQ(m_transport.count(), 1u);
}

TEST_F(WorkspaceTest, MissingJobIsNotFound) {
  m_transport.script(response(400, R"({"error_code":"INVALID_PARAMETER_VALUE",
      "message":"Job 404 does not exist."})"));
  try {
    workspace()->get_job(404);
    FAIL() << "expected an ApiError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), ApiErrorCode::NotFound);
  }
}

TEST_F(WorkspaceTest, TransportFailureIsANetworkErrorAfterRetries) {
  m_transport.set_handler(
      [](const HttpRequest&) { return transport_error(TransportErrorKind::Connect, false); });
  WorkspaceOptions options;
  options.transport = &m_transport;
  options.clock = &m_clock;
  options.retry = RetryPolicy{3, std::chrono::milliseconds(10), std::chrono::milliseconds(10),
                              std::chrono::milliseconds(1000)};
  try {
    make_workspace(pat_config(), options)->get_pipeline("p");
    FAIL() << "expected a NetworkError";
  } catch (const NetworkError& e) {
    EXPECT_STREQ(
        e.what(),
        "GET /api/2.0/pipelines/p (after 3 attempts): could not connect: scripted failure");
  }
}

TEST_F(WorkspaceTest, PipelineCallsUseTheirPaths) {
  m_transport.script(response(200, R"({"pipeline_id":"abc-1"})"));
  m_transport.script(response(200, "{}"));
  m_transport.script(response(200, R"({"update_id":"u1"})"));
  m_transport.script(response(200, R"({"update":{"update_id":"u1","state":"RUNNING"}})"));
  m_transport.script(response(200, "{}"));
  m_transport.script(response(200, "{}"));
  auto ws = workspace();
  EXPECT_EQ(ws->create_pipeline({{"name", "etl"}}), "abc-1");
  ws->edit_pipeline("abc-1", {{"name", "etl2"}});
  EXPECT_EQ(ws->start_update("abc-1", {{"full_refresh", true}}), "u1");
  EXPECT_EQ(ws->get_update("abc-1", "u1")["state"], "RUNNING");
  ws->stop_pipeline("abc-1");
  ws->delete_pipeline("abc-1");
  EXPECT_EQ(urls(),
            (std::vector<std::string>{"POST https://ws.test/api/2.0/pipelines",
                                      "PUT https://ws.test/api/2.0/pipelines/abc-1",
                                      "POST https://ws.test/api/2.0/pipelines/abc-1/updates",
                                      "GET https://ws.test/api/2.0/pipelines/abc-1/updates/u1",
                                      "POST https://ws.test/api/2.0/pipelines/abc-1/stop",
                                      "DELETE https://ws.test/api/2.0/pipelines/abc-1"}));
  EXPECT_EQ(Json::parse(m_transport.requests()[1].body)["pipeline_id"], "abc-1");
}

TEST_F(WorkspaceTest, FilesAreBase64OnTheWire) {
  m_transport.script(response(200, "{}"));
  m_transport.script(response(200, R"({"content":"aGVsbG8gd29ybGQ=","file_type":"py"})"));
  auto ws = workspace();
  ws->import_file("/Users/a/x.py", "hello world");
  EXPECT_EQ(ws->export_file("/Users/a/x.py"), "hello world");
  auto sent = m_transport.requests();
  EXPECT_EQ(Json::parse(sent[0].body), Json::parse(R"({"path":"/Users/a/x.py",
      "content":"aGVsbG8gd29ybGQ=","format":"AUTO","overwrite":true})"));
  EXPECT_EQ(sent[1].url,
            "https://ws.test/api/2.0/workspace/export?path=%2FUsers%2Fa%2Fx.py&format=SOURCE");
}

TEST_F(WorkspaceTest, CurrentUserReadsScimMe) {
  m_transport.script(response(200, R"({"id":"123","userName":"a@b.test","displayName":"A B"})"));
  CurrentUser user = workspace()->current_user();
  EXPECT_EQ(user.user_name, "a@b.test");
  EXPECT_EQ(user.display_name, "A B");
  EXPECT_EQ(urls(), std::vector<std::string>{"GET https://ws.test/api/2.0/preview/scim/v2/Me"});
}

TEST_F(WorkspaceTest, RateLimitFromTheConfigPacesCalls) {
  AuthConfig config = pat_config();
  config.rate_limit = {"2", "environment DATABRICKS_RATE_LIMIT"};
  WorkspaceOptions options;
  options.transport = &m_transport;
  options.clock = &m_clock;
  auto ws = make_workspace(config, options);
  for (int i = 0; i < 4; ++i) ws->get_status("/x");
  // A burst of 2 passes at once; the next two wait 1/rate each.
  EXPECT_EQ(m_clock.sleeps(), (std::vector<Clock::Duration>{std::chrono::milliseconds(500),
                                                            std::chrono::milliseconds(500)}));
}

TEST_F(WorkspaceTest, IncompleteConfigIsRefused) {
  AuthConfig config = pat_config();
  config.token = {};
  EXPECT_THROW(workspace(config), AuthError);
}

}  // namespace
}  // namespace bundlectl::api
