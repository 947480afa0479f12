// Jobs API 2.2: jobs and their runs.
#include "api/rest_workspace.h"

namespace bundlectl::api {
namespace {

std::string jobs(const char* endpoint) { return std::string(k_jobs_api) + endpoint; }

std::int64_t id_field(const Json& answer, const char* key, const std::string& context) {
  auto it = answer.find(key);
  if (it == answer.end() || !it->is_number_integer()) {
    throw core::Failure(context + ": the answer has no " + key);
  }
  return it->get<std::int64_t>();
}

CallOptions idempotent() {
  CallOptions options;
  options.idempotency = Idempotency::Idempotent;
  return options;
}

}  // namespace

std::int64_t RestWorkspace::create_job(const Json& settings) {
  // No idempotency token exists for jobs/create: retried only when it cannot have arrived.
  return id_field(call(Method::Post, jobs("/create"), settings), "job_id", "jobs/create");
}

Json RestWorkspace::get_job(std::int64_t job_id) {
  static const std::vector<Json::json_pointer> k_paged = {
      Json::json_pointer("/settings/tasks"), Json::json_pointer("/settings/job_clusters"),
      Json::json_pointer("/settings/parameters"), Json::json_pointer("/settings/environments")};
  return get_merged(jobs("/get"), {{"job_id", std::to_string(job_id)}}, k_paged);
}

std::vector<Json> RestWorkspace::list_jobs(const std::string& name) {
  PagedList list{jobs("/list"), {}, "jobs", "limit", k_jobs_page_size};
  if (!name.empty()) list.query.emplace_back("name", name);
  return collect(list);
}

void RestWorkspace::reset_job(std::int64_t job_id, const Json& new_settings) {
  // Replacing the whole settings twice has the effect of once.
  call(Method::Post, jobs("/reset"), {{"job_id", job_id}, {"new_settings", new_settings}},
       idempotent());
}

void RestWorkspace::delete_job(std::int64_t job_id) {
  call(Method::Post, jobs("/delete"), {{"job_id", job_id}}, idempotent());
}

std::int64_t RestWorkspace::run_now(std::int64_t job_id, const Json& parameters,
                                    const std::string& idempotency_token) {
  Json body = parameters.is_object() ? parameters : Json::object();
  body["job_id"] = job_id;
  CallOptions options;
  if (!idempotency_token.empty()) {
    body["idempotency_token"] = idempotency_token;
    options.idempotency = Idempotency::Idempotent;
  }
  return id_field(call(Method::Post, jobs("/run-now"), body, options), "run_id", "jobs/run-now");
}

Json RestWorkspace::get_run(std::int64_t run_id) {
  static const std::vector<Json::json_pointer> k_paged = {
      Json::json_pointer("/tasks"), Json::json_pointer("/job_clusters"),
      Json::json_pointer("/job_parameters"), Json::json_pointer("/repair_history"),
      Json::json_pointer("/iterations")};
  return get_merged(jobs("/runs/get"), {{"run_id", std::to_string(run_id)}}, k_paged);
}

std::vector<Json> RestWorkspace::list_runs(const RunListFilter& filter) {
  PagedList list{jobs("/runs/list"), {}, "runs", "limit", k_runs_page_size, filter.max_results};
  if (filter.job_id) list.query.emplace_back("job_id", std::to_string(*filter.job_id));
  if (filter.active_only) list.query.emplace_back("active_only", "true");
  if (filter.completed_only) list.query.emplace_back("completed_only", "true");
  if (filter.expand_tasks) list.query.emplace_back("expand_tasks", "true");
  return collect(list);
}

void RestWorkspace::cancel_run(std::int64_t run_id) {
  call(Method::Post, jobs("/runs/cancel"), {{"run_id", run_id}}, idempotent());
}

void RestWorkspace::cancel_all_runs(std::int64_t job_id) {
  call(Method::Post, jobs("/runs/cancel-all"), {{"job_id", job_id}}, idempotent());
}

std::int64_t RestWorkspace::repair_run(std::int64_t run_id, const Json& request) {
  Json body = request.is_object() ? request : Json::object();
  body["run_id"] = run_id;
  // A repair carries latest_repair_id when given, which makes a second identical call fail
  // instead of repairing twice; without it, retried only when it cannot have arrived.
  CallOptions options;
  if (body.contains("latest_repair_id")) options.idempotency = Idempotency::Idempotent;
  return id_field(call(Method::Post, jobs("/runs/repair"), body, options), "repair_id",
                  "jobs/runs/repair");
}

Json RestWorkspace::get_run_output(std::int64_t run_id) {
  return get(jobs("/runs/get-output"), {{"run_id", std::to_string(run_id)}});
}

}  // namespace bundlectl::api
