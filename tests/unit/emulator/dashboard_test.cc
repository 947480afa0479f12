// The emulator's web pages rendered from plain values: escaping, formatting, and the run
// graph's layout (columns by depth, rows by upstream, edges between box sides).
#include "emulator/dashboard.h"

#include <gtest/gtest.h>

#include "emulator/run_engine.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

json task(const std::string& key, std::vector<std::string> depends = {}) {
  json out = {{"task_key", key}};
  for (const std::string& dep : depends) out["depends_on"].push_back({{"task_key", dep}});
  return out;
}

class DashboardTest : public ::testing::Test {
 protected:
  emulator::Run create(const std::string& name, json tasks) {
    RunRequest request;
    request.job_id = 7;
    request.settings = {{"name", name}, {"tasks", std::move(tasks)}};
    return m_engine.create(request);
  }
  static const json& node(const json& graph, const std::string& key) {
    for (const json& t : graph["tasks"]) {
      if (t["task_key"] == key) return t;
    }
    throw std::runtime_error("no node " + key);
  }

  FakeClock m_clock{1'700'000'000'000};
  SequentialIdGenerator m_ids{100};
  RunEngine m_engine{m_clock, m_ids, RunTiming{200, 300, {}}};
};

TEST(DashboardTextTest, EscapesEveryCharacterThatEndsTextOrAnAttribute) {
  EXPECT_EQ(html_escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
}

TEST(DashboardTextTest, FormatsTimesInUtcAndDurationsInTheLargestUsefulUnit) {
  EXPECT_EQ(format_time_utc(1'700'000'000'123), "2023-11-14 22:13:20 UTC");
  EXPECT_EQ(format_time_utc(0), "");
  EXPECT_EQ(format_duration(850), "850 ms");
  EXPECT_EQ(format_duration(12'340), "12.3 s");
  EXPECT_EQ(format_duration(184'000), "3 m 04 s");
  EXPECT_EQ(format_duration(7'500'000), "2 h 05 m");
  EXPECT_EQ(elapsed_ms(1000, 0, 4000), 3000);  // still going: until now
  EXPECT_EQ(elapsed_ms(1000, 2500, 4000), 1500);
  EXPECT_EQ(elapsed_ms(0, 0, 4000), 0);  // not started
}

TEST(DashboardTextTest, ScheduleTextNamesCronZoneAndPauseStatusOrContinuous) {
  EXPECT_EQ(schedule_text({{"schedule",
                            {{"quartz_cron_expression", "0 0 2 * * ?"},
                             {"timezone_id", "Europe/Paris"},
                             {"pause_status", "PAUSED"}}}}),
            "cron 0 0 2 * * ? (Europe/Paris), PAUSED");
  EXPECT_EQ(schedule_text({{"schedule", {{"quartz_cron_expression", "0 * * * * ?"}}}}),
            "cron 0 * * * * ? (UTC), UNPAUSED");
  EXPECT_EQ(schedule_text({{"continuous", json::object()}}), "continuous, UNPAUSED");
  EXPECT_EQ(schedule_text({{"schedule", {{"quartz_cron_expression", 5}}}}),
            "cron ? (UTC), UNPAUSED");  // a wrong type is shown, not thrown
  EXPECT_EQ(schedule_text({{"name", "x"}}), "");
}

TEST_F(DashboardTest, JobsAndRunPagesEscapeNamesFromBundles) {
  emulator::Run run = create("<script>alert(1)</script>", json::array({task("a")}));
  json job = {{"job_id", 7}, {"settings", {{"name", "<script>alert(1)</script>"}}}};
  std::string jobs = render_jobs_page({{job, run}});
  EXPECT_NE(jobs.find("<a href=\"/jobs/7\">&lt;script&gt;alert(1)&lt;/script&gt;</a>"),
            std::string::npos)
      << jobs;
  EXPECT_NE(jobs.find("<span class=\"badge st-pending\">PENDING</span> <a href=\"/runs/100\">100"
                      "</a> 2023-11-14 22:13:20 UTC"),
            std::string::npos)
      << jobs;
  for (const std::string& page : {jobs, render_job_page(job, {run}, m_clock.now_ms()),
                                  render_run_page(run, m_clock.now_ms())}) {
    EXPECT_EQ(page.find("<script>alert"), std::string::npos) << page;
    EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << page;
  }
}

TEST_F(DashboardTest, JobPageListsRunsWithTriggerStartDurationAndState) {
  emulator::Run run = create("nightly", json::array({task("a")}));
  m_clock.advance(1'500);
  m_engine.advance(run);
  json job = {{"job_id", 7}, {"settings", {{"name", "nightly"}}}};
  std::string page = render_job_page(job, {run}, m_clock.now_ms());
  EXPECT_NE(page.find("<tr data-run-id=\"100\"><td><a href=\"/runs/100\">100</a></td>"
                      "<td>ONE_TIME</td><td>2023-11-14 22:13:20 UTC</td><td>500 ms</td>"
                      "<td><span class=\"badge st-success\">TERMINATED / SUCCESS</span></td></tr>"),
            std::string::npos)
      << page;
  EXPECT_NE(render_job_page(job, {}, 0).find("No runs yet."), std::string::npos);
}

TEST_F(DashboardTest, GraphPutsTasksInColumnsByDepthAndRowsByTheirUpstreams) {
  // a -> c, b -> d, c -> e, d -> e: d should sit beside b and c beside a.
  emulator::Run run = create("g", json::array({task("a"), task("b"), task("d", {"b"}),
                                               task("c", {"a"}), task("e", {"c", "d"})}));
  json graph = run_graph(run, m_clock.now_ms());
  EXPECT_EQ(node(graph, "a")["x"], 16);
  EXPECT_EQ(node(graph, "a")["y"], 16);
  EXPECT_EQ(node(graph, "b")["y"], 16 + 66 + 22);
  EXPECT_EQ(node(graph, "c")["x"], 16 + 220 + 70);
  EXPECT_EQ(node(graph, "c")["y"], 16);  // follows a, although listed after d
  EXPECT_EQ(node(graph, "d")["y"], 16 + 66 + 22);
  EXPECT_EQ(node(graph, "e")["x"], 16 + 2 * (220 + 70));
  EXPECT_EQ(graph["width"], 2 * 16 + 3 * 220 + 2 * 70);
  EXPECT_EQ(graph["height"], 2 * 16 + 2 * 66 + 22);
  ASSERT_EQ(graph["edges"].size(), 4u);
  json edge_ce = graph["edges"][2];  // e's first upstream, c
  EXPECT_EQ(edge_ce,
            (json{{"from", "c"},
                  {"to", "e"},
                  {"points", {{16 + 2 * 220 + 70, 16 + 33}, {16 + 2 * (220 + 70), 16 + 33}}}}));
}

TEST_F(DashboardTest, AnEdgeThatSkipsAColumnGoesAroundTheBoxesInIt) {
  // a -> b -> c and a -> c: a to c crosses b's column, where b is in the way.
  emulator::Run run =
      create("g", json::array({task("a"), task("b", {"a"}), task("c", {"b", "a"})}));
  json graph = run_graph(run, m_clock.now_ms());
  json around = graph["edges"][2];
  EXPECT_EQ(around["from"], "a");
  int lane = 16 + 66 + 22 / 2;  // below b, the lowest (only) box of column 1
  EXPECT_EQ(around["points"], (json{{16 + 220, 16 + 33},
                                    {16 + 220 + 70, lane},
                                    {16 + 2 * 220 + 70, lane},
                                    {16 + 2 * (220 + 70), 16 + 33}}));
}

TEST_F(DashboardTest, GraphShowsEachTasksStateResultAttemptAndDurationByTheClock) {
  emulator::Run run = create("g", json::array({task("a"), task("b", {"a"})}));
  json graph = run_graph(run, m_clock.now_ms());
  EXPECT_EQ(graph["state"], "PENDING");
  EXPECT_TRUE(graph["active"]);
  m_clock.advance(200 + 300 + 120);
  m_engine.advance(run);
  graph = run_graph(run, m_clock.now_ms());
  EXPECT_EQ(graph["state_text"], "RUNNING");
  EXPECT_EQ(node(graph, "a")["state"], "TERMINATED");
  EXPECT_EQ(node(graph, "a")["result"], "SUCCESS");
  EXPECT_EQ(node(graph, "a")["duration"], "300 ms");
  EXPECT_EQ(node(graph, "b")["state"], "RUNNING");
  EXPECT_EQ(node(graph, "b")["result"], "");
  EXPECT_EQ(node(graph, "b")["attempt_number"], 0);
  EXPECT_EQ(node(graph, "b")["duration"], "120 ms");
  m_clock.advance(1'000);
  m_engine.advance(run);
  graph = run_graph(run, m_clock.now_ms());
  EXPECT_EQ(graph["state_text"], "TERMINATED / SUCCESS");
  EXPECT_FALSE(graph["active"]);
  EXPECT_EQ(graph["duration"], "800 ms");
}

}  // namespace
}  // namespace bundlectl::emulator
