// The Jobs API's Run object of a stored run: runs/get, runs/list and runs/get-output.
#include <algorithm>

#include "emulator/run.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

std::string run_page_url(const Run& run, const std::string& base_url, std::int64_t run_id) {
  return base_url + "/?o=0#job/" + std::to_string(run.job_id) + "/run/" + std::to_string(run_id);
}

RunState attempt_state(const Attempt& a) {
  RunState state;
  state.life_cycle = a.executed ? core::LifeCycleState::Terminated : core::LifeCycleState::Skipped;
  state.result = a.result;
  state.termination_code = a.code;
  state.message = a.message;
  state.user_cancelled = a.user_cancelled;
  return state;
}

// The API fields every task entry shares, for the attempt shown by `state`.
json task_entry(const Run& run, const TaskRun& task, const std::string& base_url,
                std::int64_t run_id, const RunState& state, std::int64_t start, std::int64_t end,
                int attempt_number) {
  json out = task.spec;
  json depends = json::array();
  for (const std::string& key : task.depends_on) {
    json dep = {{"task_key", key}};
    for (const json& given : task.spec.value("depends_on", json::array())) {
      if (given.value("task_key", "") == key && given.contains("outcome"))
        dep["outcome"] = given["outcome"];
    }
    depends.push_back(dep);
  }
  std::int64_t execution = end > 0 && start > 0 ? end - start : 0;
  out["run_id"] = run_id;
  out["task_key"] = task.task_key;
  out["depends_on"] = depends;
  out["state"] = state_to_api(state);
  out["status"] = status_to_api(state);
  out["start_time"] = start;
  out["end_time"] = end;
  out["setup_duration"] = 0;
  out["execution_duration"] = execution;
  out["cleanup_duration"] = 0;
  out["run_duration"] = execution;
  out["attempt_number"] = attempt_number;
  out["run_page_url"] = run_page_url(run, base_url, run_id);
  if (!task.attempts.empty()) out["original_attempt_run_id"] = task.attempts.front().run_id;
  if (!task.resolved.empty()) out["resolved_values"] = task.resolved;
  if (!task.input.empty()) out["for_each_input"] = task.input;
  if (depends.empty()) out.erase("depends_on");
  return out;
}

json for_each_stats(const TaskRun& task) {
  json stats = {{"total_iterations", task.iterations.size()},
                {"scheduled_iterations", 0},
                {"active_iterations", 0},
                {"completed_iterations", 0},
                {"succeeded_iterations", 0},
                {"failed_iterations", 0}};
  for (const TaskRun& iteration : task.iterations) {
    core::LifeCycleState life = iteration.state.life_cycle;
    if (core::is_final(life)) {
      stats["completed_iterations"] = stats["completed_iterations"].get<int>() + 1;
      bool ok = iteration.state.result == core::ResultState::Success;
      const char* key = ok ? "succeeded_iterations" : "failed_iterations";
      stats[key] = stats[key].get<int>() + 1;
    } else if (life == core::LifeCycleState::Pending) {
      stats["scheduled_iterations"] = stats["scheduled_iterations"].get<int>() + 1;
    } else {
      stats["active_iterations"] = stats["active_iterations"].get<int>() + 1;
    }
  }
  return {{"task_run_stats", stats}};
}

void add_task_entries(json& out, const Run& run, const TaskRun& task, const std::string& base) {
  for (std::size_t i = 0; i < task.shown_attempts && i < task.attempts.size(); ++i) {
    const Attempt& a = task.attempts[i];
    out.push_back(task_entry(run, task, base, a.run_id, attempt_state(a), a.start_time, a.end_time,
                             a.attempt_number));
  }
  json current = task_entry(run, task, base, task.run_id, task.state, task.start_time,
                            task.end_time, task.attempt_number);
  if (!task.condition_outcome.empty() && current.contains("condition_task")) {
    current["condition_task"]["outcome"] = task.condition_outcome;
  }
  if (current.contains("for_each_task")) current["for_each_task"]["stats"] = for_each_stats(task);
  out.push_back(std::move(current));
}

}  // namespace

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
  if (state.life_cycle == core::LifeCycleState::Queued) {
    out["queue_details"] = {{"code", "ACTIVE_RUNS_LIMIT_REACHED"}, {"message", state.message}};
  }
  return out;
}

json task_to_api(const Run& run, const TaskRun& task, const std::string& base_url) {
  json entries = json::array();
  add_task_entries(entries, run, task, base_url);
  return entries.back();
}

json to_api(const Run& run, const std::string& base_url, std::size_t first_task,
            std::size_t max_tasks) {
  bool dequeued = !run.queued && run.state.life_cycle != core::LifeCycleState::Queued;
  std::int64_t end = run.end_time;
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
              {"end_time", end},
              {"queue_duration", dequeued ? run.queued_until - run.start_time : 0},
              {"setup_duration", 0},
              {"execution_duration", 0},
              {"cleanup_duration", 0},
              {"run_duration", end > 0 ? end - run.start_time : 0},
              {"attempt_number", 0},
              {"run_page_url", run_page_url(run, base_url, run.run_id)},
              {"tasks", json::array()}};
  if (run.run_type == "JOB_RUN") {
    out["job_id"] = run.job_id;
    out["number_in_job"] = run.number_in_job;
    out["job_parameters"] = run.job_parameters;
  }
  if (run.parent_task_run_id != 0) out["trigger_info"] = {{"run_id", run.parent_task_run_id}};
  if (run.repair_history.size() > 1) {
    out["repair_history"] = run.repair_history;
    out["latest_repair_id"] = run.repair_history.back().value("id", std::int64_t{0});
  }
  std::size_t last = std::min(run.tasks.size(), first_task + max_tasks);
  for (std::size_t i = first_task; i < last; ++i) {
    add_task_entries(out["tasks"], run, run.tasks[i], base_url);
  }
  out["has_more"] = last < run.tasks.size();
  if (last < run.tasks.size()) out["next_page_token"] = std::to_string(last);
  return out;
}

std::optional<json> task_run_to_api(const Run& run, std::int64_t task_run_id,
                                    const std::string& base_url) {
  for (const TaskRun& task : run.tasks) {
    std::vector<const TaskRun*> candidates{&task};
    for (const TaskRun& iteration : task.iterations) candidates.push_back(&iteration);
    for (const TaskRun* candidate : candidates) {
      json entries = json::array();
      add_task_entries(entries, run, *candidate, base_url);
      for (json& entry : entries) {
        if (entry.value("run_id", std::int64_t{0}) != task_run_id) continue;
        if (run.run_type == "JOB_RUN") entry["job_id"] = run.job_id;
        entry["run_name"] = candidate->task_key;
        entry["run_type"] = run.run_type;
        entry["creator_user_name"] = run.creator;
        entry["trigger"] = run.trigger;
        entry["parent_run_id"] = run.run_id;
        json alone = entry;
        entry["tasks"] = json::array({alone});
        if (candidate == &task && !task.iterations.empty()) {
          entry["iterations"] = json::array();
          for (const TaskRun& iteration : task.iterations) {
            add_task_entries(entry["iterations"], run, iteration, base_url);
          }
        }
        return entry;
      }
    }
    // An attempt a repair replaced is still addressable, as it ended.
    for (const Attempt& a : task.earlier) {
      if (a.run_id != task_run_id) continue;
      json entry = task_entry(run, task, base_url, a.run_id, attempt_state(a), a.start_time,
                              a.end_time, a.attempt_number);
      entry["run_name"] = task.task_key;
      entry["parent_run_id"] = run.run_id;
      return entry;
    }
  }
  return std::nullopt;
}

}  // namespace bundlectl::emulator
