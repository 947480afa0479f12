// The task graph of each job: unique keys, depends_on naming tasks that exist, no cycles,
// run_if and outcome used where they mean something.
#include <algorithm>
#include <unordered_map>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"
#include "validate/task_walk.h"

namespace bundlectl::validate {

using core::Path;
using core::Severity;
using core::Value;

namespace {

const std::vector<std::string>& run_if_values() {
  static const std::vector<std::string> values = {"ALL_SUCCESS",         "AT_LEAST_ONE_SUCCESS",
                                                  "NONE_FAILED",         "ALL_DONE",
                                                  "AT_LEAST_ONE_FAILED", "ALL_FAILED"};
  return values;
}

// One depends_on entry that names a task of the job: the edge task → parent.
struct Edge {
  std::size_t parent;
  std::size_t entry;  // index in the task's depends_on
  const Value* key;   // the entry's task_key value, for locations
};

// The tasks of one job, indexed, with their dependencies.
class JobGraph {
 public:
  JobGraph(const CheckContext& context, const std::string& job_key, const Value& tasks,
           core::Diagnostics& diagnostics)
      : m_context(context), m_job_key(job_key), m_tasks(tasks), m_diagnostics(diagnostics) {}

  void check() {
    index_tasks();
    for (std::size_t i = 0; i < m_tasks.items().size(); ++i) {
      if (m_tasks.items()[i].is_mapping()) check_task(i);
    }
    find_cycles();
  }

 private:
  Path task_path(std::size_t i) const {
    return Path().key("resources").key("jobs").key(m_job_key).key("tasks").index(i);
  }

  void report(Severity severity, const char* rule, std::string summary, const Value& value,
              const Path& path, std::string detail = {}) {
    m_diagnostics.add(finding(severity, rule, std::move(summary), m_context.bundle, value, path,
                              std::move(detail)));
  }

  void index_tasks() {
    const Value::Sequence& items = m_tasks.items();
    m_edges.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_mapping()) continue;
      const Value* key_value = items[i].find("task_key");
      if (!key_value || !key_value->is_scalar() || key_value->is_null()) continue;
      std::string key = key_value->scalar_text();
      if (key.empty()) continue;
      m_index.emplace(std::move(key), i);
      if (!same_list_duplicates(items[i]).empty()) {
        report(Severity::Warning, "tasks.duplicate-key",
               "task_key " + util::quoted(key_value->scalar_text()) +
                   " is used by two tasks of one list",
               *key_value, task_path(i).key("task_key"),
               "Entries with the same task_key are merged into one task, the later fields "
               "replacing the earlier ones. Rename one of them if they are different tasks.");
      }
    }
  }

  // Every task_key of the job, for suggestions (only built when one is needed).
  std::vector<std::string> keys() const {
    std::vector<std::string> keys;
    for (const Value& task : m_tasks.items()) {
      if (task.is_mapping() && !task_key_of(task).empty()) keys.push_back(task_key_of(task));
    }
    return keys;
  }

  bool is_condition(std::size_t i) const {
    const Value* condition = m_tasks.items()[i].find("condition_task");
    return condition && !condition->is_null();
  }

  void check_task(std::size_t i) {
    const Value& task = m_tasks.items()[i];
    const Value* depends_on = task.find("depends_on");
    std::size_t upstream = 0;
    if (depends_on && depends_on->is_sequence()) {
      for (std::size_t j = 0; j < depends_on->items().size(); ++j) {
        const Value& entry = depends_on->items()[j];
        if (!entry.is_mapping()) continue;
        ++upstream;
        check_dependency(i, j, entry);
      }
    }
    check_run_if(i, task, upstream);
  }

  void check_dependency(std::size_t i, std::size_t j, const Value& entry) {
    // Built only for a finding: most dependencies have none.
    auto path = [&] { return task_path(i).key("depends_on").index(j); };
    const Value* key = entry.find("task_key");
    if (!key || !key->is_scalar() || key->is_null()) return;  // the schema's concern
    std::string name = key->scalar_text();
    if (is_reference(name)) return;
    auto parent = m_index.find(name);
    if (parent == m_index.end()) {
      report(
          Severity::Error, "tasks.unknown-dependency",
          "depends_on names a task that does not exist: " + name + util::did_you_mean(name, keys()),
          *key, path().key("task_key"));
      return;
    }
    m_edges[i].push_back(Edge{parent->second, j, key});
    const Value* outcome = entry.find("outcome");
    if (outcome && !outcome->is_null()) {
      if (!is_condition(parent->second)) {
        report(Severity::Error, "tasks.outcome-without-condition",
               "outcome is set, but " + util::quoted(name) + " is not a condition_task", *outcome,
               path().key("outcome"),
               "Only a dependency on a condition_task may choose an outcome.");
      } else if (!outcome->is_scalar() ||
                 (outcome->scalar_text() != "true" && outcome->scalar_text() != "false")) {
        report(Severity::Error, "tasks.invalid-outcome",
               "outcome must be \"true\" or \"false\": " +
                   (outcome->is_scalar() ? outcome->scalar_text()
                                         : std::string(core::kind_name(outcome->kind()))),
               *outcome, path().key("outcome"));
      }
    } else if (is_condition(parent->second)) {
      report(Severity::Warning, "tasks.condition-without-outcome",
             "depends_on names the condition_task " + util::quoted(name) + " without an outcome",
             *key, path().key("task_key"),
             "Set outcome: \"true\" or \"false\" to run this task on one branch of the "
             "condition.");
    }
  }

  // A value outside the enum is the schema's enum warning, as the Databricks CLI reports it
  // (validate exits 0 there); only a valid value can be judged against the upstreams.
  void check_run_if(std::size_t i, const Value& task, std::size_t upstream) {
    const Value* run_if = string_field(task, "run_if");
    if (!run_if || is_reference(run_if->as_string())) return;
    const std::string& value = run_if->as_string();
    const std::vector<std::string>& valid = run_if_values();
    if (std::find(valid.begin(), valid.end(), value) == valid.end()) return;
    if (upstream == 0 && value != "ALL_SUCCESS") {
      report(Severity::Warning, "tasks.run-if-without-upstream",
             "run_if " + value + " has no effect on a task without depends_on", *run_if,
             task_path(i).key("run_if"),
             "run_if decides from the states of the tasks this one depends on; a task without "
             "any starts when the job starts.");
    }
  }

  // Depth-first search with an explicit stack, so that a long chain of tasks cannot overflow
  // the call stack; every task and edge is visited once. A back edge closes a cycle, which
  // is printed from the task it returns to, following depends_on.
  void find_cycles() {
    enum class Mark : unsigned char { New, Open, Done };
    std::size_t count = m_tasks.items().size();
    std::vector<Mark> marks(count, Mark::New);
    struct Frame {
      std::size_t task;
      std::size_t next_edge;
    };
    std::vector<Frame> stack;
    std::vector<std::size_t> position(count, 0);  // a task's place in `stack` while Open
    std::size_t reported = 0;
    for (std::size_t root = 0; root < count; ++root) {
      if (marks[root] != Mark::New) continue;
      stack.push_back(Frame{root, 0});
      marks[root] = Mark::Open;
      position[root] = 0;
      while (!stack.empty()) {
        Frame& frame = stack.back();
        if (frame.next_edge == m_edges[frame.task].size()) {
          marks[frame.task] = Mark::Done;
          stack.pop_back();
          continue;
        }
        const Edge& edge = m_edges[frame.task][frame.next_edge++];
        if (marks[edge.parent] == Mark::New) {
          marks[edge.parent] = Mark::Open;
          position[edge.parent] = stack.size();
          stack.push_back(Frame{edge.parent, 0});
        } else if (marks[edge.parent] == Mark::Open && reported < k_max_cycles) {
          ++reported;
          report_cycle(stack, position[edge.parent], frame.task, edge);
        }
      }
    }
  }

  template <typename Stack>
  void report_cycle(const Stack& stack, std::size_t from, std::size_t task, const Edge& edge) {
    std::vector<std::string> names;
    for (std::size_t k = from; k < stack.size(); ++k) {
      names.push_back(task_key_of(m_tasks.items()[stack[k].task]));
    }
    names.push_back(names.front());
    report(Severity::Error, "tasks.cycle",
           "tasks depend on each other in a cycle: " + util::join(names, " -> "), *edge.key,
           task_path(task).key("depends_on").index(edge.entry).key("task_key"),
           "Each task waits for the next one (depends_on), so none of them can start.");
  }

  static constexpr std::size_t k_max_cycles = 20;  // per job; each one lists its tasks

  const CheckContext& m_context;
  const std::string& m_job_key;
  const Value& m_tasks;
  core::Diagnostics& m_diagnostics;
  std::unordered_map<std::string, std::size_t> m_index;  // task_key → first task with it
  std::vector<std::vector<Edge>> m_edges;
};

}  // namespace

void check_task_graph(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(context.bundle, "jobs",
                    [&](const std::string& key, const Value& job, const Path&) {
                      const Value* tasks = job.find("tasks");
                      if (!tasks || !tasks->is_sequence()) return;
                      JobGraph(context, key, *tasks, diagnostics).check();
                    });
}

}  // namespace bundlectl::validate
