#include "bundlectl/runs/run_view.h"

#include <chrono>
#include <cstdio>
#include <map>

namespace bundlectl::runs {
namespace {

using nlohmann::json;

std::string text_field(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::int64_t int_field(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<std::int64_t>() : 0;
}

const json& state_of(const json& object) {
  static const json empty = json::object();
  auto found = object.find("state");
  return found != object.end() && found->is_object() ? *found : empty;
}

TaskView task_view(const json& task) {
  TaskView view;
  view.key = text_field(task, "task_key");
  view.run_id = int_field(task, "run_id");
  const json& state = state_of(task);
  view.state = text_field(state, "life_cycle_state");
  view.result = text_field(state, "result_state");
  view.message = text_field(state, "state_message");
  view.attempt = static_cast<int>(int_field(task, "attempt_number"));
  view.start_ms = int_field(task, "start_time");
  view.end_ms = int_field(task, "end_time");
  auto depends = task.find("depends_on");
  if (depends != task.end() && depends->is_array()) {
    for (const json& upstream : *depends) {
      if (upstream.is_object()) view.depends_on.push_back(text_field(upstream, "task_key"));
    }
  }
  return view;
}

json task_to_json(const TaskView& task, std::int64_t now_ms) {
  std::int64_t end = task.end_ms > 0 ? task.end_ms : now_ms;
  json out = {{"task_key", task.key},
              {"run_id", task.run_id},
              {"state", task.state},
              {"result", task.result.empty() ? json(nullptr) : json(task.result)},
              {"attempt", task.attempt},
              {"message", task.message},
              {"start_time", task.start_ms > 0 ? json(task.start_ms) : json(nullptr)},
              {"end_time", task.end_ms > 0 ? json(task.end_ms) : json(nullptr)},
              {"duration_ms", task.start_ms > 0 ? end - task.start_ms : 0},
              {"depends_on", task.depends_on}};
  return out;
}

}  // namespace

bool RunView::ended() const {
  return state == "TERMINATED" || state == "SKIPPED" || state == "INTERNAL_ERROR";
}

std::int64_t RunView::duration_ms(std::int64_t now_ms) const {
  if (start_ms <= 0) return 0;
  std::int64_t end = end_ms > 0 ? end_ms : now_ms;
  return end > start_ms ? end - start_ms : 0;
}

RunView run_view_from_api(const json& run) {
  RunView view;
  view.run_id = int_field(run, "run_id");
  view.job_id = int_field(run, "job_id");
  view.job_name = text_field(run, "run_name");
  const json& state = state_of(run);
  view.state = text_field(state, "life_cycle_state");
  view.result = text_field(state, "result_state");
  view.message = text_field(state, "state_message");
  view.start_ms = int_field(run, "start_time");
  view.end_ms = int_field(run, "end_time");
  view.url = text_field(run, "run_page_url");
  auto tasks = run.find("tasks");
  if (tasks == run.end() || !tasks->is_array()) return view;
  std::map<std::string, std::size_t> index;  // task key → position in view.tasks
  for (const json& task : *tasks) {
    if (!task.is_object()) continue;
    TaskView entry = task_view(task);
    auto [at, inserted] = index.emplace(entry.key, view.tasks.size());
    if (inserted) {
      view.tasks.push_back(std::move(entry));
    } else if (entry.attempt >= view.tasks[at->second].attempt) {
      view.tasks[at->second] = std::move(entry);  // a later attempt of the same task
    }
  }
  return view;
}

json run_view_to_json(const RunView& run, std::int64_t now_ms) {
  json tasks = json::array();
  for (const TaskView& task : run.tasks) tasks.push_back(task_to_json(task, now_ms));
  return {{"run_id", run.run_id},
          {"job_id", run.job_id},
          {"job_key", run.job_key.empty() ? json(nullptr) : json(run.job_key)},
          {"job_name", run.job_name},
          {"target", run.target.empty() ? json(nullptr) : json(run.target)},
          {"state", run.state},
          {"result", run.result.empty() ? json(nullptr) : json(run.result)},
          {"message", run.message},
          {"start_time", run.start_ms > 0 ? json(run.start_ms) : json(nullptr)},
          {"end_time", run.end_ms > 0 ? json(run.end_ms) : json(nullptr)},
          {"duration_ms", run.duration_ms(now_ms)},
          {"url", run.url},
          {"tasks", tasks}};
}

std::string state_text(const std::string& state, const std::string& result) {
  if (result.empty() || result == state) return state;
  return state + " " + result;
}

std::string duration_text(std::int64_t ms) {
  if (ms < 0) ms = 0;
  char buffer[32];
  if (ms < 60'000) {
    std::snprintf(buffer, sizeof buffer, "%.1fs", static_cast<double>(ms) / 1000.0);
  } else if (ms < 3'600'000) {
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", static_cast<long long>(ms / 60'000),
                  static_cast<long long>(ms / 1000 % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms / 60'000 % 60));
  }
  return buffer;
}

std::int64_t wall_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace bundlectl::runs
