// The HTML of the emulator's pages. Every value from a bundle, a run or a request goes
// through html_escape; the run page's graph is drawn by the script from JSON, as text nodes.
#include <cctype>
#include <sstream>

#include "emulator/dashboard.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// List pages reload themselves; the run page polls its JSON instead (dashboard_assets.cc).
constexpr int k_list_refresh_seconds = 5;

std::string page_start(const std::string& title, bool refreshes) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  if (refreshes)
    out << "<meta http-equiv=\"refresh\" content=\"" << k_list_refresh_seconds << "\">";
  out << "<title>" << html_escape(title) << " - bundlectl emulator</title>"
      << "<link rel=\"stylesheet\" href=\"/ui/dashboard.css\">"
      << "<script src=\"/ui/dashboard.js\" defer></script></head>\n<body>\n"
      << "<nav><a href=\"/\">Jobs</a> <span class=\"product\">bundlectl emulator</span></nav>\n";
  return out.str();
}

const char* k_page_end = "</body></html>\n";

// A CSS class for a state: the result once there is one, else the life cycle.
std::string state_class(const RunState& state) {
  std::string name(state.result ? core::to_string(*state.result)
                                : core::to_string(state.life_cycle));
  std::string out = "st-";
  for (char c : name)
    out += static_cast<char>(c == '_' ? '-' : std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `after` is markup placed after the badge in the same cell.
std::string state_cell(const RunState& state, const std::string& after = "") {
  return "<td><span class=\"badge " + state_class(state) + "\">" +
         html_escape(run_state_text(state)) + "</span>" + after + "</td>";
}

std::string job_name(const json& job) {
  return string_field(job.value("settings", json::object()), "name", "Untitled");
}

std::string run_link(std::int64_t run_id) {
  return "<a href=\"/runs/" + std::to_string(run_id) + "\">" + std::to_string(run_id) + "</a>";
}

}  // namespace

std::string render_jobs_page(const std::vector<JobSummary>& jobs) {
  std::ostringstream out;
  out << page_start("Jobs", true) << "<h1>Jobs <span class=\"count\">" << jobs.size()
      << "</span></h1>\n<table id=\"jobs\"><thead><tr><th>Name</th><th>Job ID</th>"
      << "<th>Schedule</th><th>Last run</th></tr></thead><tbody>\n";
  for (const JobSummary& summary : jobs) {
    std::int64_t job_id = summary.job.value("job_id", std::int64_t{0});
    std::string schedule = schedule_text(summary.job.value("settings", json::object()));
    out << "<tr data-job-id=\"" << job_id << "\"><td><a href=\"/jobs/" << job_id << "\">"
        << html_escape(job_name(summary.job)) << "</a></td><td>" << job_id << "</td><td>"
        << (schedule.empty() ? "&mdash;" : html_escape(schedule)) << "</td>";
    if (summary.last_run) {
      const Run& last = *summary.last_run;
      out << state_cell(last.state, " " + run_link(last.run_id) + " " +
                                        html_escape(format_time_utc(last.start_time)));
    } else {
      out << "<td class=\"none\">never run</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody></table>\n" << k_page_end;
  return out.str();
}

std::string render_job_page(const json& job, const std::vector<Run>& runs, std::int64_t now_ms) {
  std::int64_t job_id = job.value("job_id", std::int64_t{0});
  std::string name = job_name(job);
  std::string schedule = schedule_text(job.value("settings", json::object()));
  std::ostringstream out;
  out << page_start(name, true) << "<h1>" << html_escape(name)
      << "</h1>\n<p class=\"facts\">Job ID " << job_id << " &middot; "
      << (schedule.empty() ? "no schedule" : html_escape(schedule))
      << "</p>\n<table id=\"runs\"><thead><tr><th>Run</th><th>Trigger</th><th>Start</th>"
      << "<th>Duration</th><th>State</th></tr></thead><tbody>\n";
  for (const Run& run : runs) {
    out << "<tr data-run-id=\"" << run.run_id << "\"><td>" << run_link(run.run_id) << "</td><td>"
        << html_escape(run.trigger) << "</td><td>" << html_escape(format_time_utc(run.start_time))
        << "</td><td>"
        << html_escape(format_duration(elapsed_ms(run.start_time, run.end_time, now_ms))) << "</td>"
        << state_cell(run.state) << "</tr>\n";
  }
  if (runs.empty()) out << "<tr><td colspan=\"5\" class=\"none\">No runs yet.</td></tr>\n";
  out << "</tbody></table>\n" << k_page_end;
  return out.str();
}

std::string render_run_page(const Run& run, std::int64_t now_ms) {
  std::string id = std::to_string(run.run_id);
  std::ostringstream out;
  out << page_start(run.run_name + " run " + id, false) << "<h1>" << html_escape(run.run_name)
      << " <span class=\"count\">run " << id << "</span></h1>\n<p class=\"facts\">";
  if (run.job_id != 0) {
    out << "<a href=\"/jobs/" << run.job_id << "\">Job " << run.job_id << "</a> &middot; ";
  }
  out << "Trigger " << html_escape(run.trigger) << " &middot; Started "
      << html_escape(format_time_utc(run.start_time))
      << " &middot; <span id=\"run-state\" class=\"badge " << state_class(run.state) << "\">"
      << html_escape(run_state_text(run.state)) << "</span> &middot; <span id=\"run-duration\">"
      << html_escape(format_duration(elapsed_ms(run.start_time, run.end_time, now_ms)))
      << "</span></p>\n<p id=\"run-message\">" << html_escape(run.state.message) << "</p>\n"
      << "<div id=\"run\" data-graph=\"/ui/runs/" << id << "/graph\" data-polling=\"loading\">"
      << "<p class=\"none\">Loading the task graph&hellip;</p></div>\n"
      << "<noscript><p>The task graph is drawn by a script; without it, read "
      << "<a href=\"/api/2.2/jobs/runs/get?run_id=" << id << "\">runs/get</a>.</p></noscript>\n"
      << k_page_end;
  return out.str();
}

std::string render_missing_page(const std::string& what) {
  return page_start("Not found", false) + "<h1>Not found</h1>\n<p>" + html_escape(what) + "</p>\n" +
         k_page_end;
}

}  // namespace bundlectl::emulator
