// What the task checks share: walking the tasks of every job (nested for_each tasks too),
// reading keys, and telling apart two entries of one list that loading merged by key.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/path.h"
#include "bundlectl/core/value.h"

namespace bundlectl::validate {

// The fields that give a task its type; a task must set exactly one of them.
const std::vector<std::string>& task_type_fields();

// The type fields a task sets (non-null), in the order of task_type_fields().
std::vector<std::string> task_types_of(const core::Value& task);

// The task's task_key as text, or "" when it has none (or not a scalar).
std::string task_key_of(const core::Value& task);

// A string field of a mapping, or nullptr when absent or not a string.
const core::Value* string_field(const core::Value& mapping, std::string_view key);

// True for a value left as a reference: ${...} (deploy-time or workspace-only) or {{...}}
// (a dynamic value the Jobs service fills in at run time).
bool is_reference(std::string_view text);

// A task of a job as the walk meets it. Paths are built on demand: most tasks need none.
struct TaskSite {
  const std::string& job_key;
  const core::Value& job;
  const core::Value& task;
  std::size_t index;  // in the job's tasks
  bool nested;        // the task of tasks[index].for_each_task

  core::Path path() const;  // resources.jobs.<job>.tasks[i] or ….for_each_task.task
};

// Calls `visit` for every task of every job in file order: each top-level task, then the
// task nested in its for_each_task when that is a mapping.
void for_each_job_task(const config::Bundle& bundle,
                       const std::function<void(const TaskSite&)>& visit);

// Where the entries that loading merged into `item` were written, when two of them come from
// the same list (same file and column, different lines): the keyed merge of tasks, job
// clusters and environments also merges two entries of one list that share a key, which is
// almost always a copy-and-paste slip. Empty when the item was written once, or merged only
// with a target override (which sits deeper in the file, or in another file).
std::vector<core::Location> same_list_duplicates(const core::Value& item);

}  // namespace bundlectl::validate
