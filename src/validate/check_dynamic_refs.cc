// Dynamic value references in every string of every job: their namespaces and fields, the
// job parameters and tasks they name, and whether a task's values can exist when they are read.
//
// The Jobs service refuses an invalid reference of a known namespace ({{job.naem}}) but leaves
// anything else as text ({{jobs.id}}), so the first is an error and the second a warning. A
// task reads another task's values and state only once that task has run: a task that is not
// upstream of the reader (through depends_on) may not have run yet.
#include <algorithm>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/dynamic_refs.h"
#include "validate/finding.h"
#include "validate/path_stack.h"

namespace bundlectl::validate {

namespace {

using core::Severity;
using core::Value;

const std::string k_tasks = "tasks";
const std::string k_for_each = "for_each_task";
const std::string k_task = "task";

std::string string_at(const Value& node, const char* key) {
  const Value* value = node.find(key);
  return value && value->is_string() ? value->as_string() : std::string();
}

// Where a string sits: in which task (none for the job's own fields), and whether inside
// the task that a for_each_task runs for each input.
struct Scope {
  const Value* task = nullptr;
  bool in_for_each = false;
};

class JobRefs {
 public:
  JobRefs(const CheckContext& context, const Value& job, const core::Path& job_path,
          core::Diagnostics& diagnostics)
      : m_context(context), m_job(job), m_stack(job_path), m_diagnostics(diagnostics) {
    const Value* parameters = job.find("parameters");
    m_parameters_known = !parameters || parameters->is_sequence();
    if (parameters && parameters->is_sequence()) {
      for (const Value& parameter : parameters->items()) {
        if (parameter.is_mapping()) m_parameters.push_back(string_at(parameter, "name"));
      }
    }
    const Value* tasks = job.find("tasks");
    m_tasks_known = !tasks || tasks->is_sequence();
    if (tasks && tasks->is_sequence()) {
      for (const Value& task : tasks->items()) {
        if (task.is_mapping()) m_task_keys.push_back(string_at(task, "task_key"));
      }
    }
  }

  void run() {
    for (const core::MapEntry& entry : m_job.entries()) {
      m_stack.push_key(entry.key);
      if (entry.key == k_tasks && entry.value.is_sequence()) {
        const Value::Sequence& tasks = entry.value.items();
        for (std::size_t i = 0; i < tasks.size(); ++i) {
          m_stack.push_index(i);
          visit_task(tasks[i]);
          m_stack.pop();
        }
      } else {
        visit(entry.value, Scope{});
      }
      m_stack.pop();
    }
  }

 private:
  void visit_task(const Value& task) {
    if (!task.is_mapping()) return visit(task, Scope{});
    Scope scope{&task, false};
    for (const core::MapEntry& entry : task.entries()) {
      m_stack.push_key(entry.key);
      if (entry.key == k_for_each && entry.value.is_mapping()) {
        for (const core::MapEntry& inner : entry.value.entries()) {
          m_stack.push_key(inner.key);
          visit(inner.value, Scope{&task, inner.key == k_task});
          m_stack.pop();
        }
      } else {
        visit(entry.value, scope);
      }
      m_stack.pop();
    }
  }

  void visit(const Value& node, const Scope& scope) {
    if (node.is_string()) {
      if (node.as_string().find("{{") != std::string::npos) check_string(node, scope);
    } else if (node.is_sequence()) {
      for (std::size_t i = 0; i < node.items().size(); ++i) {
        m_stack.push_index(i);
        visit(node.items()[i], scope);
        m_stack.pop();
      }
    } else if (node.is_mapping()) {
      for (const core::MapEntry& entry : node.entries()) {
        m_stack.push_key(entry.key);
        visit(entry.value, scope);
        m_stack.pop();
      }
    }
  }

  void check_string(const Value& node, const Scope& scope) {
    for (const DynamicRef& ref : find_dynamic_refs(node.as_string())) {
      RefMeaning meaning = classify(ref);
      switch (meaning.kind) {
        case RefKind::Fine: break;
        case RefKind::UnknownNamespace:
          report(Severity::Warning, "dynamic-refs.unknown-namespace",
                 "unknown dynamic value reference: " + ref.written + suggest(meaning), node,
                 "Databricks passes a reference outside its namespaces (job, task, tasks, "
                 "workspace, input, backfill) on as literal text.");
          break;
        case RefKind::UnknownField:
          report(Severity::Error, "dynamic-refs.invalid-reference",
                 "invalid dynamic value reference: " + ref.written + suggest(meaning), node);
          break;
        case RefKind::JobParameter: check_parameter(ref, node); break;
        case RefKind::Task: check_task(ref, node, scope); break;
        case RefKind::Input:
          if (!scope.in_for_each) {
            report(Severity::Warning, "dynamic-refs.input-outside-for-each",
                   ref.written + " is only defined in the task of a for_each_task", node);
          }
          break;
      }
    }
  }

  static std::string suggest(const RefMeaning& meaning) {
    return meaning.suggestion.empty() ? "" : ", did you mean " + meaning.suggestion + "?";
  }

  void check_parameter(const DynamicRef& ref, const Value& node) {
    const std::string& name = ref.segments[2];
    if (!m_parameters_known ||
        std::find(m_parameters.begin(), m_parameters.end(), name) != m_parameters.end()) {
      return;
    }
    report(Severity::Error, "dynamic-refs.unknown-parameter",
           "reference to a job parameter that does not exist: " + ref.written +
               util::did_you_mean(name, m_parameters),
           node,
           m_parameters.empty() ? "The job defines no parameters."
                                : "The job defines: " + util::join(m_parameters, ", ") + ".");
  }

  void check_task(const DynamicRef& ref, const Value& node, const Scope& scope) {
    const std::string& key = ref.segments[1];
    if (!m_tasks_known) return;
    if (std::find(m_task_keys.begin(), m_task_keys.end(), key) == m_task_keys.end()) {
      report(Severity::Error, "dynamic-refs.unknown-task",
             "reference to a task that does not exist: " + ref.written +
                 util::did_you_mean(key, m_task_keys),
             node);
      return;
    }
    if (!scope.task) return;
    std::string reader = string_at(*scope.task, "task_key");
    if (is_upstream(key, *scope.task)) return;
    report(
        Severity::Warning, "dynamic-refs.not-upstream",
        "reference to a task that is not upstream of " + util::quoted(reader) + ": " + ref.written,
        node,
        "Task " + util::quoted(key) + " may not have run when " + util::quoted(reader) +
            " starts: add it to depends_on, directly or through another task.");
  }

  // Whether `key` is reached from `task` through depends_on.
  bool is_upstream(const std::string& key, const Value& task) const {
    std::vector<const Value*> pending{&task};
    std::vector<std::string> seen;
    while (!pending.empty()) {
      const Value* current = pending.back();
      pending.pop_back();
      const Value* depends_on = current->find("depends_on");
      if (!depends_on || !depends_on->is_sequence()) continue;
      for (const Value& dependency : depends_on->items()) {
        if (!dependency.is_mapping()) continue;
        std::string upstream = string_at(dependency, "task_key");
        if (upstream == key) return true;
        if (std::find(seen.begin(), seen.end(), upstream) != seen.end()) continue;
        seen.push_back(upstream);
        if (const Value* next = find_task(upstream)) pending.push_back(next);
      }
    }
    return false;
  }

  const Value* find_task(const std::string& key) const {
    const Value* tasks = m_job.find("tasks");
    for (const Value& task : tasks->items()) {
      if (task.is_mapping() && string_at(task, "task_key") == key) return &task;
    }
    return nullptr;
  }

  void report(Severity severity, const char* rule, std::string summary, const Value& node,
              std::string detail = {}) {
    m_diagnostics.add(finding(severity, rule, std::move(summary), m_context.bundle, node,
                              m_stack.path(), std::move(detail)));
  }

  const CheckContext& m_context;
  const Value& m_job;
  PathStack m_stack;
  core::Diagnostics& m_diagnostics;
  std::vector<std::string> m_parameters;
  bool m_parameters_known = true;
  std::vector<std::string> m_task_keys;
  bool m_tasks_known = true;
};

}  // namespace

void check_dynamic_refs(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(context.bundle, "jobs",
                    [&](const std::string&, const Value& job, const core::Path& path) {
                      JobRefs(context, job, path, diagnostics).run();
                    });
}

}  // namespace bundlectl::validate
