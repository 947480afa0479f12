// Scenario files: what each task of an emulated run does (how long it takes, how each attempt
// ends, its notebook exit value and task values), so tests script retries, failures and
// branches without a workspace. The format is documented in docs/emulator.md.
//
// A task's script is kept as JSON: it is frozen into each task run when the run is created,
// so a run keeps behaving as it was scripted across restarts and scenario changes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace bundlectl::emulator {

// A scenario that cannot be read; what() is "FILE:LINE:COL: error: ...".
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Scenario {
  // Task key -> script: {duration_ms?, outcome?, message?, attempts?[], exit_value?, values?,
  // iterations?{index: script}, retry_interval_ms?}.
  nlohmann::json tasks = nlohmann::json::object();
  std::int64_t default_duration_ms = -1;  // -1: the server's --task-duration-ms
  // How long a run stays TERMINATING between its last task's end and TERMINATED.
  std::int64_t terminating_ms = 0;

  // Pipeline name -> how its updates started through the API end: {outcome?, message?}.
  nlohmann::json pipelines = nlohmann::json::object();

  // The script of `task_key`, an empty object when the scenario does not name it.
  nlohmann::json script_for(const std::string& task_key) const;
};

// Parses scenario YAML; `file_name` is used in error locations.
Scenario parse_scenario(const std::string& text, const std::string& file_name);
// Reads and parses a scenario file; throws ScenarioError (also for a file it cannot read).
Scenario load_scenario(const std::string& path);

// InternalError: the attempt ends FAILED and the whole run INTERNAL_ERROR at that moment.
enum class Outcome { Success, Failure, Timeout, InternalError };

// How one attempt of a task ends, as its script says.
struct AttemptScript {
  std::int64_t duration_ms = 0;
  Outcome outcome = Outcome::Success;
  std::string message;
};

// The script of a task's `execution`-th attempt (0-based, retries and repairs counted
// together): `attempts[execution]`, the last listed attempt once past the list, or the
// task-level fields when there is no list.
AttemptScript attempt_script(const nlohmann::json& script, int execution,
                             std::int64_t default_duration_ms);

// The script of for_each iteration `index`: the task's script with `iterations[index]` laid
// over it.
nlohmann::json iteration_script(const nlohmann::json& script, std::size_t index);

}  // namespace bundlectl::emulator
