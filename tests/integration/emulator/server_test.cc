#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class ServerTest : public EmulatorTest {};

TEST_F(ServerTest, RequestsWithoutTheTokenAreRefused) {
  client().set_token("");
  HttpReply missing = client().get("/api/2.2/jobs/list");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.body["error_code"], "UNAUTHENTICATED");
  client().set_token("wrong");
  HttpReply wrong = client().get("/api/2.2/jobs/list");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.body,
            (json{{"error_code", "PERMISSION_DENIED"}, {"message", "Invalid access token."}}));
  EXPECT_EQ(client().get("/metrics").status, 403);
  EXPECT_EQ(client().get("/no/such/route").status, 403);
}

TEST_F(ServerTest, UnknownRoutesMalformedBodiesAndOversizedBodiesGetTheApisErrorShape) {
  HttpReply unknown = client().get("/api/2.2/jobs/nope");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, (json{{"error_code", "ENDPOINT_NOT_FOUND"},
                                {"message", "No API found for 'GET /api/2.2/jobs/nope'"}}));
  EXPECT_EQ(client().get("/api/2.2/jobs/create").status, 404);
  HttpReply malformed = client().post_text("/api/2.2/jobs/create", "{\"name\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.body["error_code"], "MALFORMED_REQUEST");
  emulator::ServerOptions small;
  small.max_body_bytes = 1000;
  start(small);
  HttpReply large =
      client().post_text("/api/2.2/jobs/create", "{\"name\": \"" + std::string(5000, 'x') + "\"}");
  EXPECT_EQ(large.status, 413);
  EXPECT_EQ(large.body["error_code"], "REQUEST_ENTITY_TOO_LARGE");
}

TEST_F(ServerTest, FaultRulesAnswer429WithRetryAfterOnlyForTheirRoute) {
  emulator::ServerOptions faulty;
  faulty.faults = {emulator::parse_fault_rule("jobs/create:429:1:7")};
  start(faulty);
  HttpReply limited = client().post("/api/2.2/jobs/create", {{"name", "x"}});
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.body["error_code"], "REQUEST_LIMIT_EXCEEDED");
  EXPECT_EQ(limited.header("Retry-After"), "7");
  EXPECT_EQ(client().get("/api/2.2/jobs/list").status, 200);
}

TEST_F(ServerTest, FaultSharesHitRoughlyThatShareOfRequests) {
  emulator::ServerOptions faulty;
  faulty.faults = {emulator::parse_fault_rule("jobs/*:503:0.3")};
  faulty.fault_seed = 42;
  start(faulty);
  int failures = 0;
  for (int i = 0; i < 200; ++i)
    failures += client().get("/api/2.2/jobs/list").status == 503 ? 1 : 0;
  EXPECT_GT(failures, 30);
  EXPECT_LT(failures, 90);
}

TEST_F(ServerTest, DropRulesCloseTheConnectionWithoutAnAnswer) {
  emulator::ServerOptions faulty;
  faulty.faults = {emulator::parse_fault_rule("preview/scim/v2/Me:drop")};
  start(faulty);
  HttpReply dropped = client().get("/api/2.0/preview/scim/v2/Me");
  EXPECT_NE(dropped.status, 200);
  EXPECT_TRUE(dropped.status == 0 || dropped.text.empty());
  EXPECT_EQ(client().get("/api/2.2/jobs/list").status, 200);
}

TEST_F(ServerTest, LatencyDelaysEveryAnswer) {
  emulator::ServerOptions slow;
  slow.latency_ms = 120;
  start(slow);
  auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(client().get("/api/2.2/jobs/list").status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - begin, std::chrono::milliseconds(120));
}

TEST_F(ServerTest, MetricsCountRequestsByMethodRouteAndStatusAndRunsByState) {
  client().get("/api/2.2/jobs/get?job_id=1&x=2");
  client().get("/api/2.2/jobs/get?job_id=1");
  std::int64_t job_id = create_job({{"name", "m"}, {"tasks", {task("a")}}});
  client().post("/api/2.2/jobs/run-now", {{"job_id", job_id}});
  HttpReply metrics = client().get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.text.find("emulator_http_requests_total{method=\"GET\",route=\"/api/2.2/jobs/"
                              "get\",status=\"400\"} 2\n"),
            std::string::npos)
      << metrics.text;
  EXPECT_NE(metrics.text.find("emulator_runs{state=\"PENDING\"} 1\n"), std::string::npos)
      << metrics.text;
  EXPECT_NE(metrics.text.find("emulator_run_queue_length 1\n"), std::string::npos);
}

TEST_F(ServerTest, MetricsLabelRoutesByTemplateAndInventedPathsAsOneUnmatchedRoute) {
  for (int i = 0; i < 50; ++i) client().get("/invented/" + std::to_string(i));
  client().get("/api/2.0/pipelines/abc");
  client().get("/api/2.0/pipelines/def");
  client().set_token("");
  for (int i = 0; i < 5; ++i) client().post("/api/2.2/jobs/create/" + std::to_string(i), {});
  client().set_token(m_emulator.token());
  std::string text = client().get("/metrics").text;
  EXPECT_EQ(text.find("invented"), std::string::npos) << text;
  EXPECT_EQ(text.find("abc"), std::string::npos) << text;
  EXPECT_NE(text.find("emulator_http_requests_total{method=\"GET\",route=\"unmatched\","
                      "status=\"404\"} 50\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("emulator_http_requests_total{method=\"POST\",route=\"unmatched\","
                      "status=\"401\"} 5\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("emulator_http_requests_total{method=\"GET\",route=\"/api/2.0/pipelines/"
                      "{id}\",status=\"404\"} 2\n"),
            std::string::npos)
      << text;
}

TEST_F(ServerTest, DashboardListsJobsAndRunsAndRefreshesItself) {
  std::int64_t job_id = create_job({{"name", "<nightly>"}, {"tasks", {task("a")}}});
  client().post("/api/2.2/jobs/run-now", {{"job_id", job_id}});
  HttpReply page = client().get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.text.find("http-equiv=\"refresh\""), std::string::npos);
  EXPECT_NE(page.text.find("&lt;nightly&gt;"), std::string::npos);
  EXPECT_NE(page.text.find("PENDING"), std::string::npos);
}

TEST_F(ServerTest, ScimMeAndPermissionsOfJobsAndPipelines) {
  HttpReply me = client().get("/api/2.0/preview/scim/v2/Me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.body["userName"], "emulator-user@example.com");
  std::int64_t job_id = create_job({{"name", "p"}});
  std::string path = "/api/2.0/permissions/jobs/" + std::to_string(job_id);
  HttpReply acl = client().get(path);
  ASSERT_EQ(acl.status, 200) << acl.text;
  EXPECT_EQ(acl.body["object_id"], "/jobs/" + std::to_string(job_id));
  EXPECT_EQ(acl.body["access_control_list"][0]["all_permissions"][0]["permission_level"],
            "IS_OWNER");
  HttpReply patched =
      client().patch(path, {{"access_control_list",
                             {{{"group_name", "data"}, {"permission_level", "CAN_MANAGE_RUN"}}}}});
  ASSERT_EQ(patched.status, 200) << patched.text;
  EXPECT_EQ(patched.body["access_control_list"].size(), 2u);
  HttpReply replaced = client().put(
      path, {{"access_control_list", {{{"user_name", "b@x"}, {"permission_level", "CAN_VIEW"}}}}});
  EXPECT_EQ(replaced.body["access_control_list"].size(), 2u);  // the owner stays
  EXPECT_EQ(client()
                .put(path, {{"access_control_list",
                             {{{"user_name", "b@x"}, {"permission_level", "CAN_FLY"}}}}})
                .status,
            400);
  EXPECT_EQ(client().get("/api/2.0/permissions/jobs/99").status, 404);
  std::string pipeline = client().post("/api/2.0/pipelines", {{"name", "p"}}).body["pipeline_id"];
  EXPECT_EQ(client().get("/api/2.0/permissions/pipelines/" + pipeline).body["object_type"],
            "pipelines");
}

TEST_F(ServerTest, OAuthClientCredentialsGiveAnAccessTokenTheApiAccepts) {
  httplib::Client raw(m_emulator.base_url());
  EXPECT_EQ(raw.Get("/oidc/.well-known/oauth-authorization-server")->status, 200);
  raw.set_basic_auth("my-client", "not-the-secret");
  EXPECT_EQ(raw.Post("/oidc/v1/token", "grant_type=client_credentials&scope=all-apis",
                     "application/x-www-form-urlencoded")
                ->status,
            401);
  raw.set_basic_auth("my-client", m_emulator.token().c_str());
  auto granted = raw.Post("/oidc/v1/token", "grant_type=client_credentials&scope=all-apis",
                          "application/x-www-form-urlencoded");
  ASSERT_EQ(granted->status, 200) << granted->body;
  json body = json::parse(granted->body);
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 3600);
  client().set_token(body["access_token"]);
  EXPECT_EQ(client().get("/api/2.2/jobs/list").status, 200);
}

TEST_F(ServerTest, StatePersistsAcrossARestartOnTheSameFile) {
  std::int64_t job_id = create_job({{"name", "kept"}, {"tasks", {task("a")}}});
  std::int64_t run_id = client().post("/api/2.2/jobs/run-now", {{"job_id", job_id}}).body["run_id"];
  wait_for_run(run_id);
  client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/kept"}});
  start();
  EXPECT_EQ(
      client().get("/api/2.2/jobs/get?job_id=" + std::to_string(job_id)).body["settings"]["name"],
      "kept");
  EXPECT_EQ(client()
                .get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id))
                .body["state"]["result_state"],
            "SUCCESS");
  EXPECT_EQ(client().get("/api/2.0/workspace/get-status?path=/Shared/kept").status, 200);
}

TEST_F(ServerTest, TwoEmulatorsOnOneFileSeeOneWorkspace) {
  emulator::EmbeddedEmulator second;
  second.start((m_dir.path() / "emulator.db").string());
  EXPECT_NE(second.base_url(), m_emulator.base_url());
  EmulatorClient other(second.base_url(), second.token());
  std::int64_t job_id = create_job({{"name", "shared"}});
  EXPECT_EQ(
      other.get("/api/2.2/jobs/get?job_id=" + std::to_string(job_id)).body["settings"]["name"],
      "shared");
  std::int64_t run_id = client().post("/api/2.2/jobs/run-now", {{"job_id", job_id}}).body["run_id"];
  wait_for_run(run_id);  // the first emulator now holds the ended run's answer in its cache
  ASSERT_EQ(other.post("/api/2.2/jobs/runs/delete", {{"run_id", run_id}}).status, 200);
  EXPECT_EQ(client().get("/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id)).status, 400);
}

}  // namespace
}  // namespace bundlectl::testing
