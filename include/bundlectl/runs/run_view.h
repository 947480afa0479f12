// A job run as the `run` and `runs` commands show it: the fields a person or a dashboard
// needs, read once from the Jobs API's Run object. Every output (text, live view, JSON,
// Prometheus) is made from this value, so they cannot disagree.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bundlectl::runs {

struct TaskView {
  std::string key;
  std::int64_t run_id = 0;    // the current attempt's task run id
  std::string state;          // life_cycle_state: PENDING, RUNNING, TERMINATED, ...
  std::string result;         // result_state once ended; "" before
  std::string message;        // state_message
  int attempt = 0;            // attempt_number of the current attempt
  std::int64_t start_ms = 0;  // 0: not started
  std::int64_t end_ms = 0;    // 0: not ended
  std::vector<std::string> depends_on;
};

struct RunView {
  std::int64_t run_id = 0;
  std::int64_t job_id = 0;
  std::string job_key;  // the bundle's key ("nightly"), "" when the job is not in the bundle
  std::string job_name;
  std::string target;
  std::string state;   // life_cycle_state
  std::string result;  // result_state; "" while active
  std::string message;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string url;
  std::vector<TaskView> tasks;  // in the API's order; one entry per task key (latest attempt)

  bool ended() const;
  bool succeeded() const { return result == "SUCCESS"; }
  // Milliseconds run so far: up to end_ms once ended, else up to `now_ms`.
  std::int64_t duration_ms(std::int64_t now_ms) const;
};

// From a runs/get (or runs/list) Run object. Tasks listed with earlier attempts keep the
// latest attempt only.
RunView run_view_from_api(const nlohmann::json& run);

// The documented JSON form (docs/runs.md, resources/schemas/runs-output.json).
nlohmann::json run_view_to_json(const RunView& run, std::int64_t now_ms);

// "TERMINATED SUCCESS", "RUNNING", "SKIPPED UPSTREAM_FAILED": state and result in one word pair.
std::string state_text(const std::string& state, const std::string& result);

// "1.2s", "3m04s", "1h02m": durations for people.
std::string duration_text(std::int64_t ms);

// Milliseconds since the epoch, from the system clock.
std::int64_t wall_now_ms();

}  // namespace bundlectl::runs
