// Plans a run's timeline: when each task becomes ready, whether it runs (run_if, condition
// branches, disabled), and every attempt with its start, end and result (scenario outcomes,
// retries, task timeouts, for_each iterations under their concurrency). Planning is a pure
// function of the run, its scenario scripts and the start time; RunEngine projects the plan
// onto the clock.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "emulator/clock.h"
#include "emulator/run.h"
#include "emulator/scenario.h"

namespace bundlectl::emulator {

// The run of another job that a run_job_task attempt starts, planned to its end.
struct ChildRun {
  std::int64_t run_id = 0;
  std::int64_t end_ms = 0;
  core::ResultState result = core::ResultState::Success;
  std::string message;      // why it did not succeed
  nlohmann::json document;  // the planned run, saved as a run of its own when it starts
};

// Plans the run that a run_job_task (`run_job_task`, its job_parameters resolved) starts at
// `start_ms` from the task run `task_run_id`; nullopt with `problem` set when it cannot
// start (no such job). RunEngine provides it; without one, run_job_task runs like any task.
using ChildRunPlanner = std::function<std::optional<ChildRun>(
    const nlohmann::json& run_job_task, std::int64_t task_run_id, std::int64_t start_ms,
    std::string& problem)>;

// The pipeline update that a pipeline_task attempt starts, planned to its end.
struct PlannedUpdate {
  std::string pipeline_id;
  std::string update_id;
  std::int64_t end_ms = 0;
  bool failed = false;
  nlohmann::json document;  // the update, saved into the pipeline when it starts
};

// Plans the update a pipeline_task (`pipeline_task`) starts at `start_ms`; the attempt's
// `script` says whether it fails. Nullopt with `problem` set when it cannot start.
using PipelineUpdatePlanner = std::function<std::optional<PlannedUpdate>(
    const nlohmann::json& pipeline_task, std::int64_t start_ms, const AttemptScript& script,
    std::string& problem)>;

// What tasks start outside their run; RunEngine provides them. Without them, run_job_task and
// pipeline_task run like any task.
struct ChildPlanners {
  ChildRunPlanner run_job;
  PipelineUpdatePlanner pipeline_update;
};

// Plans every task of `run` that is not planned yet, in dependency order; a task becomes
// ready no earlier than `from_ms`. `default_task_ms` is the duration of an unscripted attempt.
void plan_run(Run& run, std::int64_t from_ms, std::int64_t default_task_ms, IdGenerator& ids,
              const ChildPlanners* children = nullptr);

// How a run is cut short at a moment: by a user's cancel or the job's timeout.
struct Cut {
  std::int64_t at_ms = 0;
  core::ResultState running_result = core::ResultState::Canceled;  // attempts running then
  std::string message;
  std::optional<core::TerminationCode> code;
  bool user_cancelled = false;
};

// Ends the plan at `cut.at_ms`: attempts running then end with the cut's result, and the first
// attempt of each task that would have started later ends CANCELED at that moment instead;
// every later attempt is dropped. Tasks not planned yet are planned as canceled.
void cut_run(Run& run, const Cut& cut, IdGenerator& ids);

// The same for one task (and its for_each iterations).
void cut_task(TaskRun& task, const Cut& cut, IdGenerator& ids);

// The moment the plan ends: the latest end of any task (0 while a task is unplanned).
std::int64_t planned_end(const Run& run);
// The moment the run ends: its plan's end, then TERMINATING for run.terminating_ms.
std::int64_t run_end(const Run& run);

}  // namespace bundlectl::emulator
