// Jobs API runs endpoints (2.1 and 2.2): runs/submit, get, get-output, list, cancel,
// cancel-all, repair, delete.
#include <algorithm>
#include <set>

#include "emulator/api_context.h"
#include "emulator/api_error.h"
#include "emulator/child_runs.h"
#include "emulator/run_queue.h"
#include "emulator/run_rules.h"
#include "emulator/scheduler.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr std::size_t k_tasks_per_page_22 = 100;
constexpr std::int64_t k_max_runs_limit = 25;
constexpr std::int64_t k_default_runs_limit = 20;
// Bounds the memory of the runs/get answer cache; past it the cache starts over.
constexpr std::size_t k_max_cached_answers = 10'000;

ApiError missing_run(std::int64_t run_id) {
  return invalid_parameter("Run " + std::to_string(run_id) + " does not exist.");
}

Run load_run(ApiContext& context, std::int64_t run_id) {
  std::optional<Run> run = context.current_run(run_id);
  if (!run) throw missing_run(run_id);
  return *run;
}

ApiResponse submit(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  std::string token = params.value("idempotency_token", "");
  if (!token.empty()) {
    if (auto existing = context.store.run_for_idempotency_token(token)) {
      return json_response({{"run_id", *existing}});
    }
  }
  if (!params.contains("tasks") || !params["tasks"].is_array() || params["tasks"].empty()) {
    throw invalid_parameter("At least one task must be specified.");
  }
  RunRequest run_request;
  run_request.run_type = "SUBMIT_RUN";
  run_request.creator = context.user_name;
  run_request.settings = {{"run_name", params.value("run_name", "Untitled")},
                          {"tasks", params["tasks"]}};
  Run run = context.engine.create(run_request);
  context.store.save_run(run);
  if (!token.empty()) context.store.remember_idempotency_token(token, run.run_id);
  return json_response({{"run_id", run.run_id}});
}

// Empties the answer cache when any run may have changed since it was filled.
void sync_answer_cache(ApiContext& context) {
  std::int64_t stamp = context.store.runs_version();
  if (stamp == context.run_answers_version) return;
  context.run_answers.clear();
  context.run_answers_version = stamp;
}

ApiResponse get_run(ApiContext& context, const ApiRequest& request, const std::string& version,
                    std::size_t page) {
  const json& params = request.params();
  std::int64_t run_id = require_int(params, "run_id");
  std::size_t offset = offset_from_page_token(params);
  std::string key = version + " " + std::to_string(run_id) + " " + std::to_string(offset);
  sync_answer_cache(context);
  ApiResponse response;
  auto hit = context.run_answers.find(key);
  if (hit != context.run_answers.end() && context.clock.now_ms() < hit->second.valid_until_ms) {
    response.body = hit->second.body;
    return response;
  }
  std::optional<Run> found = context.current_run(run_id);
  if (!found) {
    // The id of a task run answers with that task run, as the SDK's getRun relies on.
    std::optional<std::int64_t> parent = context.store.run_of_task_run(run_id);
    if (!parent) throw missing_run(run_id);
    found = context.current_run(*parent);
    std::optional<json> task =
        found ? task_run_to_api(*found, run_id, context.base_url) : std::nullopt;
    if (!task) throw missing_run(run_id);
    response.body = task->dump();
  } else {
    response.body = to_api(*found, context.base_url, offset, page).dump();
  }
  Run& run = *found;
  // Loading may have advanced and saved the run, moving the version: sync again first.
  sync_answer_cache(context);
  if (context.run_answers.size() >= k_max_cached_answers) context.run_answers.clear();
  context.run_answers[key] = {response.body, context.engine.next_change_ms(run)};
  return response;
}

// The task (current attempt, retry or iteration) whose attempts include `task_run_id`.
const TaskRun* owner_of(const Run& run, std::int64_t task_run_id) {
  auto owns = [task_run_id](const TaskRun& task) {
    return task.run_id == task_run_id ||
           std::any_of(task.attempts.begin(), task.attempts.end(),
                       [&](const Attempt& a) { return a.run_id == task_run_id; });
  };
  for (const TaskRun& task : run.tasks) {
    if (owns(task)) return &task;
    for (const TaskRun& iteration : task.iterations) {
      if (owns(iteration)) return &iteration;
    }
  }
  return nullptr;
}

ApiResponse get_output(ApiContext& context, const ApiRequest& request) {
  std::int64_t run_id = require_int(request.params(), "run_id");
  std::optional<std::int64_t> parent = context.store.run_of_task_run(run_id);
  if (!parent) {
    if (context.store.run(run_id)) {
      throw invalid_parameter(
          "Retrieving the output of runs with multiple tasks is not supported. Please retrieve "
          "the output of each individual task run instead.");
    }
    throw missing_run(run_id);
  }
  Run run = load_run(context, *parent);
  std::optional<json> metadata = task_run_to_api(run, run_id, context.base_url);
  const TaskRun* task = owner_of(run, run_id);
  // A repair replaces a task's run id; the replaced attempt's output is no longer kept.
  if (!metadata || !task) throw missing_run(run_id);
  metadata->erase("tasks");
  metadata->erase("iterations");
  metadata->erase("parent_run_id");
  json out = {{"metadata", *metadata}};
  for (const std::vector<Attempt>* attempts : {&task->attempts, &task->earlier}) {
    for (const Attempt& a : *attempts) {
      if (a.run_id == run_id && a.child_run_id != 0)
        out["run_job_output"] = {{"run_id", a.child_run_id}};
    }
  }
  const json& state = (*metadata)["state"];
  std::string result = state.value("result_state", "");
  if (result == "SUCCESS" && task->spec.contains("notebook_task")) {
    out["notebook_output"] = {{"result", task->exit_value}, {"truncated", false}};
  } else if (result == "SUCCESS") {
    out["notebook_output"] = {{"result", ""}, {"truncated", false}};
  } else if (!result.empty() && result != "EXCLUDED" && result != "DISABLED") {
    out["error"] = state.value("state_message", "");
  }
  return json_response(out);
}

ApiResponse list_runs(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  RunFilter filter;
  filter.job_id = optional_int(params, "job_id");
  filter.active_only = optional_bool(params, "active_only", false);
  filter.completed_only = optional_bool(params, "completed_only", false);
  filter.run_type = params.value("run_type", "");
  filter.start_time_from = optional_int(params, "start_time_from");
  filter.start_time_to = optional_int(params, "start_time_to");
  if (filter.active_only && filter.completed_only) {
    throw invalid_parameter("active_only and completed_only cannot both be true.");
  }
  std::int64_t limit = optional_int(params, "limit").value_or(k_default_runs_limit);
  if (limit < 0 || limit > k_max_runs_limit) {
    throw invalid_parameter("The limit must be between 0 and 25");
  }
  if (limit == 0) limit = k_max_runs_limit;
  filter.offset = params.contains("page_token")
                      ? offset_from_page_token(params)
                      : static_cast<std::size_t>(optional_int(params, "offset").value_or(0));
  filter.limit = static_cast<std::size_t>(limit) + 1;
  bool expand = optional_bool(params, "expand_tasks", false);
  context.advance_active_runs();
  std::vector<Run> runs = context.store.list_runs(filter);
  bool more = runs.size() > static_cast<std::size_t>(limit);
  if (more) runs.pop_back();
  json out = {{"has_more", more}};
  for (const Run& run : runs) {
    json item = to_api(run, context.base_url, 0, run.tasks.size());
    if (!expand) item.erase("tasks");
    item.erase("has_more");
    out["runs"].push_back(std::move(item));
  }
  std::size_t step = static_cast<std::size_t>(limit);
  if (more) out["next_page_token"] = page_token_for(filter.offset + step);
  if (filter.offset > 0) {
    out["prev_page_token"] = page_token_for(filter.offset > step ? filter.offset - step : 0);
  }
  return json_response(out);
}

// A job run's id cancels the run; a task run's id cancels that task run alone.
ApiResponse cancel_run(ApiContext& context, const ApiRequest& request) {
  std::int64_t run_id = require_int(request.params(), "run_id");
  if (std::optional<Run> run = context.current_run(run_id)) {
    if (context.engine.cancel(*run)) {
      context.store.save_run(*run);
      cancel_child_runs(context, *run);
    }
    return json_response(json::object());
  }
  std::optional<std::int64_t> parent = context.store.run_of_task_run(run_id);
  if (!parent) throw missing_run(run_id);
  Run run = load_run(context, *parent);
  if (context.engine.cancel_task(run, run_id)) {
    context.store.save_run(run);
    cancel_child_runs(context, run);
  }
  return json_response(json::object());
}

ApiResponse cancel_all(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  std::optional<std::int64_t> job_id = optional_int(params, "job_id");
  bool all_queued = optional_bool(params, "all_queued_runs", false);
  if (!job_id && !all_queued) {
    throw invalid_parameter("Either job_id or all_queued_runs must be specified.");
  }
  if (job_id && !context.store.job(*job_id)) {
    throw invalid_parameter("Job " + std::to_string(*job_id) + " does not exist.");
  }
  for (std::int64_t run_id : context.store.active_run_ids()) {
    std::optional<Run> run = context.current_run(run_id);
    if (!run || (job_id && run->job_id != *job_id)) continue;
    if (!job_id && run->state.life_cycle != core::LifeCycleState::Queued) continue;
    if (context.engine.cancel(*run)) {
      context.store.save_run(*run);
      cancel_child_runs(context, *run);
    }
  }
  return json_response(json::object());
}

ApiResponse repair(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  Run run = load_run(context, require_int(params, "run_id"));
  std::vector<std::string> keys;
  for (const json& key : params.value("rerun_tasks", json::array())) {
    if (key.is_string()) keys.push_back(key.get<std::string>());
  }
  std::optional<std::int64_t> latest = optional_int(params, "latest_repair_id");
  std::int64_t actual =
      run.repair_history.empty() ? 0 : run.repair_history.back().value("id", std::int64_t{0});
  if (latest && *latest != actual) {
    throw invalid_parameter("The latest repair of run " + std::to_string(run.run_id) + " is " +
                            std::to_string(actual) + ", not " + std::to_string(*latest) + ".");
  }
  if (optional_bool(params, "rerun_all_failed_tasks", false)) {
    for (const TaskRun& task : run.tasks) {
      if (task.state.result && !counts_as_success(*task.state.result) &&
          std::find(keys.begin(), keys.end(), task.task_key) == keys.end()) {
        keys.push_back(task.task_key);
      }
    }
  }
  std::int64_t repair_id =
      context.engine.repair(run, keys, optional_bool(params, "rerun_dependent_tasks", false));
  context.store.save_run(run);
  return json_response({{"repair_id", repair_id}});
}

void add_version(Router& router, ApiContext& context, const std::string& version) {
  const std::string base = "/api/" + version + "/jobs/runs/";
  std::size_t page = version == "2.2" ? k_tasks_per_page_22 : static_cast<std::size_t>(-1) / 2;
  router.add("POST", base + "submit",
             [&context](const ApiRequest& r) { return submit(context, r); });
  router.add("GET", base + "get", [&context, page, version](const ApiRequest& r) {
    return get_run(context, r, version, page);
  });
  router.add("GET", base + "get-output",
             [&context](const ApiRequest& r) { return get_output(context, r); });
  router.add("GET", base + "list",
             [&context](const ApiRequest& r) { return list_runs(context, r); });
  router.add("POST", base + "cancel",
             [&context](const ApiRequest& r) { return cancel_run(context, r); });
  router.add("POST", base + "cancel-all",
             [&context](const ApiRequest& r) { return cancel_all(context, r); });
  router.add("POST", base + "repair",
             [&context](const ApiRequest& r) { return repair(context, r); });
  router.add("POST", base + "delete", [&context](const ApiRequest& r) {
    Run run = load_run(context, require_int(r.params(), "run_id"));
    if (!core::is_final(run.state.life_cycle)) {
      throw invalid_parameter("Run " + std::to_string(run.run_id) +
                              " is still active. Cancel it before deleting it.");
    }
    context.store.delete_run(run.run_id);
    return json_response(json::object());
  });
}

}  // namespace

std::optional<Run> ApiContext::current_run(std::int64_t run_id) {
  std::optional<Run> run = store.run(run_id);
  if (run && run->queued && run->job_id != 0) {
    release_queued_runs(*this, run->job_id);
    run = store.run(run_id);
  }
  if (!run) return run;
  bool changed = engine.advance(*run);
  if (save_started_child_runs(*this, *run) || changed) store.save_run(*run);
  return run;
}

void ApiContext::advance_active_runs() {
  fire_schedules(*this);
  std::set<std::int64_t> released;
  for (std::int64_t run_id : store.active_run_ids()) {
    std::optional<Run> run = store.run(run_id);
    if (!run) continue;
    // Each job's queue is released once, not once per queued run.
    if (run->queued && run->job_id != 0 && released.insert(run->job_id).second) {
      release_queued_runs(*this, run->job_id);
      run = store.run(run_id);
    }
    if (!run) continue;
    bool changed = engine.advance(*run);
    if (save_started_child_runs(*this, *run) || changed) store.save_run(*run);
  }
}

void add_runs_routes(Router& router, ApiContext& context) {
  add_version(router, context, "2.1");
  add_version(router, context, "2.2");
}

}  // namespace bundlectl::emulator
