#include "emulator/run_engine.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "emulator/api_error.h"
#include "emulator/json_fields.h"
#include "emulator/notifications.h"
#include "emulator/run_projection.h"
#include "emulator/run_rules.h"
#include "emulator/run_timeline.h"

namespace bundlectl::emulator {
namespace {

using core::LifeCycleState;
using core::ResultState;
using nlohmann::json;

std::vector<std::string> dependency_keys(const json& task) {
  std::vector<std::string> keys;
  for (const json& dep : task.value("depends_on", json::array())) {
    if (dep.is_object() && dep.contains("task_key") && dep["task_key"].is_string()) {
      keys.push_back(dep["task_key"].get<std::string>());
    }
  }
  return keys;
}

json job_parameters_for(const json& settings, const json& overrides) {
  json out = json::array();
  for (const json& param : array_field(settings, "parameters")) {
    std::string name = text_field(param, "name");
    std::string fallback = param.contains("default") && param["default"].is_string()
                               ? param["default"].get<std::string>()
                               : std::string();
    std::string value = overrides.contains(name) && overrides[name].is_string()
                            ? overrides[name].get<std::string>()
                            : fallback;
    out.push_back({{"name", name}, {"default", fallback}, {"value", value}});
  }
  return out;
}

// A script of `scenario`, with the scenario's default duration written in when the script
// has none: a run's own scenario brings its default along, which the server's timing does not
// know.
json scripted(const Scenario& scenario, const std::string& key, bool own_default) {
  json script = scenario.script_for(key);
  if (own_default && scenario.default_duration_ms >= 0 && !script.contains("duration_ms")) {
    script["duration_ms"] = scenario.default_duration_ms;
  }
  return script;
}

// The task's scenario script; a for_each task also carries its nested task's script, which
// each iteration starts from.
json script_for(const Scenario& scenario, const json& spec, const std::string& key,
                bool own_default) {
  json script = scripted(scenario, key, own_default);
  if (spec.contains("for_each_task") && spec["for_each_task"].is_object()) {
    std::string nested =
        text_field(object_field(object_field(spec, "for_each_task"), "task"), "task_key");
    script["iteration_script"] = scripted(scenario, nested, own_default);
  }
  return script;
}

}  // namespace

std::string check_task_graph(const json& tasks) {
  if (!tasks.is_array()) return "Tasks must be an array.";
  std::map<std::string, std::vector<std::string>> graph;
  for (const json& task : tasks) {
    if (!task.is_object() || !task.contains("task_key") || !task["task_key"].is_string() ||
        task["task_key"].get<std::string>().empty()) {
      return "Task key must be specified for every task.";
    }
    std::string key = task["task_key"].get<std::string>();
    if (graph.count(key)) return "Task key " + key + " is not unique.";
    std::string run_if = task.value("run_if", json("")).is_string() ? task.value("run_if", "")
                                                                    : task["run_if"].dump();
    if (!parse_run_if(run_if)) return "Invalid run_if value '" + run_if + "' of task " + key + ".";
    graph[key] = dependency_keys(task);
  }
  for (const auto& [key, deps] : graph) {
    for (const std::string& dep : deps) {
      if (!graph.count(dep)) return "Task " + key + " depends on " + dep + " which does not exist.";
    }
  }
  // Depth-first search with three colours finds a cycle if there is one.
  std::map<std::string, int> colour;
  std::function<bool(const std::string&)> cyclic = [&](const std::string& key) {
    colour[key] = 1;
    for (const std::string& dep : graph[key]) {
      if (colour[dep] == 1 || (colour[dep] == 0 && cyclic(dep))) return true;
    }
    colour[key] = 2;
    return false;
  };
  for (const auto& entry : graph) {
    if (colour[entry.first] == 0 && cyclic(entry.first)) return "Job graph has a cycle.";
  }
  return "";
}

RunTiming run_timing_for(std::int64_t pending_ms, std::int64_t task_ms,
                         const std::string& scenario_file) {
  RunTiming timing;
  timing.pending_ms = pending_ms;
  timing.task_ms = task_ms;
  if (!scenario_file.empty()) {
    timing.scenario = load_scenario(scenario_file);
    if (timing.scenario.default_duration_ms >= 0)
      timing.task_ms = timing.scenario.default_duration_ms;
  }
  return timing;
}

Run RunEngine::create(const RunRequest& request) {
  const json tasks = array_field(request.settings, "tasks");
  if (std::string problem = check_task_graph(tasks); !problem.empty()) {
    throw invalid_parameter(problem);
  }
  std::set<std::string> only(request.only.begin(), request.only.end());
  Run run;
  run.run_id = m_ids.next_id();
  run.job_id = request.job_id;
  run.number_in_job = request.number_in_job;
  run.run_type = request.run_type;
  run.trigger = request.trigger;
  run.creator = request.creator;
  run.run_name =
      text_field(request.settings, "name", text_field(request.settings, "run_name", "Untitled"));
  run.start_time = request.at_ms >= 0 ? request.at_ms : m_clock.now_ms();
  run.queued_until = run.start_time;
  run.running_since = run.start_time + m_timing.pending_ms;
  run.timeout_seconds = int_field(request.settings, "timeout_seconds", 0, 0, k_max_seconds);
  const Scenario& scenario = request.scenario ? *request.scenario : m_timing.scenario;
  run.terminating_ms = scenario.terminating_ms;
  run.job_parameters = job_parameters_for(request.settings, request.job_parameters);
  run.notifications = notification_settings_of(request.settings);
  for (const json& spec : tasks) {
    std::string key = spec["task_key"].get<std::string>();
    if (!only.empty() && !only.count(key)) continue;
    TaskRun task;
    task.run_id = m_ids.next_id();
    task.task_key = key;
    for (const std::string& dep : dependency_keys(spec)) {
      if (only.empty() || only.count(dep)) task.depends_on.push_back(dep);
    }
    task.spec = spec;
    task.script = script_for(scenario, spec, key, request.scenario != nullptr);
    task.duration_ms = m_timing.task_ms;
    run.tasks.push_back(std::move(task));
  }
  if (!only.empty() && run.tasks.size() != only.size()) {
    throw invalid_parameter("Some task keys in 'only' do not exist in the job.");
  }
  run.repair_history.push_back(
      {{"type", "ORIGINAL"}, {"start_time", run.start_time}, {"task_run_ids", json::array()}});
  for (const TaskRun& task : run.tasks)
    run.repair_history[0]["task_run_ids"].push_back(task.run_id);
  if (request.admission == Admission::Queue) {
    run.queued = true;
  } else if (request.admission == Admission::Skip) {
    run.running_since = run.start_time;
    Cut skipped{run.start_time, ResultState::MaximumConcurrentRunsReached,
                "Skipping this run because the limit of maximum concurrent runs has been "
                "reached.",
                core::TerminationCode::MaxConcurrentRunsExceeded, false};
    cut_run(run, skipped, m_ids);
    run.forced_result = ResultState::MaximumConcurrentRunsReached;
    run.forced_code = skipped.code;
    run.forced_message = skipped.message;
  } else {
    plan(run, run.running_since);
  }
  project_run(run, run.start_time);
  if (request.admission == Admission::Skip) run.state.life_cycle = LifeCycleState::Skipped;
  return run;
}

void RunEngine::plan_tasks(Run& run, std::int64_t from_ms) {
  ChildPlanners children;
  if (m_jobs.find_job)
    children.run_job = [this](const json& run_job_task, std::int64_t task_run_id,
                              std::int64_t start_ms, std::string& problem) {
      return plan_child_run(run_job_task, task_run_id, start_ms, problem);
    };
  if (m_jobs.find_pipeline)
    children.pipeline_update = [this](const json& pipeline_task, std::int64_t start_ms,
                                      const AttemptScript& script, std::string& problem) {
      return plan_pipeline_update(pipeline_task, start_ms, script, problem);
    };
  plan_run(run, from_ms, m_timing.task_ms, m_ids, &children);
  end_at_internal_error(run);
}

void RunEngine::end_at_internal_error(Run& run) {
  const Attempt* first = nullptr;
  auto consider = [&first](const TaskRun& task) {
    for (const Attempt& a : task.attempts) {
      if (a.code == core::TerminationCode::InternalError &&
          (!first || a.end_time < first->end_time))
        first = &a;
    }
  };
  for (const TaskRun& task : run.tasks) {
    consider(task);
    for (const TaskRun& iteration : task.iterations) consider(iteration);
  }
  if (!first) return;
  Cut error{first->end_time, ResultState::Canceled, first->message,
            core::TerminationCode::InternalError, false};
  cut_run(run, error, m_ids);
  run.forced_result = ResultState::Failed;
  run.forced_code = error.code;
  run.forced_message = error.message;
}

void RunEngine::plan(Run& run, std::int64_t from_ms) {
  plan_tasks(run, from_ms);
  if (run.timeout_seconds <= 0) return;
  std::int64_t deadline = run.running_since + run.timeout_seconds * 1000;
  if (planned_end(run) <= deadline) return;
  Cut timeout{deadline, ResultState::Timedout,
              "Job run timed out after " + std::to_string(run.timeout_seconds) + " seconds.",
              core::TerminationCode::Timeout, true};
  cut_run(run, timeout, m_ids);
  run.forced_result = ResultState::Timedout;
  run.forced_code = timeout.code;
  run.forced_message = timeout.message;
}

void RunEngine::dequeue(Run& run, std::int64_t at_ms) {
  if (!run.queued) return;
  run.queued = false;
  run.queued_until = at_ms;
  run.running_since = at_ms + m_timing.pending_ms;
  plan(run, run.running_since);
}

bool RunEngine::advance(Run& run) {
  if (core::is_final(run.state.life_cycle)) return false;
  return project_run(run, m_clock.now_ms());
}

std::int64_t RunEngine::next_change_ms(const Run& run) const {
  if (core::is_final(run.state.life_cycle)) return std::numeric_limits<std::int64_t>::max();
  // From the moment the run shows, not from a new reading of the clock: on a loaded machine
  // the clock moves on between the projection and this call, and an event that happened in
  // between (the run's end, say) would be skipped, keeping an answer from before it forever.
  if (run.queued) return run.shown_at_ms;
  return next_event_after(run, run.shown_at_ms);
}

bool RunEngine::cancel(Run& run) {
  advance(run);
  return cancel_at(run, m_clock.now_ms());
}

bool RunEngine::cancel_at(Run& run, std::int64_t now) {
  if (core::is_final(run.state.life_cycle)) return false;
  project_run(run, now);
  if (core::is_final(run.state.life_cycle)) return false;
  Cut cancel{now, ResultState::Canceled, "Run cancelled.", core::TerminationCode::UserCanceled,
             true};
  run.queued = false;
  run.running_since = std::min(run.running_since, now);
  run.queued_until = std::min(run.queued_until, now);
  cut_run(run, cancel, m_ids);
  run.forced_result = ResultState::Canceled;
  run.forced_code = cancel.code;
  run.forced_message = cancel.message;
  project_run(run, now);
  return true;
}

bool RunEngine::cancel_task(Run& run, std::int64_t task_run_id) {
  advance(run);
  if (core::is_final(run.state.life_cycle)) return false;
  auto target = std::find_if(run.tasks.begin(), run.tasks.end(),
                             [&](const TaskRun& task) { return task.run_id == task_run_id; });
  if (target == run.tasks.end() || core::is_final(target->state.life_cycle)) return false;
  std::int64_t now = m_clock.now_ms();
  if (run.queued || now < run.running_since) return cancel(run);
  cut_task(*target,
           {now, ResultState::Canceled, "Task run cancelled.", core::TerminationCode::UserCanceled,
            true},
           m_ids);
  // Everything downstream was planned on the task's old ending: plan it again.
  std::set<std::string> downstream{target->task_key};
  for (bool grew = true; grew;) {
    grew = false;
    for (TaskRun& task : run.tasks) {
      if (downstream.count(task.task_key)) continue;
      for (const std::string& dep : task.depends_on) {
        if (downstream.count(dep)) grew = downstream.insert(task.task_key).second || grew;
      }
    }
  }
  for (TaskRun& task : run.tasks) {
    if (task.task_key == target->task_key || !downstream.count(task.task_key)) continue;
    task.planned = false;
    task.attempts.clear();
  }
  plan_tasks(run, now);
  project_run(run, now);
  return true;
}

std::int64_t RunEngine::repair(Run& run, const std::vector<std::string>& task_keys,
                               bool with_dependents) {
  advance(run);
  if (!core::is_final(run.state.life_cycle)) {
    throw invalid_parameter("Run " + std::to_string(run.run_id) +
                            " is still active and cannot be repaired.");
  }
  std::set<std::string> chosen(task_keys.begin(), task_keys.end());
  for (const std::string& key : task_keys) {
    bool known = std::any_of(run.tasks.begin(), run.tasks.end(),
                             [&](const TaskRun& task) { return task.task_key == key; });
    if (!known)
      throw invalid_parameter("Task " + key + " does not exist in run " +
                              std::to_string(run.run_id) + ".");
  }
  for (bool grew = with_dependents; grew;) {
    grew = false;
    for (const TaskRun& task : run.tasks) {
      if (chosen.count(task.task_key)) continue;
      for (const std::string& dep : task.depends_on) {
        if (chosen.count(dep)) grew = chosen.insert(task.task_key).second || grew;
      }
    }
  }
  if (chosen.empty()) throw invalid_parameter("No tasks to repair.");
  std::int64_t now = m_clock.now_ms();
  std::int64_t repair_id = m_ids.next_id();
  json task_run_ids = json::array();
  for (TaskRun& task : run.tasks) {
    if (!chosen.count(task.task_key)) continue;
    int next_attempt = task.attempts.empty() ? 0 : task.attempts.back().attempt_number + 1;
    for (const Attempt& a : task.attempts) {
      if (a.executed) ++task.executions;
      task.earlier.push_back(a);
    }
    task.attempts.clear();
    task.planned = false;
    task.run_id = m_ids.next_id();
    task.attempt_number = next_attempt;
    task_run_ids.push_back(task.run_id);
  }
  run.forced_result.reset();
  run.forced_code.reset();
  run.forced_message.clear();
  run.running_since = now;
  run.end_time = 0;
  run.repair_history.push_back(
      {{"type", "REPAIR"}, {"id", repair_id}, {"start_time", now}, {"task_run_ids", task_run_ids}});
  plan_tasks(run, now);
  project_run(run, now);
  return repair_id;
}

}  // namespace bundlectl::emulator
