// Creates runs from job settings and moves them through their life cycle.
//
// The engine holds no state of its own: a run's whole progress is a function of the stored
// run and the clock, computed when somebody looks (runs/get, runs/list, /metrics). So runs
// advance at the same pace whether or not a server thread is awake, two emulators on one
// database file agree, and a fake clock makes every step testable.
//
// Minimal semantics (this issue): PENDING for `pending_ms`, then RUNNING; each task starts
// when all its `depends_on` have ended and runs `task_ms`; every task ends in SUCCESS. The
// richer semantics (run_if, retries, timeouts, queueing) slot into `advance` task by task.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/clock.h"
#include "emulator/run.h"

namespace bundlectl::emulator {

struct RunTiming {
  std::int64_t pending_ms = 200;
  std::int64_t task_ms = 300;
};

// What a new run is made of: the job's settings (or the runs/submit body) plus the caller's
// choices.
struct RunRequest {
  std::int64_t job_id = 0;
  std::int64_t number_in_job = 0;
  std::string run_type = "JOB_RUN";
  std::string creator;
  nlohmann::json settings = nlohmann::json::object();        // name/run_name, tasks, parameters
  nlohmann::json job_parameters = nlohmann::json::object();  // run-now overrides
  std::vector<std::string> only;  // run-now `only`: the task keys to run, empty for all
};

class RunEngine {
 public:
  RunEngine(Clock& clock, IdGenerator& ids, RunTiming timing)
      : m_clock(clock), m_ids(ids), m_timing(timing) {}

  // Builds a PENDING run; throws ApiError for task graphs the API would refuse.
  Run create(const RunRequest& request);
  // Brings `run` up to now; true when anything changed (so the caller saves it).
  bool advance(Run& run);
  // The earliest time at which `advance` would change `run` (already advanced to now):
  // answers about the run stay true until then. INT64_MAX once the run has ended.
  std::int64_t next_change_ms(const Run& run) const;
  // Ends a run that has not ended yet: running and waiting tasks are canceled.
  bool cancel(Run& run);
  // Re-runs `task_keys` of an ended run (with their downstream tasks when `with_dependents`)
  // as new task runs; returns the repair id. Throws ApiError when the run cannot be repaired.
  std::int64_t repair(Run& run, const std::vector<std::string>& task_keys, bool with_dependents);

  Clock& clock() { return m_clock; }
  const RunTiming& timing() const { return m_timing; }

 private:
  bool advance_tasks(Run& run, std::int64_t now);
  void finish(Run& run);

  Clock& m_clock;
  IdGenerator& m_ids;
  RunTiming m_timing;
};

// Checks a task list: unique non-empty task_keys and depends_on naming known tasks, without
// cycles. Returns "" or the API's message for the first problem.
std::string check_task_graph(const nlohmann::json& tasks);

}  // namespace bundlectl::emulator
