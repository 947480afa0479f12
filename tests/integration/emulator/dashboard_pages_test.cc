// The emulator's web pages over a real socket: signing in with `?token=`, the cookie that
// stands in for the header on reads, and the pages and the run graph's JSON. What the
// script draws is checked in a real browser (dashboard_browser_test.cc).
#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class DashboardPagesTest : public EmulatorTest {
 protected:
  // A client that neither follows redirects nor sends a bearer header.
  httplib::Client raw() {
    httplib::Client http(m_emulator.base_url());
    http.set_follow_location(false);
    return http;
  }
  std::string cookie() const { return "bundlectl_emulator_token=" + m_emulator.token(); }
};

TEST_F(DashboardPagesTest, ATokenInThePageUrlBecomesAnHttpOnlyCookieAndLeavesTheUrl) {
  httplib::Client http = raw();
  auto signed_in = http.Get(("/runs/5?token=" + m_emulator.token()).c_str());
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 303);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/runs/5");
  EXPECT_EQ(signed_in->get_header_value("Set-Cookie"),
            cookie() + "; Path=/; HttpOnly; SameSite=Strict");
  auto wrong = http.Get("/?token=nope");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(wrong->get_header_value("Set-Cookie"), "");
  EXPECT_EQ(json::parse(wrong->body),
            (json{{"error_code", "PERMISSION_DENIED"}, {"message", "Invalid access token."}}));
  // Only the pages sign in: an API route ignores the parameter and wants the header.
  auto api = http.Get(("/api/2.2/jobs/list?token=" + m_emulator.token()).c_str());
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 401);
}

TEST_F(DashboardPagesTest, TheCookieStandsInForTheHeaderOnReadsOnly) {
  httplib::Client http = raw();
  auto read = http.Get("/api/2.2/jobs/list", {{"Cookie", "theme=dark; " + cookie()}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  auto write = http.Post("/api/2.2/jobs/create", {{"Cookie", cookie()}}, "{\"name\": \"x\"}",
                         "application/json");
  ASSERT_TRUE(write);
  EXPECT_EQ(write->status, 401);
  auto wrong = http.Get("/", {{"Cookie", "bundlectl_emulator_token=nope"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto none = http.Get("/");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
}

TEST_F(DashboardPagesTest, JobRunAndGraphRoutesServeTheRunWithItsTaskGraph) {
  std::int64_t job_id = create_job({{"name", "nightly"}, {"tasks", {task("a"), task("b", {"a"})}}});
  std::int64_t run_id = client().post("/api/2.2/jobs/run-now", {{"job_id", job_id}}).body["run_id"];
  std::string run = std::to_string(run_id);
  HttpReply job_page = client().get("/jobs/" + std::to_string(job_id));
  ASSERT_EQ(job_page.status, 200);
  EXPECT_NE(job_page.text.find("<a href=\"/runs/" + run + "\">" + run + "</a>"), std::string::npos)
      << job_page.text;
  HttpReply run_page = client().get("/runs/" + run);
  ASSERT_EQ(run_page.status, 200);
  EXPECT_EQ(run_page.header("Content-Security-Policy"),
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  EXPECT_NE(run_page.text.find("data-graph=\"/ui/runs/" + run + "/graph\""), std::string::npos);
  EXPECT_NE(run_page.text.find("<script src=\"/ui/dashboard.js\" defer></script>"),
            std::string::npos);
  wait_for_run(run_id);
  json graph = client().get("/ui/runs/" + run + "/graph").body;
  EXPECT_EQ(graph["state_text"], "TERMINATED / SUCCESS");
  EXPECT_EQ(graph["active"], false);
  ASSERT_EQ(graph["tasks"].size(), 2u);
  EXPECT_EQ(graph["edges"][0]["from"], "a");
  EXPECT_EQ(graph["edges"][0]["to"], "b");
  EXPECT_EQ(client().get("/ui/dashboard.js").header("Content-Type"),
            "text/javascript; charset=utf-8");
  EXPECT_EQ(client().get("/ui/dashboard.css").status, 200);
}

TEST_F(DashboardPagesTest, UnknownJobsAndRunsAreNotFound) {
  HttpReply job = client().get("/jobs/12345");
  EXPECT_EQ(job.status, 404);
  EXPECT_NE(job.text.find("No job has that id."), std::string::npos);
  EXPECT_EQ(client().get("/runs/not-a-number").status, 404);
  HttpReply graph = client().get("/ui/runs/999/graph");
  EXPECT_EQ(graph.status, 404);
  EXPECT_EQ(graph.body, (json{{"error_code", "RESOURCE_DOES_NOT_EXIST"},
                              {"message", "Run 999 does not exist."}}));
}

}  // namespace
}  // namespace bundlectl::testing
