// What a run's tasks said: on failure each failed task's error and output, on success each
// task's notebook exit value (runs/get-output of the task run).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "bundlectl/api/workspace.h"
#include "bundlectl/runs/run_view.h"

namespace bundlectl::runs {

struct TaskOutput {
  std::string task_key;
  std::int64_t run_id = 0;
  std::string result;      // the task's result state
  std::string exit_value;  // notebook_output.result
  std::string error;       // error, or the state message when get-output has none
  std::string error_trace;
  std::string logs;
};

// The tasks worth reporting for `run`: the failed ones when the run did not succeed (tasks
// that ran and did not succeed), else every task that ran. One get-output call per task.
std::vector<TaskOutput> collect_outputs(api::Workspace& workspace, const RunView& run);

// One task's output by its task run id.
TaskOutput task_output(api::Workspace& workspace, const TaskView& task);

// "Task load FAILED: Connection reset\n  <trace>" / "Task extract: 1200 rows".
void print_outputs(std::ostream& out, const std::vector<TaskOutput>& outputs);

// In a GitHub Actions job: one `::error` workflow command per failed task (its error as the
// message), or one for the run when no task output says why, so the failure shows on the
// workflow run's summary page.
void print_github_annotations(std::ostream& out, const RunView& run,
                              const std::vector<TaskOutput>& outputs);

nlohmann::json outputs_to_json(const std::vector<TaskOutput>& outputs);

}  // namespace bundlectl::runs
