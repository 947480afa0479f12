// The apply scheduler: a fixed pool of workers takes the changes whose dependencies have
// ended, so up to `concurrency` calls are in flight and none runs before what it refers to.
#include "bundlectl/deploy/apply.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <thread>

#include "deploy/apply_calls.h"
#include "render/resource_references.h"

namespace bundlectl::deploy {
namespace {

bool is_write(Action action) {
  return action == Action::Create || action == Action::Update || action == Action::Delete;
}

struct Task {
  const PlannedChange* change = nullptr;
  std::size_t waiting_for = 0;          // dependencies not ended yet
  std::vector<std::size_t> dependents;  // tasks that wait for this one
  std::string blocked_by;               // a dependency that failed
  bool done = false;
};

ActionOutcome failed_outcome(const PlannedChange& change, std::string error) {
  ActionOutcome outcome;
  outcome.action = change.action;
  outcome.address = change.address;
  outcome.id = change.id;
  outcome.error = std::move(error);
  return outcome;
}

class Scheduler {
 public:
  Scheduler(api::Workspace& workspace, const Plan& plan, StateRecorder& recorder,
            const ApplyOptions& options)
      : m_workspace(workspace), m_recorder(recorder), m_options(options) {
    build_tasks(plan);
  }

  ApplyResult run() {
    std::vector<std::thread> workers;
    const std::size_t count =
        std::max<std::size_t>(1, std::min(m_options.concurrency, m_tasks.size()));
    for (std::size_t i = 0; i < count && !m_tasks.empty(); ++i) {
      workers.emplace_back([this] { work(); });
    }
    wait_pushing_state();
    for (std::thread& worker : workers) worker.join();
    m_result.interrupted = interrupted();
    for (const Task& task : m_tasks) {
      if (!task.done) ++m_result.not_started;
    }
    return std::move(m_result);
  }

 private:
  void build_tasks(const Plan& plan) {
    std::map<std::string, std::size_t> index;
    for (const PlannedChange& change : plan.changes) {
      if (!is_write(change.action)) continue;
      index[change.address] = m_tasks.size();
      Task task;
      task.change = &change;
      m_tasks.push_back(std::move(task));
    }
    std::vector<std::size_t> creates_and_updates;
    for (std::size_t i = 0; i < m_tasks.size(); ++i) {
      const PlannedChange& change = *m_tasks[i].change;
      if (change.action == Action::Delete) continue;
      creates_and_updates.push_back(i);
      if (!change.payload) continue;
      for (const std::string& dependency : change.payload->depends_on) {
        const auto found = index.find(dependency);
        if (found == index.end() || found->second == i) continue;
        if (m_tasks[found->second].change->action == Action::Delete) continue;
        m_tasks[found->second].dependents.push_back(i);
        ++m_tasks[i].waiting_for;
      }
    }
    // Deletes wait for every create and update, so nothing still refers to what goes away.
    for (std::size_t i = 0; i < m_tasks.size(); ++i) {
      if (m_tasks[i].change->action != Action::Delete) continue;
      for (std::size_t before : creates_and_updates) m_tasks[before].dependents.push_back(i);
      m_tasks[i].waiting_for = creates_and_updates.size();
    }
    order_deletes(index);
    for (std::size_t i = 0; i < m_tasks.size(); ++i) {
      if (m_tasks[i].waiting_for == 0) m_ready.push_back(i);
    }
    m_unfinished = m_tasks.size();
  }

  // A resource is deleted after the resources that refer to it (by their last applied spec):
  // a job that runs a pipeline goes before the pipeline.
  void order_deletes(const std::map<std::string, std::size_t>& index) {
    const DeploymentState state = m_recorder.snapshot();
    for (std::size_t i = 0; i < m_tasks.size(); ++i) {
      const PlannedChange& change = *m_tasks[i].change;
      if (change.action != Action::Delete) continue;
      const auto applied = state.resources.find(change.address);
      if (applied == state.resources.end()) continue;
      for (const std::string& referred :
           render::referenced_resources(applied->second.spec, change.address)) {
        const auto found = index.find(referred);
        if (found == index.end() || m_tasks[found->second].change->action != Action::Delete) {
          continue;
        }
        m_tasks[i].dependents.push_back(found->second);
        ++m_tasks[found->second].waiting_for;
      }
    }
  }

  bool interrupted() const {
    return m_options.interrupted != nullptr && m_options.interrupted->load();
  }

  // The calling thread pushes the state every push_interval while the workers call.
  void wait_pushing_state() {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (m_unfinished > 0 && !(interrupted() && m_in_flight == 0)) {
      if (m_ready.empty() && m_in_flight == 0) {
        fail_cycle();
        break;
      }
      m_changed.wait_for(lock, std::chrono::milliseconds(100));
      lock.unlock();
      try {
        m_recorder.push_if_due(m_options.push_interval);
      } catch (const std::exception&) {
        // The push at the end of the deploy reports it; the local copy is already written.
      }
      lock.lock();
    }
    m_stopping = true;
    m_changed.notify_all();
  }

  // Nothing ready, nothing in flight, something left: those changes wait for each other.
  // With m_mutex held.
  void fail_cycle() {
    for (std::size_t i = 0; i < m_tasks.size(); ++i) {
      if (m_tasks[i].done) continue;
      const PlannedChange& change = *m_tasks[i].change;
      m_tasks[i].done = true;
      --m_unfinished;
      ActionOutcome outcome = failed_outcome(change, "not applied: its dependencies form a cycle");
      if (m_options.on_outcome) m_options.on_outcome(outcome);
      m_result.outcomes.push_back(std::move(outcome));
    }
  }

  void work() {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (true) {
      m_changed.wait(lock, [this] { return m_stopping || interrupted() || !m_ready.empty(); });
      if (m_stopping || interrupted() || m_ready.empty()) {
        m_changed.notify_all();
        return;
      }
      const std::size_t next = m_ready.front();
      m_ready.pop_front();
      Task& task = m_tasks[next];
      if (!task.blocked_by.empty()) {
        finish(next,
               ActionOutcome{task.change->action, task.change->address, task.change->id,
                             "not applied: it depends on " + task.blocked_by + ", which failed"});
        continue;
      }
      ++m_in_flight;
      report_progress();
      lock.unlock();
      ActionOutcome outcome = call(*task.change);
      lock.lock();
      --m_in_flight;
      finish(next, std::move(outcome));
    }
  }

  ActionOutcome call(const PlannedChange& change) {
    try {
      return perform_change(m_workspace, change, m_recorder);
    } catch (const std::exception& error) {
      return failed_outcome(change, error.what());
    }
  }

  // With m_mutex held.
  void finish(std::size_t index, ActionOutcome outcome) {
    Task& task = m_tasks[index];
    task.done = true;
    --m_unfinished;
    const bool failed = !outcome.error.empty();
    for (std::size_t dependent : task.dependents) {
      Task& waiting = m_tasks[dependent];
      // A failed create or update does not hold up deletes; a failed delete holds up the
      // deletes of what that resource referred to.
      const bool blocks =
          waiting.change->action != Action::Delete || task.change->action == Action::Delete;
      if (failed && blocks && waiting.blocked_by.empty()) {
        waiting.blocked_by = task.change->address;
      }
      if (--waiting.waiting_for == 0) m_ready.push_back(dependent);
    }
    if (m_options.on_outcome) m_options.on_outcome(outcome);
    m_result.outcomes.push_back(std::move(outcome));
    report_progress();
    m_changed.notify_all();
  }

  void report_progress() {
    if (m_options.on_progress) {
      m_options.on_progress(m_tasks.size() - m_unfinished, m_tasks.size(), m_in_flight);
    }
  }

  api::Workspace& m_workspace;
  StateRecorder& m_recorder;
  const ApplyOptions& m_options;
  std::vector<Task> m_tasks;
  std::deque<std::size_t> m_ready;
  std::size_t m_unfinished = 0;
  std::size_t m_in_flight = 0;
  bool m_stopping = false;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  ApplyResult m_result;
};

}  // namespace

std::size_t ApplyResult::count(Action action) const {
  std::size_t total = 0;
  for (const ActionOutcome& outcome : outcomes) {
    if (outcome.action == action && outcome.error.empty()) ++total;
  }
  return total;
}

std::size_t ApplyResult::failures() const {
  std::size_t total = 0;
  for (const ActionOutcome& outcome : outcomes) {
    if (!outcome.error.empty()) ++total;
  }
  return total;
}

ApplyResult apply_plan(api::Workspace& workspace, const Plan& plan, StateRecorder& recorder,
                       const ApplyOptions& options) {
  return Scheduler(workspace, plan, recorder, options).run();
}

}  // namespace bundlectl::deploy
