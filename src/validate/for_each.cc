// for_each_task: what to iterate over, the one task to run for each input, how many at once.
#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"
#include "validate/task_walk.h"

namespace bundlectl::validate {

using core::Path;
using core::Severity;
using core::Value;

namespace {

// True when `text` is one JSON array: brackets and braces balanced outside of strings, the
// whole text enclosed by the outer brackets. Values inside are the Jobs service's concern.
bool is_json_array(const std::string& text) {
  std::string trimmed = util::trim(text);
  if (trimmed.size() < 2 || trimmed.front() != '[' || trimmed.back() != ']') return false;
  std::vector<char> open;
  bool in_string = false;
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    char c = trimmed[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      open.push_back(c);
    } else if (c == ']' || c == '}') {
      if (open.empty() || open.back() != (c == ']' ? '[' : '{')) return false;
      open.pop_back();
      // The outer array closes only at the end.
      if (open.empty() && i + 1 != trimmed.size()) return false;
    }
  }
  return open.empty() && !in_string;
}

class ForEachCheck {
 public:
  ForEachCheck(const CheckContext& context, const Value& task, Path task_path,
               core::Diagnostics& diagnostics)
      : m_context(context),
        m_task(task),
        m_task_path(std::move(task_path)),
        m_diagnostics(diagnostics) {}

  void check(const Value& for_each) {
    Path path = m_task_path.key("for_each_task");
    check_inputs(for_each, path);
    check_nested_task(for_each, path);
    const Value* concurrency = for_each.find("concurrency");
    if (concurrency && concurrency->is_int() && concurrency->as_int() < 1) {
      report(Severity::Error, "tasks.for-each-concurrency",
             "for_each_task.concurrency must be at least 1: " + concurrency->scalar_text(),
             *concurrency, path.key("concurrency"));
    }
    check_retries_on_parent();
  }

 private:
  void report(Severity severity, const char* rule, std::string summary, const Value& value,
              const Path& path, std::string detail = {}) {
    m_diagnostics.add(finding(severity, rule, std::move(summary), m_context.bundle, value, path,
                              std::move(detail)));
  }

  void check_inputs(const Value& for_each, const Path& path) {
    const Value* inputs = for_each.find("inputs");
    if (!inputs || inputs->is_null() ||
        (inputs->is_string() && util::trim(inputs->as_string()).empty())) {
      report(Severity::Error, "tasks.for-each-no-inputs", "for_each_task has no inputs",
             inputs ? *inputs : for_each, inputs ? path.key("inputs") : path,
             "Set inputs to a JSON array, such as '[\"a\", \"b\"]', or to a reference to one, "
             "such as '{{tasks.list.values.items}}'.");
      return;
    }
    if (!inputs->is_string() || is_reference(inputs->as_string())) return;
    if (!is_json_array(inputs->as_string())) {
      report(Severity::Error, "tasks.for-each-invalid-inputs",
             "for_each_task.inputs is neither a JSON array nor a reference: " + inputs->as_string(),
             *inputs, path.key("inputs"),
             "The Jobs service parses inputs as a JSON array, such as '[1, 2, 3]', or takes it "
             "from a dynamic value reference, such as '{{job.parameters.items}}'.");
    }
  }

  void check_nested_task(const Value& for_each, const Path& path) {
    const Value* nested = for_each.find("task");
    if (!nested || !nested->is_mapping()) {
      report(Severity::Error, "tasks.for-each-no-task", "for_each_task has no task to run",
             nested ? *nested : for_each, nested ? path.key("task") : path,
             "Set for_each_task.task to the task that runs once for each input.");
      return;
    }
    const Value* inner = nested->find("for_each_task");
    if (inner && !inner->is_null()) {
      report(Severity::Error, "tasks.nested-for-each",
             "the task of a for_each_task cannot itself be a for_each_task", *inner,
             path.key("task").key("for_each_task"),
             "The Jobs API runs one level of for_each; move the inner loop into a job run by "
             "a run_job_task.");
    }
  }

  // Retries belong to the nested task: the Jobs API rejects max_retries on the loop itself
  // and ignores the other retry settings there. Worded as the Databricks CLI words it, at the
  // task.
  void check_retries_on_parent() {
    for (const char* field : {"max_retries", "min_retry_interval_millis", "retry_on_timeout"}) {
      const Value* value = m_task.find(field);
      bool set = value && ((value->is_int() && value->as_int() != 0) ||
                           (value->is_bool() && value->as_bool()));
      if (!set) continue;
      const Value* key = m_task.find("task_key");
      std::string name = key && key->is_scalar() ? key->scalar_text() : "";
      std::string f = field;
      report(f == "max_retries" ? Severity::Error : Severity::Warning, "tasks.for-each-retries",
             "Invalid " + f + " configuration for for_each_task", m_task, m_task_path,
             "Task " + util::quoted(name) + " has " + f +
                 " defined at the parent level, but it uses for_each_task.\nWhen using "
                 "for_each_task, " +
                 f + " must be defined on the nested task (for_each_task.task." + f +
                 "), not on the parent task.");
    }
  }

  const CheckContext& m_context;
  const Value& m_task;
  Path m_task_path;
  core::Diagnostics& m_diagnostics;
};

}  // namespace

void check_for_each(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_job_task(context.bundle, [&](const TaskSite& site) {
    if (site.nested) return;
    const Value* for_each = site.task.find("for_each_task");
    if (!for_each || !for_each->is_mapping()) return;
    ForEachCheck(context, site.task, site.path(), diagnostics).check(*for_each);
  });
}

}  // namespace bundlectl::validate
