#include "emulator/run_timeline.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>

#include "emulator/dynamic_values.h"
#include "emulator/json_fields.h"
#include "emulator/run_rules.h"
#include "emulator/scenario.h"

namespace bundlectl::emulator {
namespace {

using core::ResultState;
using nlohmann::json;

// An unlimited max_retries (-1) still ends: memory and time stay bounded.
constexpr int k_unlimited_retries = 100;
// A for_each task's iterations are bounded too.
constexpr std::size_t k_max_iterations = 5000;

std::string text_of(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
}

// The parameter fields of each task type, resolved for the API's resolved_values.
json resolved_values(const json& spec, const ValueScope& scope) {
  static const std::map<std::string, std::vector<std::string>> k_fields = {
      {"notebook_task", {"base_parameters"}},
      {"spark_python_task", {"parameters"}},
      {"spark_jar_task", {"parameters"}},
      {"python_wheel_task", {"parameters", "named_parameters"}},
      {"sql_task", {"parameters"}},
      {"run_job_task", {"job_parameters"}},
      {"dbt_task", {"commands"}},
      {"condition_task", {"left", "right"}}};
  json out = json::object();
  for (const auto& [type, fields] : k_fields) {
    if (!spec.contains(type) || !spec[type].is_object()) continue;
    for (const std::string& field : fields) {
      if (spec[type].contains(field)) out[type][field] = resolve_all(spec[type][field], scope);
    }
  }
  return out;
}

Attempt single_attempt(const TaskRun& task, std::int64_t start, std::int64_t end,
                       ResultState result, std::string message) {
  Attempt a;
  a.run_id = task.run_id;
  a.attempt_number = task.attempt_number;
  a.start_time = start;
  a.end_time = end;
  a.result = result;
  a.message = std::move(message);
  return a;
}

// Plans the attempts of an ordinary task (or one for_each iteration) from `start`: one per
// scripted outcome, retried while the task's retry settings allow.
void plan_attempts(TaskRun& task, std::int64_t start, std::int64_t default_ms, IdGenerator& ids) {
  const json& spec = task.spec;
  std::int64_t max_retries = int_field(spec, "max_retries", 0, -1, k_unlimited_retries);
  if (max_retries < 0) max_retries = k_unlimited_retries;
  std::int64_t interval = int_field(spec, "min_retry_interval_millis", 0, 0, k_max_ms);
  // A scenario may shorten the wait between attempts, so a test of a job that retries after
  // minutes runs in moments.
  if (task.script.contains("retry_interval_ms")) interval = task.script["retry_interval_ms"];
  bool retry_on_timeout = bool_field(spec, "retry_on_timeout", false);
  std::int64_t timeout_s = int_field(spec, "timeout_seconds", 0, 0, k_max_seconds);
  std::int64_t at = start;
  for (int n = 0;; ++n) {
    AttemptScript script = attempt_script(task.script, task.executions + n, default_ms);
    Attempt a = single_attempt(task, at, at + script.duration_ms, ResultState::Success, "");
    if (n > 0) a.run_id = ids.next_id();
    a.attempt_number = task.attempt_number + n;
    bool hangs = script.outcome == Outcome::Timeout;
    if (timeout_s > 0 && (hangs || script.duration_ms > timeout_s * 1000)) {
      a.end_time = at + timeout_s * 1000;
      a.result = ResultState::Timedout;
      a.message = "Task timed out after " + std::to_string(timeout_s) + " seconds.";
      a.user_cancelled = true;
    } else if (hangs) {
      a.result = ResultState::Timedout;
      a.message = script.message.empty() ? "Task timed out." : script.message;
      a.user_cancelled = true;
    } else if (script.outcome == Outcome::Failure) {
      a.result = ResultState::Failed;
      a.message = script.message.empty() ? "Task failed." : script.message;
    }
    task.attempts.push_back(a);
    bool retry =
        a.result == ResultState::Failed || (a.result == ResultState::Timedout && retry_on_timeout);
    if (!retry || n >= max_retries) break;
    at = a.end_time + interval;
  }
  if (task.final_result() == ResultState::Success) {
    task.values = object_field(task.script, "values");
    task.exit_value = text_field(task.script, "exit_value");
  }
}

void plan_condition(TaskRun& task, std::int64_t start, std::int64_t default_ms,
                    const ValueScope& scope) {
  json condition = object_field(task.spec, "condition_task");
  std::string left = resolve_references(text_of(condition.value("left", json())), scope);
  std::string right = resolve_references(text_of(condition.value("right", json())), scope);
  std::string problem;
  std::optional<bool> outcome =
      evaluate_condition(text_field(condition, "op"), left, right, problem);
  std::int64_t duration = attempt_script(task.script, task.executions, default_ms).duration_ms;
  if (!outcome) {
    task.attempts.push_back(
        single_attempt(task, start, start + duration, ResultState::Failed, problem));
    return;
  }
  task.condition_outcome = *outcome ? "true" : "false";
  task.attempts.push_back(single_attempt(task, start, start + duration, ResultState::Success, ""));
}

void plan_for_each(TaskRun& task, std::int64_t start, std::int64_t default_ms, const Run& run,
                   IdGenerator& ids) {
  json for_each = object_field(task.spec, "for_each_task");
  ValueScope scope{run, &task, nullptr};
  std::string inputs_text = resolve_references(text_of(for_each.value("inputs", json())), scope);
  json inputs = json::parse(inputs_text, nullptr, false);
  if (!inputs.is_array()) {
    task.attempts.push_back(single_attempt(task, start, start, ResultState::Failed,
                                           "Inputs must be a JSON array, got: " + inputs_text));
    return;
  }
  if (inputs.size() > k_max_iterations) {
    task.attempts.push_back(single_attempt(task, start, start, ResultState::Failed,
                                           "Inputs have " + std::to_string(inputs.size()) +
                                               " elements; at most " +
                                               std::to_string(k_max_iterations) + " are allowed."));
    return;
  }
  // More slots than iterations would never be used.
  std::int64_t concurrency =
      int_field(for_each, "concurrency", 1, 1,
                std::max<std::int64_t>(1, static_cast<std::int64_t>(inputs.size())));
  json nested = object_field(for_each, "task");
  // Free iteration slots, by the time each becomes free.
  std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> slots;
  for (std::int64_t i = 0; i < concurrency; ++i) slots.push(start);
  std::int64_t end = start;
  std::size_t failed = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    TaskRun iteration;
    iteration.run_id = ids.next_id();
    iteration.task_key = text_field(nested, "task_key", task.task_key + "_iteration");
    ValueScope inner{run, &iteration, &inputs[i]};
    iteration.spec = resolve_all(nested, inner);
    iteration.resolved = resolved_values(nested, inner);
    iteration.input = text_of(inputs[i]);
    iteration.script = iteration_script(object_field(task.script, "iteration_script"), i);
    iteration.planned = true;
    iteration.ready_time = slots.top();
    slots.pop();
    plan_attempts(iteration, iteration.ready_time, default_ms, ids);
    slots.push(iteration.final_end());
    end = std::max(end, iteration.final_end());
    if (iteration.final_result() != ResultState::Success) ++failed;
    task.iterations.push_back(std::move(iteration));
  }
  std::string message = failed == 0 ? ""
                                    : std::to_string(failed) + " of " +
                                          std::to_string(inputs.size()) + " iterations failed.";
  task.attempts.push_back(single_attempt(
      task, start, end, failed == 0 ? ResultState::Success : ResultState::Failed, message));
}

void skip(TaskRun& task, ResultState result, core::TerminationCode code, std::string message) {
  Attempt a = single_attempt(task, task.ready_time, task.ready_time, result, std::move(message));
  a.executed = false;
  a.code = code;
  task.attempts.push_back(a);
}

std::string skip_message(ResultState result) {
  switch (result) {
    case ResultState::UpstreamFailed: return "Upstream task failed.";
    case ResultState::UpstreamCanceled: return "Upstream task was canceled.";
    default: return "The task was excluded because its run condition was not met.";
  }
}

void plan_task(Run& run, TaskRun& task, std::int64_t from_ms, std::int64_t default_ms,
               IdGenerator& ids) {
  std::vector<Upstream> upstreams;
  task.ready_time = from_ms;
  for (const std::string& key : task.depends_on) {
    auto up = std::find_if(run.tasks.begin(), run.tasks.end(),
                           [&](const TaskRun& t) { return t.task_key == key; });
    task.ready_time = std::max(task.ready_time, up->final_end());
    Upstream upstream{up->final_result(), false};
    for (const json& dep : array_field(task.spec, "depends_on")) {
      if (text_field(dep, "task_key") == key && dep.contains("outcome")) {
        upstream.branch_not_taken = up->condition_outcome != text_of(dep["outcome"]);
      }
    }
    upstreams.push_back(upstream);
  }
  task.planned = true;
  task.attempts.clear();
  task.iterations.clear();
  task.values = json::object();
  task.exit_value.clear();
  task.condition_outcome.clear();
  if (bool_field(task.spec, "disabled", false)) {
    skip(task, ResultState::Disabled, core::TerminationCode::Disabled, "The task is disabled.");
    return;
  }
  if (!upstreams.empty()) {
    RunIf run_if = parse_run_if(text_field(task.spec, "run_if")).value_or(RunIf::AllSuccess);
    if (std::optional<ResultState> result = skip_result(run_if, upstreams)) {
      skip(task, *result, core::TerminationCode::Skipped, skip_message(*result));
      return;
    }
  }
  ValueScope scope{run, &task, nullptr};
  task.resolved = resolved_values(task.spec, scope);
  if (task.spec.contains("condition_task")) {
    plan_condition(task, task.ready_time, default_ms, scope);
  } else if (task.spec.contains("for_each_task")) {
    plan_for_each(task, task.ready_time, default_ms, run, ids);
  } else {
    plan_attempts(task, task.ready_time, default_ms, ids);
  }
}

}  // namespace

void cut_task(TaskRun& task, const Cut& cut, IdGenerator& ids) {
  for (TaskRun& iteration : task.iterations) cut_task(iteration, cut, ids);
  if (!task.planned) task.planned = true;
  // A task that was to become ready later is decided at the cut.
  task.ready_time = std::min(task.ready_time == 0 ? cut.at_ms : task.ready_time, cut.at_ms);
  std::vector<Attempt> kept;
  std::optional<Attempt> first_dropped;
  for (Attempt& a : task.attempts) {
    if (a.start_time >= cut.at_ms) {
      if (!first_dropped) first_dropped = a;
      continue;
    }
    if (a.end_time > cut.at_ms) {
      a.end_time = cut.at_ms;
      a.result = cut.running_result;
      a.message = cut.message;
      a.code = cut.code;
      a.user_cancelled = cut.user_cancelled;
      a.executed = true;
    }
    kept.push_back(a);
  }
  if (first_dropped || task.attempts.empty()) {
    Attempt canceled = first_dropped.value_or(Attempt{});
    if (!first_dropped) canceled.run_id = task.run_id ? task.run_id : ids.next_id();
    canceled.start_time = cut.at_ms;
    canceled.end_time = cut.at_ms;
    canceled.result = ResultState::Canceled;
    canceled.message = cut.message;
    canceled.code = cut.code;
    canceled.user_cancelled = cut.user_cancelled;
    canceled.executed = true;
    kept.push_back(canceled);
  }
  task.attempts = std::move(kept);
}

void plan_run(Run& run, std::int64_t from_ms, std::int64_t default_task_ms, IdGenerator& ids) {
  // Sweep until nothing is left to plan: a task is planned once all its upstreams are (the
  // task graph was checked acyclic when the run was made).
  for (bool moved = true; moved;) {
    moved = false;
    for (TaskRun& task : run.tasks) {
      if (task.planned) continue;
      bool ready =
          std::all_of(task.depends_on.begin(), task.depends_on.end(), [&](const std::string& key) {
            return std::any_of(run.tasks.begin(), run.tasks.end(),
                               [&](const TaskRun& t) { return t.task_key == key && t.planned; });
          });
      if (!ready) continue;
      plan_task(run, task, from_ms, default_task_ms, ids);
      moved = true;
    }
  }
}

void cut_run(Run& run, const Cut& cut, IdGenerator& ids) {
  for (TaskRun& task : run.tasks) cut_task(task, cut, ids);
}

std::int64_t planned_end(const Run& run) {
  std::int64_t end = run.running_since;
  for (const TaskRun& task : run.tasks) {
    if (!task.planned) return 0;
    end = std::max(end, task.final_end());
  }
  return end;
}

}  // namespace bundlectl::emulator
