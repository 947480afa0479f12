#include "emulator/run_engine.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "emulator/api_error.h"

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
  for (const json& param : settings.value("parameters", json::array())) {
    std::string name = param.value("name", "");
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

bool ended(const TaskRun& task) { return core::is_final(task.state.life_cycle); }

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

Run RunEngine::create(const RunRequest& request) {
  const json tasks = request.settings.value("tasks", json::array());
  if (std::string problem = check_task_graph(tasks); !problem.empty()) {
    throw invalid_parameter(problem);
  }
  std::set<std::string> only(request.only.begin(), request.only.end());
  Run run;
  run.run_id = m_ids.next_id();
  run.job_id = request.job_id;
  run.number_in_job = request.number_in_job;
  run.run_type = request.run_type;
  run.creator = request.creator;
  run.run_name = request.settings.value("name", request.settings.value("run_name", "Untitled"));
  run.start_time = m_clock.now_ms();
  run.running_since = run.start_time + m_timing.pending_ms;
  run.job_parameters = job_parameters_for(request.settings, request.job_parameters);
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
    task.spec.erase("depends_on");
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
  return run;
}

bool RunEngine::advance(Run& run) {
  if (core::is_final(run.state.life_cycle)) return false;
  std::int64_t now = m_clock.now_ms();
  bool changed = false;
  if (run.state.life_cycle == LifeCycleState::Pending) {
    if (now < run.running_since) return false;
    run.state.life_cycle = LifeCycleState::Running;
    run.state.message = "In run";
    changed = true;
  }
  changed = advance_tasks(run, now) || changed;
  if (std::all_of(run.tasks.begin(), run.tasks.end(), ended)) {
    finish(run);
    changed = true;
  }
  return changed;
}

bool RunEngine::advance_tasks(Run& run, std::int64_t now) {
  std::map<std::string, const TaskRun*> by_key;
  for (const TaskRun& task : run.tasks) by_key[task.task_key] = &task;
  bool changed = false;
  // Tasks are stored in the order given, not in dependency order, so sweep until nothing
  // moves: each sweep starts every task whose upstreams ended by `now`.
  for (bool moved = true; moved;) {
    moved = false;
    for (TaskRun& task : run.tasks) {
      if (task.state.life_cycle == LifeCycleState::Pending) {
        std::int64_t ready_at = run.running_since;
        bool ready = true;
        for (const std::string& dep : task.depends_on) {
          const TaskRun* upstream = by_key[dep];
          if (!ended(*upstream))
            ready = false;
          else
            ready_at = std::max(ready_at, upstream->end_time);
        }
        if (!ready || now < ready_at) continue;
        task.state.life_cycle = LifeCycleState::Running;
        task.state.message = "In run";
        task.start_time = ready_at;
        moved = true;
      }
      if (task.state.life_cycle == LifeCycleState::Running &&
          now >= task.start_time + task.duration_ms) {
        task.state.life_cycle = LifeCycleState::Terminated;
        task.state.result = ResultState::Success;
        task.state.message = "";
        task.end_time = task.start_time + task.duration_ms;
        moved = true;
      }
    }
    changed = changed || moved;
  }
  return changed;
}

std::int64_t RunEngine::next_change_ms(const Run& run) const {
  if (core::is_final(run.state.life_cycle)) return std::numeric_limits<std::int64_t>::max();
  if (run.state.life_cycle == LifeCycleState::Pending) return run.running_since;
  std::map<std::string, const TaskRun*> by_key;
  for (const TaskRun& task : run.tasks) by_key[task.task_key] = &task;
  std::int64_t next = std::numeric_limits<std::int64_t>::max();
  for (const TaskRun& task : run.tasks) {
    if (task.state.life_cycle == LifeCycleState::Running) {
      next = std::min(next, task.start_time + task.duration_ms);
    } else if (task.state.life_cycle == LifeCycleState::Pending) {
      std::int64_t ready_at = run.running_since;
      bool ready = true;
      for (const std::string& dep : task.depends_on) {
        ready = ready && ended(*by_key[dep]);
        ready_at = std::max(ready_at, by_key[dep]->end_time);
      }
      // A task still waiting on upstreams starts only after one of them ends, which is
      // counted already.
      if (ready) next = std::min(next, ready_at);
    }
  }
  return next;
}

void RunEngine::finish(Run& run) {
  std::int64_t end = run.running_since;
  ResultState result = ResultState::Success;
  for (const TaskRun& task : run.tasks) {
    end = std::max(end, task.end_time);
    if (task.state.result == ResultState::Canceled) result = ResultState::Canceled;
    if (task.state.result == ResultState::Failed && result == ResultState::Success) {
      result = ResultState::Failed;
    }
  }
  run.state.life_cycle = LifeCycleState::Terminated;
  run.state.result = result;
  run.state.message = "";
  run.end_time = end;
  if (!run.repair_history.empty()) {
    run.repair_history.back()["end_time"] = end;
  }
}

bool RunEngine::cancel(Run& run) {
  advance(run);
  if (core::is_final(run.state.life_cycle)) return false;
  std::int64_t now = m_clock.now_ms();
  for (TaskRun& task : run.tasks) {
    if (ended(task)) continue;
    task.state.life_cycle = LifeCycleState::Terminated;
    task.state.result = ResultState::Canceled;
    task.state.termination_code = core::TerminationCode::UserCanceled;
    task.state.user_cancelled = true;
    task.state.message = "Run cancelled.";
    if (task.start_time == 0) task.start_time = now;
    task.end_time = now;
  }
  run.state.life_cycle = LifeCycleState::Terminated;
  run.state.result = ResultState::Canceled;
  run.state.termination_code = core::TerminationCode::UserCanceled;
  run.state.user_cancelled = true;
  run.state.message = "Run cancelled.";
  run.end_time = now;
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
    task.run_id = m_ids.next_id();
    task.state = RunState{};
    task.start_time = 0;
    task.end_time = 0;
    task.attempt_number += 1;
    task_run_ids.push_back(task.run_id);
  }
  run.state = RunState{core::LifeCycleState::Running, std::nullopt, std::nullopt, "In run", false};
  run.running_since = now;
  run.end_time = 0;
  run.repair_history.push_back(
      {{"type", "REPAIR"}, {"id", repair_id}, {"start_time", now}, {"task_run_ids", task_run_ids}});
  return repair_id;
}

}  // namespace bundlectl::emulator
