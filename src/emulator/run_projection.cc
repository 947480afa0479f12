#include "emulator/run_projection.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "emulator/run_rules.h"
#include "emulator/run_timeline.h"

namespace bundlectl::emulator {
namespace {

using core::LifeCycleState;

RunState simple_state(LifeCycleState life, std::string message = "") {
  RunState state;
  state.life_cycle = life;
  state.message = std::move(message);
  return state;
}

RunState ended_state(const Attempt& a) {
  RunState state;
  state.life_cycle = a.executed ? LifeCycleState::Terminated : LifeCycleState::Skipped;
  state.result = a.result;
  state.termination_code = a.code;
  state.message = a.message;
  state.user_cancelled = a.user_cancelled;
  return state;
}

void show(TaskRun& task, const Attempt& a, RunState state, bool started, bool ended) {
  task.run_id = a.run_id;
  task.attempt_number = a.attempt_number;
  task.state = std::move(state);
  task.start_time = started ? a.start_time : 0;
  task.end_time = ended ? a.end_time : 0;
}

// `waiting`: the run has not started its tasks yet (queued or pending).
void project_task(TaskRun& task, std::int64_t now, bool waiting, LifeCycleState waiting_state) {
  task.shown_attempts = 0;
  for (TaskRun& iteration : task.iterations) project_task(iteration, now, waiting, waiting_state);
  if (waiting || !task.planned || task.attempts.empty()) {
    task.state = simple_state(waiting ? waiting_state : LifeCycleState::Blocked);
    task.start_time = task.end_time = 0;
    return;
  }
  if (now < task.ready_time) {
    task.state =
        simple_state(task.depends_on.empty() ? LifeCycleState::Pending : LifeCycleState::Blocked);
    task.run_id = task.attempts.front().run_id;
    task.attempt_number = task.attempts.front().attempt_number;
    task.start_time = task.end_time = 0;
    return;
  }
  std::size_t k = 0;
  while (k + 1 < task.attempts.size() && task.attempts[k + 1].start_time <= now) ++k;
  const Attempt& a = task.attempts[k];
  task.shown_attempts = k;
  if (!a.executed) {
    show(task, a, ended_state(a), true, true);
  } else if (now < a.start_time) {
    show(task, a, simple_state(LifeCycleState::Pending), false, false);
  } else if (now < a.end_time) {
    show(task, a, simple_state(LifeCycleState::Running, "In run"), true, false);
  } else if (k + 1 == task.attempts.size()) {
    show(task, a, ended_state(a), true, true);
  } else {
    task.shown_attempts = k + 1;
    show(task, task.attempts[k + 1], simple_state(LifeCycleState::WaitingForRetry, a.message),
         false, false);
  }
}

bool all_ended_by(const Run& run, std::int64_t now) {
  std::int64_t end = planned_end(run);
  return end > 0 && now >= end;
}

void project_run_state(Run& run, std::int64_t now) {
  bool forced_now = run.forced_result && all_ended_by(run, now);
  if (!forced_now && run.queued) {
    run.state = simple_state(LifeCycleState::Queued,
                             "Queued: the job's maximum concurrent runs are active.");
    return;
  }
  if (!forced_now && now < run.running_since) {
    run.state = simple_state(LifeCycleState::Pending, "Waiting for the cluster.");
    return;
  }
  if (!all_ended_by(run, now)) {
    run.state = simple_state(LifeCycleState::Running, "In run");
    return;
  }
  if (now < run_end(run)) {  // every task has ended; the run is cleaning up
    run.state = simple_state(LifeCycleState::Terminating, "Cleaning up the run.");
    return;
  }
  std::vector<EndedTask> ended;
  for (const TaskRun& task : run.tasks) {
    bool leaf = std::none_of(run.tasks.begin(), run.tasks.end(), [&](const TaskRun& other) {
      return std::find(other.depends_on.begin(), other.depends_on.end(), task.task_key) !=
             other.depends_on.end();
    });
    ended.push_back({task.final_result(), leaf});
  }
  run.state = simple_state(LifeCycleState::Terminated, run.forced_message);
  run.state.result = run.forced_result ? *run.forced_result : run_result(ended);
  run.state.termination_code = run.forced_code;
  if (run.forced_code == core::TerminationCode::InternalError) {
    run.state.life_cycle = LifeCycleState::InternalError;
  }
  run.state.user_cancelled = run.forced_result.has_value();
  if (run.state.result == core::ResultState::Failed && run.state.message.empty()) {
    run.state.message = "Task failed.";
  }
  run.end_time = run_end(run);
  if (!run.repair_history.empty()) run.repair_history.back()["end_time"] = run.end_time;
}

auto signature(const TaskRun& task) {
  return std::make_tuple(task.run_id, task.state.life_cycle, task.state.result, task.start_time,
                         task.end_time, task.shown_attempts);
}

void collect_times(const TaskRun& task, std::vector<std::int64_t>& times) {
  times.push_back(task.ready_time);
  for (const Attempt& a : task.attempts) {
    times.push_back(a.start_time);
    times.push_back(a.end_time);
  }
  for (const TaskRun& iteration : task.iterations) collect_times(iteration, times);
}

}  // namespace

bool project_run(Run& run, std::int64_t now_ms) {
  auto before_run = std::make_tuple(run.state.life_cycle, run.state.result, run.end_time);
  std::vector<decltype(signature(TaskRun{}))> before;
  for (const TaskRun& task : run.tasks) {
    before.push_back(signature(task));
    for (const TaskRun& iteration : task.iterations) before.push_back(signature(iteration));
  }
  run.shown_at_ms = now_ms;
  project_run_state(run, now_ms);
  bool waiting = run.state.life_cycle == LifeCycleState::Queued ||
                 run.state.life_cycle == LifeCycleState::Pending;
  for (TaskRun& task : run.tasks) project_task(task, now_ms, waiting, run.state.life_cycle);
  bool changed =
      before_run != std::make_tuple(run.state.life_cycle, run.state.result, run.end_time);
  std::size_t i = 0;
  for (const TaskRun& task : run.tasks) {
    changed = changed || i >= before.size() || before[i] != signature(task);
    ++i;
    for (const TaskRun& iteration : task.iterations) {
      changed = changed || i >= before.size() || before[i] != signature(iteration);
      ++i;
    }
  }
  return changed || i != before.size();
}

std::int64_t next_event_after(const Run& run, std::int64_t now_ms) {
  std::vector<std::int64_t> times{run.running_since, run_end(run)};
  for (const TaskRun& task : run.tasks) collect_times(task, times);
  std::int64_t next = std::numeric_limits<std::int64_t>::max();
  for (std::int64_t t : times) {
    if (t > now_ms) next = std::min(next, t);
  }
  return next;
}

}  // namespace bundlectl::emulator
