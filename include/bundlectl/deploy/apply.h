// Applying a plan: one API call per change, many in flight, in dependency order, with the
// deployment state recorded after every call that succeeded, so a deploy that dies half-way
// leaves a state that says exactly what exists.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bundlectl/deploy/plan.h"
#include "bundlectl/deploy/state.h"

namespace bundlectl::api {
class Workspace;
}

namespace bundlectl::deploy {

// The state of one deploy, shared by the calls in flight: every change bumps the serial and
// is on disk (written atomically) before record/forget/... return. Writes are group commits:
// while one write is under way the changes of other calls gather, and the next write covers
// them all, so a thousand calls do not mean a thousand rewrites of a growing file. The
// workspace's copy is pushed when asked, at most as often as `push_interval` by push_if_due.
class StateRecorder {
 public:
  StateRecorder(DeploymentState state, std::filesystem::path local_file, api::Workspace* workspace,
                std::string state_path);

  void record(const std::string& address, ResourceState resource);
  void forget(const std::string& address);
  void set_files(const std::string& path, const std::string& hash);  // "" removes it
  void set_in_progress(bool in_progress);  // bumps the serial, written locally
  // The id of a resource known so far ("" when none).
  std::string id_of(const std::string& address) const;
  DeploymentState snapshot() const;

  // Pushes the state to the workspace (nothing when there is no workspace). Pushes are
  // serialised; a failure is thrown to the caller.
  void push();
  // Pushes when `interval` has passed since the last push and the state changed since.
  void push_if_due(std::chrono::milliseconds interval);

 private:
  // With m_mutex held through `lock`: returns once a write that includes the current state
  // has finished (by this thread or another).
  void save_locked(std::unique_lock<std::mutex>& lock);

  mutable std::mutex m_mutex;
  std::condition_variable m_written_cv;
  std::int64_t m_changes = 0;  // changes made so far
  std::int64_t m_written = 0;  // changes on disk
  bool m_writing = false;
  // Each resource's JSON, serialised when it changes: a write composes the file from these
  // instead of serialising every spec again.
  std::map<std::string, std::string> m_resource_text;
  DeploymentState m_state;
  std::filesystem::path m_local_file;
  api::Workspace* m_workspace;
  std::string m_state_path;
  std::mutex m_push_mutex;
  std::int64_t m_pushed_serial = -1;
  std::chrono::steady_clock::time_point m_last_push = std::chrono::steady_clock::now();
};

struct ActionOutcome {
  Action action = Action::Unchanged;
  std::string address;
  std::string id;          // the remote id after the call ("" for a failed create)
  std::string error;       // "" when the call succeeded
  bool recreated = false;  // an update whose object was gone, so it was created again
};

struct ApplyOptions {
  std::size_t concurrency = 10;
  std::chrono::milliseconds push_interval{5000};
  // Set (by a signal handler) to stop issuing calls; those in flight finish and are recorded.
  const std::atomic<bool>* interrupted = nullptr;
  // Called after each change, serialised, from any thread.
  std::function<void(const ActionOutcome&)> on_outcome;
  // Called serialised whenever a call starts or ends: done, total, in flight.
  std::function<void(std::size_t, std::size_t, std::size_t)> on_progress;
};

struct ApplyResult {
  std::vector<ActionOutcome> outcomes;  // in the order they ended
  std::size_t not_started = 0;          // left undone by an interruption or a failed dependency
  bool interrupted = false;
  std::size_t count(Action action) const;  // successful outcomes of that action
  std::size_t failures() const;
};

// Applies the creates, updates and deletes of `plan` (unchanged and skipped changes are left
// alone). A create or update waits for the resources it depends_on that the plan creates or
// updates; deletes run once every create and update has ended. Each call fills
// ${resources.<type>.<key>.id} in the payload with the ids known so far. Never throws for a
// failed call: the failure is an outcome, and its dependents are not started.
ApplyResult apply_plan(api::Workspace& workspace, const Plan& plan, StateRecorder& recorder,
                       const ApplyOptions& options = {});

// Replaces every ${resources.<type>.<key>.id} in the strings of `spec` with the id `id_of`
// gives; a string that is only such a reference to a numeric id becomes a number (job_id
// fields are integers). Throws core::Failure naming the reference when an id is unknown.
nlohmann::json fill_resource_ids(const nlohmann::json& spec,
                                 const std::function<std::string(const std::string&)>& id_of);

}  // namespace bundlectl::deploy
