// The run page in a real browser: Debian's chromium, headless, as a subprocess. The emulator
// serves on a loopback socket with a clock the test moves; chromium signs in with `?token=`,
// runs the page's script (which fetches the run's graph and draws it), and dumps the DOM
// as the script left it. Chromium is installed by scripts/install-deps.sh; without it this
// test fails rather than skips, so CI cannot lose it silently.
#include <unistd.h>

#include <cstdlib>
#include <regex>

#include "integration/emulator/run_semantics_fixture.h"
#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

// A budget of virtual time: the page polls every second, so this covers a few polls.
constexpr int k_virtual_time_budget_ms = 3500;

std::string find_chromium() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    std::string dir =
        dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/chromium";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return "";
}

class DashboardBrowserTest : public RunSemanticsTest {
 protected:
  // The DOM of `url` after its scripts ran.
  std::string dump_dom(const std::string& url) {
    std::string chromium = find_chromium();
    if (chromium.empty()) {
      ADD_FAILURE() << "chromium is not installed (the web page is tested in it): run "
                       "scripts/install-deps.sh";
      return "";
    }
    std::string home = (m_dir.path() / "home").string();
    ProcessOptions options = isolated_environment(home);
    options.timeout = std::chrono::milliseconds(90'000);
    ProcessResult result = run_process(
        {chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--user-data-dir=" + (m_dir.path() / "chromium-profile").string(),
         "--virtual-time-budget=" + std::to_string(k_virtual_time_budget_ms), "--dump-dom", url},
        options);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
  std::string signed_in(const std::string& path) {
    return m_server->base_url() + path + (path.find('?') == std::string::npos ? "?" : "&") +
           "token=test-token";
  }
};

// The opening tag of the element carrying `attribute` (e.g. data-task-key="a").
std::string tag_with(const std::string& dom, const std::string& attribute) {
  std::size_t at = dom.find(attribute);
  if (at == std::string::npos) return "";
  std::size_t open = dom.rfind('<', at);
  std::size_t close = dom.find('>', at);
  return dom.substr(open, close - open + 1);
}

std::string task_tag(const std::string& dom, const std::string& key) {
  return tag_with(dom, "data-task-key=\"" + key + "\"");
}

TEST_F(DashboardBrowserTest, RunPageDrawsTheTaskGraphWhileRunningAndTheFinalStatesAfter) {
  start(
      "tasks:\n"
      "  transform:\n"
      "    duration_ms: 60000\n");
  std::int64_t job_id = create_job({{"name", "<script>alert(1)</script> nightly"},
                                    {"tasks",
                                     {task("extract"), task("transform", {"extract"}),
                                      task("load", {"transform"}), task("audit", {"extract"})}}});
  std::int64_t run_id = run_now(job_id);
  advance(k_pending_ms + 2 * k_task_ms + 500);  // extract and audit done, transform running

  // Opened as the API's run_page_url ("/?o=0#job/J/run/R"): "/" sends the browser on.
  std::string page_url = get_run(run_id)["run_page_url"];
  std::string running =
      dump_dom(signed_in(page_url.substr(m_server->base_url().size(),
                                         page_url.find('#') - m_server->base_url().size())) +
               page_url.substr(page_url.find('#')));
  EXPECT_NE(tag_with(running, "data-polling=\"active\"").find("id=\"run\""), std::string::npos)
      << running;
  std::string extract = task_tag(running, "extract");
  EXPECT_NE(extract.find("data-state=\"TERMINATED\" data-result=\"SUCCESS\""), std::string::npos)
      << running;
  EXPECT_NE(task_tag(running, "audit").find("data-result=\"SUCCESS\""), std::string::npos);
  EXPECT_NE(task_tag(running, "transform").find("data-state=\"RUNNING\" data-result=\"\""),
            std::string::npos)
      << running;
  EXPECT_NE(task_tag(running, "load").find("data-state=\"BLOCKED\""), std::string::npos);
  EXPECT_NE(running.find(">RUNNING</text><text class=\"detail\" x=\"10\" y=\"56\">attempt 1 · "
                         "1.5 s</text>"),
            std::string::npos)
      << running;
  EXPECT_NE(tag_with(running, "data-from=\"extract\" data-to=\"transform\"").find("<path"),
            std::string::npos);
  EXPECT_NE(tag_with(running, "data-from=\"transform\" data-to=\"load\"").find("<path"),
            std::string::npos);
  EXPECT_NE(running.find("<span id=\"run-state\" class=\"badge st-running\">RUNNING</span>"),
            std::string::npos)
      << running;
  // The job's name is text wherever it shows, never markup.
  EXPECT_EQ(running.find("<script>alert"), std::string::npos) << running;
  EXPECT_NE(running.find("&lt;script&gt;alert(1)&lt;/script&gt; nightly"), std::string::npos);

  advance(70'000);  // transform and then load end
  std::string ended = dump_dom(signed_in("/runs/" + std::to_string(run_id)));
  EXPECT_NE(tag_with(ended, "data-polling=\"stopped\"").find("id=\"run\""), std::string::npos)
      << ended;
  for (const std::string key : {"extract", "transform", "load", "audit"}) {
    EXPECT_NE(task_tag(ended, key).find("data-state=\"TERMINATED\" data-result=\"SUCCESS\""),
              std::string::npos)
        << key << "\n"
        << ended;
  }
  EXPECT_NE(ended.find(">TERMINATED / SUCCESS</span>"), std::string::npos) << ended;
}

TEST_F(DashboardBrowserTest, JobsListShowsScheduleAndLastRunAndTheJobPageItsRuns) {
  start();
  std::int64_t job_id = create_job({{"name", "hourly <b>report</b>"},
                                    {"schedule",
                                     {{"quartz_cron_expression", "0 0 * * * ?"},
                                      {"timezone_id", "Europe/Paris"},
                                      {"pause_status", "PAUSED"}}},
                                    {"tasks", {task("only")}}});
  std::int64_t run_id = run_now(job_id);
  advance(k_pending_ms + k_task_ms + 1);
  std::string jobs = dump_dom(signed_in("/"));
  std::string row = jobs.substr(jobs.find("<tr data-job-id=\"" + std::to_string(job_id) + "\">"));
  row = row.substr(0, row.find("</tr>"));
  EXPECT_NE(row.find(">hourly &lt;b&gt;report&lt;/b&gt;</a>"), std::string::npos) << row;
  EXPECT_NE(row.find("<td>cron 0 0 * * * ? (Europe/Paris), PAUSED</td>"), std::string::npos) << row;
  EXPECT_NE(row.find("TERMINATED / SUCCESS</span> <a href=\"/runs/" + std::to_string(run_id)),
            std::string::npos)
      << row;
  std::string job = dump_dom(signed_in("/jobs/" + std::to_string(job_id)));
  EXPECT_NE(job.find("<td>ONE_TIME</td>"), std::string::npos) << job;
  EXPECT_NE(job.find("<td>1.1 s</td>"), std::string::npos) << job;
}

}  // namespace
}  // namespace bundlectl::testing
