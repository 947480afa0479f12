// A job run and its task runs as the emulator keeps them, with the two JSON forms they take:
// the stored document (everything, including the run's planned timeline) and the Jobs API's
// Run object.
//
// A run's timeline is planned ahead (src/emulator/run_timeline.h): every attempt of every
// task has its start, end and result as soon as the run leaves the queue, since scenarios make
// all of it deterministic. What the API shows is that timeline projected onto the clock
// (RunEngine::advance), so nothing is revealed before its time.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bundlectl/core/run_state.h"

namespace bundlectl::emulator {

struct RunState {
  core::LifeCycleState life_cycle = core::LifeCycleState::Pending;
  std::optional<core::ResultState> result;
  // Set when the ending needs a more specific code than the result implies (USER_CANCELED).
  std::optional<core::TerminationCode> termination_code;
  std::string message;
  bool user_cancelled = false;
};

// One planned execution of a task: an attempt that runs from start to end, or (executed false)
// the decision not to run it at all, taken at `start_time`.
struct Attempt {
  std::int64_t run_id = 0;
  int attempt_number = 0;
  std::int64_t start_time = 0;
  std::int64_t end_time = 0;
  core::ResultState result = core::ResultState::Success;
  std::string message;
  std::optional<core::TerminationCode> code;
  bool executed = true;
  bool user_cancelled = false;
  // A run_job_task attempt's run of the other job: its id, and its planned document until
  // it is saved as a run of its own when the attempt starts (child_runs.h).
  // Likewise a pipeline_task attempt's pipeline update (the document is the update's).
  std::int64_t child_run_id = 0;
  std::string child_pipeline_id;
  std::string child_update_id;
  nlohmann::json child;
};

struct TaskRun {
  // What the API shows now (the projection of the timeline onto the clock).
  std::int64_t run_id = 0;
  RunState state;
  std::int64_t start_time = 0;  // 0 until the task starts, as the API reports it
  std::int64_t end_time = 0;
  int attempt_number = 0;
  std::size_t shown_attempts = 0;  // earlier attempts (retries) that have ended by now

  std::string task_key;
  std::vector<std::string> depends_on;
  nlohmann::json spec = nlohmann::json::object();    // the task's settings, echoed back
  nlohmann::json script = nlohmann::json::object();  // from the scenario, frozen at creation
  std::int64_t duration_ms = 0;                      // default attempt duration

  // The plan: empty `attempts` until the task is planned.
  bool planned = false;
  std::int64_t ready_time = 0;  // when its upstream tasks had all ended
  std::vector<Attempt> attempts;
  int executions = 0;  // attempts run before this plan (earlier repairs): scenario offset
  nlohmann::json resolved = nlohmann::json::object();  // resolved_values of the API
  std::string condition_outcome;                       // "true"/"false" for condition tasks
  nlohmann::json values = nlohmann::json::object();    // task values set by the task
  std::string exit_value;                              // notebook exit value
  std::string input;                                   // a for_each iteration's input
  std::vector<TaskRun> iterations;                     // a for_each task's iterations
  std::vector<Attempt> earlier;  // attempts replaced by repairs, still addressable by id

  // The plan's final end and result; only meaningful once planned.
  std::int64_t final_end() const {
    return attempts.empty() ? ready_time : attempts.back().end_time;
  }
  core::ResultState final_result() const {
    return attempts.empty() ? core::ResultState::Success : attempts.back().result;
  }
};

struct Run {
  std::int64_t run_id = 0;
  std::int64_t job_id = 0;  // 0 for a one-time run from runs/submit
  std::int64_t number_in_job = 0;
  std::string run_name;
  std::string run_type = "JOB_RUN";  // JOB_RUN or SUBMIT_RUN
  std::string trigger = "ONE_TIME";
  std::string creator;
  RunState state;
  std::int64_t start_time = 0;     // when the run was created, as in the API
  std::int64_t queued_until = 0;   // when it left the queue (start_time if never queued)
  std::int64_t running_since = 0;  // when tasks may first start (after PENDING, or a repair)
  std::int64_t end_time = 0;
  std::int64_t timeout_seconds = 0;     // the job's timeout_seconds, 0 for none
  std::int64_t terminating_ms = 0;      // TERMINATING before TERMINATED (the scenario's)
  std::int64_t parent_task_run_id = 0;  // the run_job_task run that started it (trigger_info)
  bool queued = false;                  // waiting for a slot under max_concurrent_runs
  // Set when the run was ended from outside its plan (cancel, job timeout).
  std::optional<core::ResultState> forced_result;
  std::optional<core::TerminationCode> forced_code;
  std::string forced_message;
  nlohmann::json job_parameters = nlohmann::json::array();  // [{name, default, value}]
  nlohmann::json repair_history = nlohmann::json::array();
  // The job's email_notifications, webhook_notifications, notification_settings and health,
  // frozen when the run is created (notifications.h); empty when it has none.
  nlohmann::json notifications = nlohmann::json::object();
  std::vector<TaskRun> tasks;
  // The moment the run's states were last projected for (project_run): what the run shows
  // holds from then until its next event. Not saved: a loaded run has not been projected.
  std::int64_t shown_at_ms = 0;
};

nlohmann::json to_document(const Run& run);
Run run_from_document(const nlohmann::json& doc);

// The Run object of runs/get. `base_url` makes run_page_url; `tasks` is the page of task
// runs to include (the 2.2 API pages them 100 at a time), `next_page_token` "" when none.
nlohmann::json to_api(const Run& run, const std::string& base_url, std::size_t first_task,
                      std::size_t max_tasks);
nlohmann::json task_to_api(const Run& run, const TaskRun& task, const std::string& base_url);
nlohmann::json state_to_api(const RunState& state);
nlohmann::json status_to_api(const RunState& state);

// Every task run id of `run`: current attempts, earlier attempts and for_each iterations.
std::vector<std::int64_t> all_task_run_ids(const Run& run);

// A task run of `run` by its id as runs/get answers it: the task as a Run object of its own
// (with `iterations` for a for_each task). Nullopt when no task run has that id.
std::optional<nlohmann::json> task_run_to_api(const Run& run, std::int64_t task_run_id,
                                              const std::string& base_url);

}  // namespace bundlectl::emulator
