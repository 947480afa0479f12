#include "emulator/run.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

json state_document(const RunState& state) {
  json doc = {{"life_cycle", std::string(core::to_string(state.life_cycle))},
              {"message", state.message},
              {"user_cancelled", state.user_cancelled}};
  if (state.result) doc["result"] = std::string(core::to_string(*state.result));
  if (state.termination_code) {
    doc["termination_code"] = std::string(core::to_string(*state.termination_code));
  }
  return doc;
}

RunState state_from_document(const json& doc) {
  RunState state;
  state.life_cycle = core::parse_life_cycle_state(doc.value("life_cycle", "PENDING"))
                         .value_or(core::LifeCycleState::InternalError);
  if (doc.contains("result"))
    state.result = core::parse_result_state(doc["result"].get<std::string>());
  if (doc.contains("termination_code")) {
    state.termination_code =
        core::parse_termination_code(doc["termination_code"].get<std::string>());
  }
  state.message = doc.value("message", "");
  state.user_cancelled = doc.value("user_cancelled", false);
  return state;
}

std::string run_page_url(const Run& run, const std::string& base_url, std::int64_t run_id) {
  return base_url + "/?o=0#job/" + std::to_string(run.job_id) + "/run/" + std::to_string(run_id);
}

}  // namespace

json to_document(const Run& run) {
  json tasks = json::array();
  for (const TaskRun& task : run.tasks) {
    tasks.push_back({{"run_id", task.run_id},
                     {"task_key", task.task_key},
                     {"depends_on", task.depends_on},
                     {"spec", task.spec},
                     {"state", state_document(task.state)},
                     {"start_time", task.start_time},
                     {"end_time", task.end_time},
                     {"duration_ms", task.duration_ms},
                     {"attempt_number", task.attempt_number}});
  }
  return {{"run_id", run.run_id},
          {"job_id", run.job_id},
          {"number_in_job", run.number_in_job},
          {"run_name", run.run_name},
          {"run_type", run.run_type},
          {"trigger", run.trigger},
          {"creator", run.creator},
          {"state", state_document(run.state)},
          {"start_time", run.start_time},
          {"running_since", run.running_since},
          {"end_time", run.end_time},
          {"job_parameters", run.job_parameters},
          {"repair_history", run.repair_history},
          {"tasks", tasks}};
}

Run run_from_document(const json& doc) {
  Run run;
  run.run_id = doc.at("run_id").get<std::int64_t>();
  run.job_id = doc.value("job_id", std::int64_t{0});
  run.number_in_job = doc.value("number_in_job", std::int64_t{0});
  run.run_name = doc.value("run_name", "");
  run.run_type = doc.value("run_type", "JOB_RUN");
  run.trigger = doc.value("trigger", "ONE_TIME");
  run.creator = doc.value("creator", "");
  run.state = state_from_document(doc.at("state"));
  run.start_time = doc.value("start_time", std::int64_t{0});
  run.running_since = doc.value("running_since", std::int64_t{0});
  run.end_time = doc.value("end_time", std::int64_t{0});
  run.job_parameters = doc.value("job_parameters", json::array());
  run.repair_history = doc.value("repair_history", json::array());
  for (const json& item : doc.at("tasks")) {
    TaskRun task;
    task.run_id = item.at("run_id").get<std::int64_t>();
    task.task_key = item.at("task_key").get<std::string>();
    task.depends_on = item.value("depends_on", std::vector<std::string>{});
    task.spec = item.value("spec", json::object());
    task.state = state_from_document(item.at("state"));
    task.start_time = item.value("start_time", std::int64_t{0});
    task.end_time = item.value("end_time", std::int64_t{0});
    task.duration_ms = item.value("duration_ms", std::int64_t{0});
    task.attempt_number = item.value("attempt_number", 0);
    run.tasks.push_back(std::move(task));
  }
  return run;
}

json state_to_api(const RunState& state) {
  json out = {{"life_cycle_state", std::string(core::to_string(state.life_cycle))},
              {"state_message", state.message},
              {"user_cancelled_or_timedout", state.user_cancelled}};
  if (state.result) out["result_state"] = std::string(core::to_string(*state.result));
  return out;
}

json status_to_api(const RunState& state) {
  json out = {{"state", std::string(core::to_string(core::status_state_for(state.life_cycle)))}};
  if (core::is_final(state.life_cycle)) {
    core::TerminationCode code =
        state.termination_code.value_or(state.result ? core::termination_code_for(*state.result)
                                                     : core::TerminationCode::InternalError);
    out["termination_details"] = {
        {"code", std::string(core::to_string(code))},
        {"type", std::string(core::to_string(core::termination_type_for(code)))},
        {"message", state.message}};
  }
  return out;
}

json task_to_api(const Run& run, const TaskRun& task, const std::string& base_url) {
  json out = task.spec;
  json depends = json::array();
  for (const std::string& key : task.depends_on) depends.push_back({{"task_key", key}});
  std::int64_t execution = task.end_time > 0 ? task.end_time - task.start_time : 0;
  out["run_id"] = task.run_id;
  out["task_key"] = task.task_key;
  out["depends_on"] = depends;
  out["state"] = state_to_api(task.state);
  out["status"] = status_to_api(task.state);
  out["start_time"] = task.start_time;
  out["end_time"] = task.end_time;
  out["setup_duration"] = 0;
  out["execution_duration"] = execution;
  out["cleanup_duration"] = 0;
  out["run_duration"] = execution;
  out["attempt_number"] = task.attempt_number;
  out["run_page_url"] = run_page_url(run, base_url, task.run_id);
  if (depends.empty()) out.erase("depends_on");
  return out;
}

json to_api(const Run& run, const std::string& base_url, std::size_t first_task,
            std::size_t max_tasks) {
  std::int64_t duration = run.end_time > 0 ? run.end_time - run.start_time : 0;
  json out = {{"run_id", run.run_id},
              {"original_attempt_run_id", run.run_id},
              {"creator_user_name", run.creator},
              {"run_name", run.run_name},
              {"run_type", run.run_type},
              {"trigger", run.trigger},
              {"format", "MULTI_TASK"},
              {"state", state_to_api(run.state)},
              {"status", status_to_api(run.state)},
              {"start_time", run.start_time},
              {"end_time", run.end_time},
              {"setup_duration", 0},
              {"execution_duration", 0},
              {"cleanup_duration", 0},
              {"run_duration", duration},
              {"attempt_number", 0},
              {"run_page_url", run_page_url(run, base_url, run.run_id)},
              {"tasks", json::array()}};
  if (run.run_type == "JOB_RUN") {
    out["job_id"] = run.job_id;
    out["number_in_job"] = run.number_in_job;
    out["job_parameters"] = run.job_parameters;
  }
  if (run.repair_history.size() > 1) out["repair_history"] = run.repair_history;
  std::size_t end = std::min(run.tasks.size(), first_task + max_tasks);
  for (std::size_t i = first_task; i < end; ++i) {
    out["tasks"].push_back(task_to_api(run, run.tasks[i], base_url));
  }
  out["has_more"] = end < run.tasks.size();
  if (end < run.tasks.size()) out["next_page_token"] = std::to_string(end);
  return out;
}

}  // namespace bundlectl::emulator
