#include "validate/task_walk.h"

#include <algorithm>

namespace bundlectl::validate {

using core::Value;

const std::vector<std::string>& task_type_fields() {
  // Jobs API 2.2 Task: the task kinds, one of which a task sets (dbt_cloud_task is the older
  // name of dbt_platform_task; both are accepted). alert_task, python_operator_task and
  // ai_runtime_task are newer than the SDK the schema is generated from
  // (resources/schemas/overlay/jobs.json).
  static const std::vector<std::string> fields = {
      "notebook_task",     "spark_python_task", "python_wheel_task",    "spark_jar_task",
      "spark_submit_task", "pipeline_task",     "run_job_task",         "sql_task",
      "dbt_task",          "condition_task",    "for_each_task",        "clean_rooms_notebook_task",
      "dashboard_task",    "power_bi_task",     "gen_ai_compute_task",  "dbt_platform_task",
      "dbt_cloud_task",    "alert_task",        "python_operator_task", "ai_runtime_task",
  };
  return fields;
}

std::vector<std::string> task_types_of(const Value& task) {
  std::vector<std::string> found;
  if (!task.is_mapping()) return found;
  // One pass over the task's fields: only names ending in "_task" can be types.
  for (const core::MapEntry& entry : task.entries()) {
    // A type written without settings (`run_job_task:`) still names the task's type; what it
    // lacks is reported as its missing fields, as the Databricks CLI reports it.
    if (entry.key.size() < 5 || entry.key.compare(entry.key.size() - 5, 5, "_task") != 0) {
      continue;
    }
    const std::vector<std::string>& fields = task_type_fields();
    if (std::find(fields.begin(), fields.end(), entry.key) != fields.end()) {
      found.push_back(entry.key);
    }
  }
  // In the order of task_type_fields(), so that messages do not depend on the file's order.
  const std::vector<std::string>& fields = task_type_fields();
  std::sort(found.begin(), found.end(), [&](const std::string& a, const std::string& b) {
    return std::find(fields.begin(), fields.end(), a) < std::find(fields.begin(), fields.end(), b);
  });
  return found;
}

std::string task_key_of(const Value& task) {
  const Value* key = task.find("task_key");
  return key && key->is_scalar() && !key->is_null() ? key->scalar_text() : std::string();
}

const Value* string_field(const Value& mapping, std::string_view key) {
  const Value* value = mapping.find(key);
  return value && value->is_string() ? value : nullptr;
}

bool is_reference(std::string_view text) {
  return text.find("${") != std::string_view::npos || text.find("{{") != std::string_view::npos;
}

core::Path TaskSite::path() const {
  core::Path path =
      core::Path().key("resources").key("jobs").key(job_key).key("tasks").index(index);
  return nested ? path.key("for_each_task").key("task") : path;
}

void for_each_job_task(const config::Bundle& bundle,
                       const std::function<void(const TaskSite&)>& visit) {
  const Value* jobs = bundle.config.at({"resources", "jobs"});
  if (!jobs || !jobs->is_mapping()) return;
  for (const core::MapEntry& job : jobs->entries()) {
    const Value* tasks = job.value.is_mapping() ? job.value.find("tasks") : nullptr;
    if (!tasks || !tasks->is_sequence()) continue;
    for (std::size_t i = 0; i < tasks->items().size(); ++i) {
      const Value& task = tasks->items()[i];
      if (!task.is_mapping()) continue;
      visit(TaskSite{job.key, job.value, task, i, false});
      const Value* for_each = task.find("for_each_task");
      const Value* nested = for_each && for_each->is_mapping() ? for_each->find("task") : nullptr;
      if (nested && nested->is_mapping()) visit(TaskSite{job.key, job.value, *nested, i, true});
    }
  }
}

std::vector<core::Location> same_list_duplicates(const Value& item) {
  if (item.previous_locations().empty()) return {};  // written once: the common case
  std::vector<core::Location> all;
  if (item.location().known()) all.push_back(item.location());
  for (const core::Location& older : item.previous_locations()) {
    if (older.known()) all.push_back(older);
  }
  std::vector<core::Location> same;
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = 0; j < all.size(); ++j) {
      if (i != j && all[i].file == all[j].file && all[i].column == all[j].column &&
          all[i].line != all[j].line) {
        same.push_back(all[i]);
        break;
      }
    }
  }
  return same;
}

}  // namespace bundlectl::validate
