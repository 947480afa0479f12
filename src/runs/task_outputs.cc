#include "bundlectl/runs/task_outputs.h"

#include <exception>

#include "bundlectl/core/workflow_commands.h"

namespace bundlectl::runs {
namespace {

using nlohmann::json;

std::string text_at(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

bool ran(const TaskView& task) { return task.state == "TERMINATED"; }

bool failed(const TaskView& task) {
  return !task.result.empty() && task.result != "SUCCESS" && task.result != "EXCLUDED" &&
         task.result != "DISABLED";
}

// Each line of `text` indented by `indent`, for traces and logs below their task.
std::string indented(const std::string& text, const std::string& indent) {
  std::string out = indent;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

}  // namespace

TaskOutput task_output(api::Workspace& workspace, const TaskView& task) {
  TaskOutput output;
  output.task_key = task.key;
  output.run_id = task.run_id;
  output.result = task.result;
  json answer = workspace.get_run_output(task.run_id);
  if (answer.contains("notebook_output") && answer["notebook_output"].is_object()) {
    output.exit_value = text_at(answer["notebook_output"], "result");
  }
  output.error = text_at(answer, "error");
  output.error_trace = text_at(answer, "error_trace");
  output.logs = text_at(answer, "logs");
  if (output.error.empty() && failed(task)) output.error = task.message;
  return output;
}

std::vector<TaskOutput> collect_outputs(api::Workspace& workspace, const RunView& run) {
  std::vector<TaskOutput> outputs;
  for (const TaskView& task : run.tasks) {
    if (!ran(task) || task.run_id == 0) continue;
    if (!run.succeeded() && !failed(task)) continue;
    try {
      outputs.push_back(task_output(workspace, task));
    } catch (const std::exception& e) {
      // The run has ended and its exit code is decided; a task whose output cannot be read
      // (a for_each parent, an expired run) says so instead of failing the command.
      TaskOutput unreadable;
      unreadable.task_key = task.key;
      unreadable.run_id = task.run_id;
      unreadable.result = task.result;
      unreadable.error =
          task.message.empty() ? std::string("output unavailable: ") + e.what() : task.message;
      outputs.push_back(std::move(unreadable));
    }
  }
  return outputs;
}

void print_outputs(std::ostream& out, const std::vector<TaskOutput>& outputs) {
  for (const TaskOutput& task : outputs) {
    bool ok = task.result == "SUCCESS";
    // A task that succeeded without a value (most tasks that are not notebooks) says nothing.
    if (ok && task.exit_value.empty() && task.logs.empty()) continue;
    out << "Task " << task.task_key;
    if (!ok) out << " " << task.result;
    if (!ok && !task.error.empty()) out << ": " << task.error;
    if (ok && !task.exit_value.empty()) out << ": " << task.exit_value;
    out << "\n";
    if (!task.error_trace.empty()) out << indented(task.error_trace, "  ") << "\n";
    if (!task.logs.empty()) out << indented(task.logs, "  ") << "\n";
    if (!ok && !task.exit_value.empty()) out << "  output: " << task.exit_value << "\n";
  }
}

void print_github_annotations(std::ostream& out, const RunView& run,
                              const std::vector<TaskOutput>& outputs) {
  if (run.succeeded()) return;
  std::string job = run.job_key.empty() ? "run " + std::to_string(run.run_id) : run.job_key;
  bool any = false;
  for (const TaskOutput& task : outputs) {
    if (task.result == "SUCCESS") continue;
    any = true;
    std::string title = job + " task " + task.task_key + " " + task.result;
    out << "::error title=" << core::escape_workflow_property(title)
        << "::" << core::escape_workflow_data(task.error.empty() ? task.result : task.error)
        << "\n";
  }
  if (any) return;
  std::string state = state_text(run.state, run.result);
  out << "::error title=" << core::escape_workflow_property(job + " " + state)
      << "::" << core::escape_workflow_data(run.message.empty() ? state : run.message) << "\n";
}

json outputs_to_json(const std::vector<TaskOutput>& outputs) {
  json list = json::array();
  for (const TaskOutput& task : outputs) {
    list.push_back(
        {{"task_key", task.task_key},
         {"run_id", task.run_id},
         {"result", task.result.empty() ? json(nullptr) : json(task.result)},
         {"exit_value", task.exit_value.empty() ? json(nullptr) : json(task.exit_value)},
         {"error", task.error.empty() ? json(nullptr) : json(task.error)},
         {"error_trace", task.error_trace.empty() ? json(nullptr) : json(task.error_trace)}});
  }
  return list;
}

}  // namespace bundlectl::runs
