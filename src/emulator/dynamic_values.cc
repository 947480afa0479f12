#include "emulator/dynamic_values.h"

#include <cstdio>
#include <ctime>
#include <optional>

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

std::string trim(const std::string& text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string scalar_text(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::optional<std::string> job_reference(const std::string& name, const ValueScope& scope) {
  const Run& run = scope.run;
  if (name == "job.id") return std::to_string(run.job_id);
  if (name == "job.run_id") return std::to_string(run.run_id);
  if (name == "job.name") return run.run_name;
  if (name == "job.repair_count")
    return std::to_string(run.repair_history.empty() ? 0 : run.repair_history.size() - 1);
  if (name == "job.trigger.type") return run.trigger;
  if (starts_with(name, "job.parameters.")) {
    std::string key = name.substr(15);
    for (const json& param : run.job_parameters) {
      if (param.value("name", "") == key) return param.value("value", "");
    }
    return std::nullopt;
  }
  if (starts_with(name, "job.start_time.")) {
    std::string text = time_field(run.start_time, name.substr(15));
    if (!text.empty()) return text;
  }
  return std::nullopt;
}

std::optional<std::string> task_reference(const std::string& name, const ValueScope& scope) {
  // tasks.<key>.<field>[.<value name>]
  std::size_t dot = name.find('.', 6);
  if (dot == std::string::npos) return std::nullopt;
  std::string key = name.substr(6, dot - 6);
  std::string field = name.substr(dot + 1);
  for (const TaskRun& task : scope.run.tasks) {
    if (task.task_key != key || !task.planned) continue;
    if (field == "run_id")
      return std::to_string(task.attempts.empty() ? task.run_id : task.attempts.back().run_id);
    if (field == "result_state") return std::string(core::to_string(task.final_result()));
    if (starts_with(field, "values.")) {
      std::string value_name = field.substr(7);
      if (task.values.contains(value_name)) return scalar_text(task.values[value_name]);
    }
  }
  return std::nullopt;
}

std::optional<std::string> reference(const std::string& name, const ValueScope& scope) {
  if (starts_with(name, "job.")) return job_reference(name, scope);
  if (starts_with(name, "tasks.")) return task_reference(name, scope);
  if (name == "task.name" && scope.task) return scope.task->task_key;
  if (name == "task.run_id" && scope.task) return std::to_string(scope.task->run_id);
  if (scope.input && name == "input") return scalar_text(*scope.input);
  if (scope.input && starts_with(name, "input.") && scope.input->is_object()) {
    std::string field = name.substr(6);
    if (scope.input->contains(field)) return scalar_text((*scope.input)[field]);
  }
  return std::nullopt;
}

}  // namespace

std::string time_field(std::int64_t epoch_ms, const std::string& field) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  if (field == "iso_date") {
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
  } else if (field == "iso_datetime") {
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  } else if (field == "timestamp_ms") {
    return std::to_string(epoch_ms);
  } else if (field == "iso_weekday") {
    return std::to_string(utc.tm_wday == 0 ? 7 : utc.tm_wday);  // Monday 1 ... Sunday 7
  } else if (field == "is_weekday") {
    return utc.tm_wday == 0 || utc.tm_wday == 6 ? "false" : "true";
  } else {
    int value = field == "year"     ? utc.tm_year + 1900
                : field == "month"  ? utc.tm_mon + 1
                : field == "day"    ? utc.tm_mday
                : field == "hour"   ? utc.tm_hour
                : field == "minute" ? utc.tm_min
                : field == "second" ? utc.tm_sec
                                    : -1;
    return value < 0 ? "" : std::to_string(value);
  }
  return buffer;
}

std::string resolve_references(const std::string& text, const ValueScope& scope) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t open = text.find("{{", at);
    std::size_t close = open == std::string::npos ? open : text.find("}}", open + 2);
    if (close == std::string::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    std::optional<std::string> value =
        reference(trim(text.substr(open + 2, close - open - 2)), scope);
    out += value ? *value : text.substr(open, close + 2 - open);
    at = close + 2;
  }
  return out;
}

json resolve_all(const json& value, const ValueScope& scope) {
  if (value.is_string()) return resolve_references(value.get<std::string>(), scope);
  if (value.is_array() || value.is_object()) {
    json out = value;
    for (auto& item : out) item = resolve_all(item, scope);
    return out;
  }
  return value;
}

}  // namespace bundlectl::emulator
