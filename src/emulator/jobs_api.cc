// Jobs API (2.1 and 2.2): jobs/create, get, list, reset, update, delete, run-now.
#include <algorithm>

#include "emulator/api_context.h"
#include "emulator/api_error.h"
#include "emulator/run_queue.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// The 2.2 API returns a job's tasks 100 at a time; 2.1 returns them all.
constexpr std::size_t k_tasks_per_page_22 = 100;
constexpr std::int64_t k_max_list_limit = 100;
constexpr std::int64_t k_default_list_limit = 20;

ApiError missing_job(std::int64_t job_id) {
  return invalid_parameter("Job " + std::to_string(job_id) + " does not exist.");
}

json load_job(ApiContext& context, std::int64_t job_id) {
  std::optional<json> job = context.store.job(job_id);
  if (!job) throw missing_job(job_id);
  return *job;
}

json with_defaults(json settings) {
  if (!settings.contains("name")) settings["name"] = "Untitled";
  if (!settings.contains("max_concurrent_runs")) settings["max_concurrent_runs"] = 1;
  if (!settings.contains("timeout_seconds")) settings["timeout_seconds"] = 0;
  if (!settings.contains("email_notifications")) settings["email_notifications"] = json::object();
  settings["format"] = "MULTI_TASK";
  return settings;
}

void check_settings(const json& settings) {
  if (settings.contains("tasks")) {
    if (std::string problem = check_task_graph(settings["tasks"]); !problem.empty()) {
      throw invalid_parameter(problem);
    }
  }
  if (settings.contains("name") && !settings["name"].is_string()) {
    throw invalid_parameter("Invalid value for name: expected a string");
  }
}

// The key field of each array that jobs/update merges entry by entry.
const char* merge_key(const std::string& field) {
  if (field == "tasks") return "task_key";
  if (field == "job_clusters") return "job_cluster_key";
  if (field == "environments") return "environment_key";
  if (field == "parameters") return "name";
  return nullptr;
}

void merge_array(json& existing, const json& incoming, const std::string& key) {
  if (!existing.is_array()) existing = json::array();
  for (const json& entry : incoming) {
    auto same = std::find_if(existing.begin(), existing.end(), [&](const json& old) {
      return old.value(key, "") == entry.value(key, "");
    });
    if (same != existing.end())
      *same = entry;
    else
      existing.push_back(entry);
  }
}

void remove_fields(json& settings, const json& fields) {
  for (const json& field : fields) {
    if (!field.is_string()) continue;
    std::string text = field.get<std::string>();
    std::size_t slash = text.find('/');
    if (slash == std::string::npos) {
      settings.erase(text);
      continue;
    }
    std::string array = text.substr(0, slash);
    const char* key = merge_key(array);
    if (!key || !settings.contains(array)) continue;
    json& entries = settings[array];
    std::string wanted = text.substr(slash + 1);
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const json& e) { return e.value(key, "") == wanted; }),
                  entries.end());
  }
}

json page_of_tasks(json job, std::size_t offset, bool paged) {
  if (!paged || !job["settings"].contains("tasks")) return job;
  json& tasks = job["settings"]["tasks"];
  if (!tasks.is_array() || tasks.size() <= k_tasks_per_page_22) return job;
  json page(tasks.begin() + static_cast<std::ptrdiff_t>(std::min(offset, tasks.size())),
            tasks.begin() +
                static_cast<std::ptrdiff_t>(std::min(offset + k_tasks_per_page_22, tasks.size())));
  bool more = offset + k_tasks_per_page_22 < tasks.size();
  tasks = page;
  job["has_more"] = more;
  if (more) job["next_page_token"] = page_token_for(offset + k_tasks_per_page_22);
  return job;
}

ApiResponse create_job(ApiContext& context, const ApiRequest& request, bool queue_by_default) {
  json settings = request.params();
  // Jobs created through 2.2 queue their runs unless told otherwise; through 2.1 they do not.
  if (queue_by_default && !settings.contains("queue")) settings["queue"] = {{"enabled", true}};
  json acl = settings.value("access_control_list", json::array());
  settings.erase("access_control_list");
  check_settings(settings);
  std::int64_t job_id = context.ids.next_id();
  json job = {{"job_id", job_id},
              {"creator_user_name", context.user_name},
              {"run_as_user_name", context.user_name},
              {"run_as_owner", true},
              {"created_time", context.clock.now_ms()},
              {"settings", with_defaults(settings)}};
  context.store.put_job(job_id, job);
  set_owner_permissions(context, "/jobs/" + std::to_string(job_id), "job", acl);
  return json_response({{"job_id", job_id}});
}

ApiResponse list_jobs(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  std::int64_t limit = optional_int(params, "limit").value_or(k_default_list_limit);
  if (limit < 0 || limit > k_max_list_limit) {
    throw invalid_parameter("The limit must be between 0 and 100");
  }
  if (limit == 0) limit = k_default_list_limit;
  std::size_t offset = params.contains("page_token")
                           ? offset_from_page_token(params)
                           : static_cast<std::size_t>(optional_int(params, "offset").value_or(0));
  bool expand = optional_bool(params, "expand_tasks", false);
  std::string name = params.value("name", "");
  std::vector<json> jobs =
      context.store.list_jobs(name, offset, static_cast<std::size_t>(limit) + 1);
  bool more = jobs.size() > static_cast<std::size_t>(limit);
  if (more) jobs.pop_back();
  json out = {{"has_more", more}};
  for (json& job : jobs) {
    if (!expand) {
      job["settings"].erase("tasks");
      job["settings"].erase("job_clusters");
    }
    out["jobs"].push_back(std::move(job));
  }
  if (more) out["next_page_token"] = page_token_for(offset + static_cast<std::size_t>(limit));
  if (offset > 0) {
    out["prev_page_token"] = page_token_for(
        offset > static_cast<std::size_t>(limit) ? offset - static_cast<std::size_t>(limit) : 0);
  }
  return json_response(out);
}

ApiResponse change_job(ApiContext& context, const ApiRequest& request, bool reset) {
  const json& params = request.params();
  std::int64_t job_id = require_int(params, "job_id");
  json job = load_job(context, job_id);
  json incoming = params.value("new_settings", json::object());
  if (reset && !params.contains("new_settings")) {
    throw invalid_parameter("Missing required field: new_settings");
  }
  if (reset) {
    job["settings"] = with_defaults(incoming);
  } else {
    json& settings = job["settings"];
    for (auto& [field, value] : incoming.items()) {
      const char* key = merge_key(field);
      if (key && value.is_array())
        merge_array(settings[field], value, key);
      else
        settings[field] = value;
    }
    remove_fields(settings, params.value("fields_to_remove", json::array()));
  }
  check_settings(job["settings"]);
  context.store.put_job(job_id, job);
  return json_response(json::object());
}

// run-now's emulator-only field `emulator_scenario` {file, yaml}: a scenario for this run
// alone (`bundlectl run --scenario`). Databricks has no such field; only the emulator reads it.
std::optional<Scenario> run_scenario(const json& params) {
  if (!params.contains("emulator_scenario")) return std::nullopt;
  const json& field = params["emulator_scenario"];
  if (!field.is_object() || !field.contains("yaml") || !field["yaml"].is_string()) {
    throw invalid_parameter("Invalid value for emulator_scenario: expected {file, yaml}");
  }
  try {
    return parse_scenario(field["yaml"].get<std::string>(), field.value("file", "scenario"));
  } catch (const ScenarioError& error) {
    throw invalid_parameter(error.what());
  }
}

ApiResponse run_now(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  std::int64_t job_id = require_int(params, "job_id");
  json job = load_job(context, job_id);
  std::string token = params.value("idempotency_token", "");
  if (!token.empty()) {
    if (auto existing = context.store.run_for_idempotency_token(token)) {
      if (std::optional<Run> run = context.store.run(*existing)) {
        return json_response({{"run_id", run->run_id}, {"number_in_job", run->number_in_job}});
      }
    }
  }
  std::optional<Scenario> scenario = run_scenario(params);
  RunRequest run_request;
  run_request.job_id = job_id;
  run_request.creator = context.user_name;
  if (scenario) run_request.scenario = &*scenario;
  run_request.settings = job["settings"];
  run_request.job_parameters = params.value("job_parameters", json::object());
  if (!run_request.job_parameters.is_object()) {
    throw invalid_parameter("Invalid value for job_parameters: expected a map");
  }
  for (const json& key : params.value("only", json::array())) {
    if (key.is_string()) run_request.only.push_back(key.get<std::string>());
  }
  run_request.admission = admission_for(context, job_id, run_request.settings);
  Run run = context.engine.create(run_request);
  run.number_in_job = context.store.next_run_number(job_id);
  context.store.save_run(run);
  if (!token.empty()) context.store.remember_idempotency_token(token, run.run_id);
  return json_response({{"run_id", run.run_id}, {"number_in_job", run.number_in_job}});
}

void add_version(Router& router, ApiContext& context, const std::string& version) {
  const std::string base = "/api/" + version + "/jobs/";
  bool paged = version == "2.2";  // 2.2 pages tasks and queues runs by default
  router.add("POST", base + "create",
             [&context, paged](const ApiRequest& r) { return create_job(context, r, paged); });
  router.add("GET", base + "get", [&context, paged](const ApiRequest& r) {
    const json& params = r.params();
    json job = load_job(context, require_int(params, "job_id"));
    return json_response(page_of_tasks(std::move(job), offset_from_page_token(params), paged));
  });
  router.add("GET", base + "list",
             [&context](const ApiRequest& r) { return list_jobs(context, r); });
  router.add("POST", base + "reset",
             [&context](const ApiRequest& r) { return change_job(context, r, true); });
  router.add("POST", base + "update",
             [&context](const ApiRequest& r) { return change_job(context, r, false); });
  router.add("POST", base + "delete", [&context](const ApiRequest& r) {
    std::int64_t job_id = require_int(r.params(), "job_id");
    if (!context.store.delete_job(job_id)) throw missing_job(job_id);
    return json_response(json::object());
  });
  router.add("POST", base + "run-now",
             [&context](const ApiRequest& r) { return run_now(context, r); });
}

}  // namespace

void add_jobs_routes(Router& router, ApiContext& context) {
  add_version(router, context, "2.1");
  add_version(router, context, "2.2");
}

}  // namespace bundlectl::emulator
