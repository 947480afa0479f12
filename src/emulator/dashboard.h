// The emulator's web pages: what a Databricks user looks at in the workspace. A jobs list
// (name, id, schedule and pause status, last run), a job's runs (id, trigger, start,
// duration, state), and a run page drawing the task graph with each task's state, result,
// attempt and duration, which the browser redraws every second from a JSON route while the
// run is active (src/emulator/dashboard_assets.cc).
//
// Pages are rendered here from plain values, so they are tested without a server; the
// routes (dashboard_routes.cc) only gather those values. Everything taken from a bundle or
// a request is HTML-escaped; the script never writes markup, only text nodes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/run.h"

namespace bundlectl::emulator {

class Router;
struct ApiContext;

// Text helpers (dashboard.cc).
std::string html_escape(const std::string& text);
// "2026-12-04 23:59:07 UTC"; "" for 0 (not started).
std::string format_time_utc(std::int64_t epoch_ms);
// "850 ms", "12.3 s", "3 m 04 s", "2 h 05 m".
std::string format_duration(std::int64_t ms);
// "RUNNING", "TERMINATED / SUCCESS".
std::string run_state_text(const RunState& state);
// How long something that started at `start_ms` has taken: until `end_ms` once it ended
// (end_ms > 0), until `now_ms` while it goes on; 0 before it starts.
std::int64_t elapsed_ms(std::int64_t start_ms, std::int64_t end_ms, std::int64_t now_ms);
// object[key] when it is a non-empty string, else `fallback` (bundles may put anything there).
std::string string_field(const nlohmann::json& object, const char* key,
                         const std::string& fallback);
// "cron 0 0 2 * * ? (Europe/Paris), UNPAUSED", "continuous, PAUSED", "" for none.
std::string schedule_text(const nlohmann::json& settings);

// Pages (dashboard_pages.cc).
struct JobSummary {
  nlohmann::json job;           // the API's Job object
  std::optional<Run> last_run;  // its newest run, if any
};
std::string render_jobs_page(const std::vector<JobSummary>& jobs);
std::string render_job_page(const nlohmann::json& job, const std::vector<Run>& runs,
                            std::int64_t now_ms);
std::string render_run_page(const Run& run, std::int64_t now_ms);
std::string render_missing_page(const std::string& what);

// The run page's data (dashboard_graph.cc): the run's state and its task graph laid out in
// columns by depth, with node positions and edge end points, so the script only draws.
nlohmann::json run_graph(const Run& run, std::int64_t now_ms);

// The stylesheet and script the pages load from the emulator (dashboard_assets.cc): no
// external assets, and a Content-Security-Policy that allows nothing else.
extern const char* const k_dashboard_css;
extern const char* const k_dashboard_js;
extern const char* const k_dashboard_csp;

// Routes (dashboard_routes.cc): "/", "/jobs/{id}", "/runs/{id}", the run's JSON at
// "/ui/runs/{id}/graph" and the assets under "/ui/".
void add_dashboard_routes(Router& router, ApiContext& context);
// True for the pages a browser may open with `?token=` (browser_session.h).
bool is_dashboard_page(const std::string& route_pattern);

}  // namespace bundlectl::emulator
