#include "emulator/run.h"

#include <algorithm>

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

json attempt_document(const Attempt& a) {
  json doc = {{"run_id", a.run_id},         {"attempt_number", a.attempt_number},
              {"start_time", a.start_time}, {"end_time", a.end_time},
              {"message", a.message},       {"result", std::string(core::to_string(a.result))},
              {"executed", a.executed},     {"user_cancelled", a.user_cancelled}};
  if (a.code) doc["code"] = std::string(core::to_string(*a.code));
  if (a.child_run_id != 0) doc["child_run_id"] = a.child_run_id;
  if (!a.child_update_id.empty()) {
    doc["child_pipeline_id"] = a.child_pipeline_id;
    doc["child_update_id"] = a.child_update_id;
  }
  if (!a.child.is_null()) doc["child"] = a.child;
  return doc;
}

Attempt attempt_from_document(const json& doc) {
  Attempt a;
  a.run_id = doc.value("run_id", std::int64_t{0});
  a.attempt_number = doc.value("attempt_number", 0);
  a.start_time = doc.value("start_time", std::int64_t{0});
  a.end_time = doc.value("end_time", std::int64_t{0});
  a.message = doc.value("message", "");
  a.result =
      core::parse_result_state(doc.value("result", "SUCCESS")).value_or(core::ResultState::Failed);
  if (doc.contains("code")) a.code = core::parse_termination_code(doc["code"].get<std::string>());
  a.executed = doc.value("executed", true);
  a.user_cancelled = doc.value("user_cancelled", false);
  a.child_run_id = doc.value("child_run_id", std::int64_t{0});
  a.child_pipeline_id = doc.value("child_pipeline_id", "");
  a.child_update_id = doc.value("child_update_id", "");
  if (doc.contains("child")) a.child = doc["child"];
  return a;
}

json attempts_document(const std::vector<Attempt>& attempts) {
  json out = json::array();
  for (const Attempt& a : attempts) out.push_back(attempt_document(a));
  return out;
}

std::vector<Attempt> attempts_from_document(const json& doc) {
  std::vector<Attempt> out;
  for (const json& item : doc) out.push_back(attempt_from_document(item));
  return out;
}

json task_document(const TaskRun& task) {
  json iterations = json::array();
  for (const TaskRun& iteration : task.iterations) iterations.push_back(task_document(iteration));
  return {{"run_id", task.run_id},
          {"task_key", task.task_key},
          {"depends_on", task.depends_on},
          {"spec", task.spec},
          {"script", task.script},
          {"state", state_document(task.state)},
          {"start_time", task.start_time},
          {"end_time", task.end_time},
          {"duration_ms", task.duration_ms},
          {"attempt_number", task.attempt_number},
          {"shown_attempts", task.shown_attempts},
          {"planned", task.planned},
          {"ready_time", task.ready_time},
          {"attempts", attempts_document(task.attempts)},
          {"executions", task.executions},
          {"resolved", task.resolved},
          {"condition_outcome", task.condition_outcome},
          {"values", task.values},
          {"exit_value", task.exit_value},
          {"input", task.input},
          {"iterations", iterations},
          {"earlier", attempts_document(task.earlier)}};
}

TaskRun task_from_document(const json& item) {
  TaskRun task;
  task.run_id = item.at("run_id").get<std::int64_t>();
  task.task_key = item.at("task_key").get<std::string>();
  task.depends_on = item.value("depends_on", std::vector<std::string>{});
  task.spec = item.value("spec", json::object());
  task.script = item.value("script", json::object());
  task.state = state_from_document(item.at("state"));
  task.start_time = item.value("start_time", std::int64_t{0});
  task.end_time = item.value("end_time", std::int64_t{0});
  task.duration_ms = item.value("duration_ms", std::int64_t{0});
  task.attempt_number = item.value("attempt_number", 0);
  task.shown_attempts = item.value("shown_attempts", std::size_t{0});
  task.planned = item.value("planned", false);
  task.ready_time = item.value("ready_time", std::int64_t{0});
  task.attempts = attempts_from_document(item.value("attempts", json::array()));
  task.executions = item.value("executions", 0);
  task.resolved = item.value("resolved", json::object());
  task.condition_outcome = item.value("condition_outcome", "");
  task.values = item.value("values", json::object());
  task.exit_value = item.value("exit_value", "");
  task.input = item.value("input", "");
  for (const json& iteration : item.value("iterations", json::array())) {
    task.iterations.push_back(task_from_document(iteration));
  }
  task.earlier = attempts_from_document(item.value("earlier", json::array()));
  return task;
}

}  // namespace

json to_document(const Run& run) {
  json tasks = json::array();
  for (const TaskRun& task : run.tasks) tasks.push_back(task_document(task));
  json doc = {{"run_id", run.run_id},
              {"job_id", run.job_id},
              {"number_in_job", run.number_in_job},
              {"run_name", run.run_name},
              {"run_type", run.run_type},
              {"trigger", run.trigger},
              {"creator", run.creator},
              {"state", state_document(run.state)},
              {"start_time", run.start_time},
              {"queued_until", run.queued_until},
              {"running_since", run.running_since},
              {"end_time", run.end_time},
              {"timeout_seconds", run.timeout_seconds},
              {"queued", run.queued},
              {"forced_message", run.forced_message},
              {"job_parameters", run.job_parameters},
              {"repair_history", run.repair_history},
              {"tasks", tasks}};
  if (run.forced_result) doc["forced_result"] = std::string(core::to_string(*run.forced_result));
  if (run.forced_code) doc["forced_code"] = std::string(core::to_string(*run.forced_code));
  if (run.parent_task_run_id != 0) doc["parent_task_run_id"] = run.parent_task_run_id;
  if (run.terminating_ms != 0) doc["terminating_ms"] = run.terminating_ms;
  if (!run.notifications.empty()) doc["notifications"] = run.notifications;
  return doc;
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
  run.queued_until = doc.value("queued_until", run.start_time);
  run.running_since = doc.value("running_since", std::int64_t{0});
  run.end_time = doc.value("end_time", std::int64_t{0});
  run.timeout_seconds = doc.value("timeout_seconds", std::int64_t{0});
  run.queued = doc.value("queued", false);
  if (doc.contains("forced_result"))
    run.forced_result = core::parse_result_state(doc["forced_result"].get<std::string>());
  if (doc.contains("forced_code"))
    run.forced_code = core::parse_termination_code(doc["forced_code"].get<std::string>());
  run.forced_message = doc.value("forced_message", "");
  run.job_parameters = doc.value("job_parameters", json::array());
  run.repair_history = doc.value("repair_history", json::array());
  run.parent_task_run_id = doc.value("parent_task_run_id", std::int64_t{0});
  run.terminating_ms = doc.value("terminating_ms", std::int64_t{0});
  run.notifications = doc.value("notifications", json::object());
  for (const json& item : doc.at("tasks")) run.tasks.push_back(task_from_document(item));
  return run;
}

std::vector<std::int64_t> all_task_run_ids(const Run& run) {
  std::vector<std::int64_t> ids;
  auto add_task = [&ids](const TaskRun& task) {
    ids.push_back(task.run_id);
    for (const Attempt& a : task.attempts) ids.push_back(a.run_id);
    for (const Attempt& a : task.earlier) ids.push_back(a.run_id);
  };
  for (const TaskRun& task : run.tasks) {
    add_task(task);
    for (const TaskRun& iteration : task.iterations) add_task(iteration);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace bundlectl::emulator
