// Creates runs from job settings and moves them through their life cycle.
//
// The engine holds no state of its own: a run's whole progress is a function of the stored
// run and the clock, computed when somebody looks (runs/get, runs/list, /metrics). So runs
// advance at the same pace whether or not a server thread is awake, two emulators on one
// database file agree, a run started by one command is seen progressing by the next, and a
// fake clock makes every step testable.
//
// When a run leaves the queue its whole timeline is planned (run_timeline.h) from the job's
// settings and the scenario's scripts; `advance` projects that plan onto the clock. Cancel and
// the job's timeout cut the plan short; repair plans the chosen tasks again.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/clock.h"
#include "emulator/run.h"
#include "emulator/run_timeline.h"
#include "emulator/scenario.h"

namespace bundlectl::emulator {

struct RunTiming {
  std::int64_t pending_ms = 200;
  std::int64_t task_ms = 300;
  Scenario scenario;  // what each task does; empty: every task succeeds after task_ms
};

// Where run_job_task finds the job it runs: its Job object by id (nullopt when there is none),
// and the next number_in_job of a job's runs. The server reads them from its store.
struct JobSource {
  std::function<std::optional<nlohmann::json>(std::int64_t job_id)> find_job;
  std::function<std::int64_t(std::int64_t job_id)> next_run_number;
  // pipeline_task: the pipeline's document by id, nullopt when there is none.
  std::function<std::optional<nlohmann::json>(const std::string& pipeline_id)> find_pipeline;
};

// How a new run starts with respect to its job's max_concurrent_runs.
enum class Admission { Start, Queue, Skip };

// What a new run is made of: the job's settings (or the runs/submit body) plus the caller's
// choices.
struct RunRequest {
  std::int64_t job_id = 0;
  std::int64_t number_in_job = 0;
  std::string run_type = "JOB_RUN";
  std::string trigger = "ONE_TIME";
  std::string creator;
  nlohmann::json settings = nlohmann::json::object();        // name/run_name, tasks, parameters
  nlohmann::json job_parameters = nlohmann::json::object();  // run-now overrides
  std::vector<std::string> only;  // run-now `only`: the task keys to run, empty for all
  Admission admission = Admission::Start;
  std::int64_t at_ms = -1;  // when the run was triggered; -1: now
  // A scenario attached to this run alone (run-now's emulator_scenario), scripting its tasks
  // instead of the server's; nullptr: the server's.
  const Scenario* scenario = nullptr;
};

class RunEngine {
 public:
  RunEngine(Clock& clock, IdGenerator& ids, RunTiming timing)
      : m_clock(clock), m_ids(ids), m_timing(std::move(timing)) {}

  // Builds a run (PENDING, QUEUED or SKIPPED as `request.admission` says); throws ApiError for
  // task graphs the API would refuse.
  Run create(const RunRequest& request);
  // Takes a QUEUED run out of the queue at `at_ms` (no later than now) and plans it.
  void dequeue(Run& run, std::int64_t at_ms);
  // Brings `run` up to now; true when anything visible changed (so the caller saves it).
  bool advance(Run& run);
  // The earliest time after the moment `run` was last projected for (Run::shown_at_ms) at
  // which `advance` would change it: answers about the run stay true until then. INT64_MAX
  // once the run has ended; that moment itself for a queued run, whose start depends on other
  // runs.
  std::int64_t next_change_ms(const Run& run) const;
  // Ends a run that has not ended yet: running and waiting tasks are canceled.
  bool cancel(Run& run);
  // Cancels one task run of an active run: the task ends CANCELED and its downstream tasks
  // are decided again (UPSTREAM_CANCELED, or run by a run_if that handles failures). False when
  // that task has already ended.
  bool cancel_task(Run& run, std::int64_t task_run_id);
  // Re-runs `task_keys` of an ended run (with their downstream tasks when `with_dependents`)
  // as new task runs; returns the repair id. Throws ApiError when the run cannot be repaired.
  std::int64_t repair(Run& run, const std::vector<std::string>& task_keys, bool with_dependents);

  // Ends `run` at `at_ms` (not later than now) as canceled, as `cancel` does at now: for a
  // run started by a run_job_task whose attempt was cut short at that moment.
  bool cancel_at(Run& run, std::int64_t at_ms);

  // Lets run_job_task start runs of other jobs; without a source it runs like any task.
  void set_job_source(JobSource source) { m_jobs = std::move(source); }

  Clock& clock() { return m_clock; }
  const RunTiming& timing() const { return m_timing; }

 private:
  void plan(Run& run, std::int64_t from_ms);
  void plan_tasks(Run& run, std::int64_t from_ms);
  // A scenario's internal_error attempt ends the whole run at its end: the others are cut
  // there, and the run ends INTERNAL_ERROR with result FAILED.
  void end_at_internal_error(Run& run);
  // The ChildRunPlanner of run_timeline.h: the other job's run, created and planned to its end.
  std::optional<ChildRun> plan_child_run(const nlohmann::json& run_job_task,
                                         std::int64_t task_run_id, std::int64_t start_ms,
                                         std::string& problem);
  // The PipelineUpdatePlanner of run_timeline.h.
  std::optional<PlannedUpdate> plan_pipeline_update(const nlohmann::json& pipeline_task,
                                                    std::int64_t start_ms,
                                                    const AttemptScript& script,
                                                    std::string& problem);

  Clock& m_clock;
  IdGenerator& m_ids;
  RunTiming m_timing;
  JobSource m_jobs;
  int m_child_depth = 0;  // run_job_task nesting while planning, bounded
};

// Checks a task list: unique non-empty task_keys and depends_on naming known tasks, without
// cycles. Returns "" or the API's message for the first problem.
std::string check_task_graph(const nlohmann::json& tasks);

// The engine's settings from the server's options: timings and the scenario file (read here,
// so a bad file stops the server from starting; throws ScenarioError).
RunTiming run_timing_for(std::int64_t pending_ms, std::int64_t task_ms,
                         const std::string& scenario_file);

}  // namespace bundlectl::emulator
