// A job run and its task runs as the emulator keeps them, with the two JSON forms they take:
// the stored document (everything, including what the run engine plans) and the Jobs API's
// Run object.
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

struct TaskRun {
  std::int64_t run_id = 0;
  std::string task_key;
  std::vector<std::string> depends_on;
  nlohmann::json spec = nlohmann::json::object();  // the task's settings, echoed back
  RunState state;
  std::int64_t start_time = 0;  // 0 until the task starts, as the API reports it
  std::int64_t end_time = 0;
  std::int64_t duration_ms = 0;  // planned execution time; scenarios will vary it
  int attempt_number = 0;
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
  std::int64_t running_since = 0;  // when tasks may first start (after PENDING, or a repair)
  std::int64_t end_time = 0;
  nlohmann::json job_parameters = nlohmann::json::array();  // [{name, default, value}]
  nlohmann::json repair_history = nlohmann::json::array();
  std::vector<TaskRun> tasks;
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

}  // namespace bundlectl::emulator
