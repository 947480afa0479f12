// The routes of the emulator's web pages. Each brings runs up to the clock first (as the
// API's listings do), then renders from the store. Every route needs the token like the API;
// a browser signs in once with `?token=` (browser_session.h, handled by the server's gate).
#include <cstdint>
#include <optional>

#include "emulator/api_context.h"
#include "emulator/dashboard.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr std::size_t k_jobs_listed = 200;
constexpr std::size_t k_runs_listed = 100;

ApiResponse page(std::string html, int status = 200) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(html);
  response.content_type = "text/html; charset=utf-8";
  response.headers = {{"Content-Security-Policy", k_dashboard_csp},
                      {"X-Content-Type-Options", "nosniff"},
                      {"Cache-Control", "no-store"}};
  return response;
}

ApiResponse asset(const char* body, const char* type) {
  ApiResponse response;
  response.body = body;
  response.content_type = type;
  response.headers = {{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-cache"}};
  return response;
}

// The id of a page path ("/runs/{id}"): digits only, else nullopt (the page answers 404).
std::optional<std::int64_t> id_param(const ApiRequest& request) {
  const std::string& text = request.path_params.at("id");
  if (text.empty() || text.size() > 17) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoll(text);
}

std::optional<Run> newest_run(ApiContext& context, std::int64_t job_id) {
  RunFilter filter;
  filter.job_id = job_id;
  filter.limit = 1;
  std::vector<Run> runs = context.store.list_runs(filter);
  if (runs.empty()) return std::nullopt;
  return runs.front();
}

ApiResponse jobs_page(ApiContext& context) {
  context.advance_active_runs();
  std::vector<JobSummary> jobs;
  for (json& job : context.store.list_jobs("", 0, k_jobs_listed)) {
    std::int64_t job_id = job.value("job_id", std::int64_t{0});
    jobs.push_back({std::move(job), newest_run(context, job_id)});
  }
  return page(render_jobs_page(jobs));
}

ApiResponse job_page(ApiContext& context, const ApiRequest& request) {
  std::optional<std::int64_t> job_id = id_param(request);
  std::optional<json> job = job_id ? context.store.job(*job_id) : std::nullopt;
  if (!job) return page(render_missing_page("No job has that id."), 404);
  context.advance_active_runs();
  RunFilter filter;
  filter.job_id = *job_id;
  filter.limit = k_runs_listed;
  return page(render_job_page(*job, context.store.list_runs(filter), context.clock.now_ms()));
}

ApiResponse run_page(ApiContext& context, const ApiRequest& request) {
  std::optional<std::int64_t> run_id = id_param(request);
  std::optional<Run> run = run_id ? context.current_run(*run_id) : std::nullopt;
  if (!run) return page(render_missing_page("No run has that id."), 404);
  return page(render_run_page(*run, context.clock.now_ms()));
}

ApiResponse run_graph_json(ApiContext& context, const ApiRequest& request) {
  std::optional<std::int64_t> run_id = id_param(request);
  std::optional<Run> run = run_id ? context.current_run(*run_id) : std::nullopt;
  if (!run) {
    return error_response(404, "RESOURCE_DOES_NOT_EXIST",
                          "Run " + request.path_params.at("id") + " does not exist.");
  }
  ApiResponse response = json_response(run_graph(*run, context.clock.now_ms()));
  response.headers = {{"Cache-Control", "no-store"}};
  return response;
}

}  // namespace

bool is_dashboard_page(const std::string& route_pattern) {
  return route_pattern == "/" || route_pattern == "/jobs/{id}" || route_pattern == "/runs/{id}";
}

void add_dashboard_routes(Router& router, ApiContext& context) {
  router.add("GET", "/", [&context](const ApiRequest&) { return jobs_page(context); });
  router.add("GET", "/jobs/{id}", [&context](const ApiRequest& r) { return job_page(context, r); });
  router.add("GET", "/runs/{id}", [&context](const ApiRequest& r) { return run_page(context, r); });
  router.add("GET", "/ui/runs/{id}/graph",
             [&context](const ApiRequest& r) { return run_graph_json(context, r); });
  router.add("GET", "/ui/dashboard.css",
             [](const ApiRequest&) { return asset(k_dashboard_css, "text/css; charset=utf-8"); });
  router.add("GET", "/ui/dashboard.js", [](const ApiRequest&) {
    return asset(k_dashboard_js, "text/javascript; charset=utf-8");
  });
}

}  // namespace bundlectl::emulator
