// run_deploy: the order of a deploy. An unchanged bundle is recognised from the state alone,
// before the lock, so a no-op redeploy writes nothing; anything else happens under the lock,
// from the state as it is once the lock is held.
#include "bundlectl/deploy/deploy.h"

#include <set>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/strings.h"
#include "deploy/time_text.h"

namespace bundlectl::deploy {
namespace {

std::optional<DeploymentState> current_state(api::Workspace& workspace,
                                             const DeployTarget& target) {
  return newest_state(read_local_state(target.local_state),
                      read_remote_state(workspace, target.state_path), target.workspace_id);
}

DeploymentState fresh_state(const DeployTarget& target) {
  DeploymentState state;
  state.bundle = target.bundle;
  state.target = target.target;
  state.workspace = target.workspace_id;
  state.lineage = random_uuid();
  return state;
}

bool selected(const std::vector<std::string>& select, const PlannedChange& change) {
  if (select.empty()) return true;
  const std::string key = change.address.substr(change.address.find('.') + 1);
  for (const std::string& name : select) {
    if (name == change.address || name == key) return true;
  }
  return false;
}

// --select names that match no resource of the bundle or the state are a usage error.
void check_select(const std::vector<std::string>& select, const Plan& plan) {
  std::vector<std::string> known;
  for (const PlannedChange& change : plan.changes) known.push_back(change.address);
  for (const std::string& name : select) {
    bool found = false;
    for (const PlannedChange& change : plan.changes) found = found || selected({name}, change);
    if (!found) {
      throw core::UsageError("--select " + util::quoted(name) + " names no resource of the bundle" +
                             util::did_you_mean(name, known));
    }
  }
}

Plan plan_for(const std::vector<render::ResourcePayload>& payloads, const DeploymentState* state,
              const std::vector<std::string>& select) {
  Plan full = make_plan(payloads, state);
  check_select(select, full);
  Plan plan;
  for (PlannedChange& change : full.changes) {
    if (selected(select, change)) plan.changes.push_back(std::move(change));
  }
  return plan;
}

bool files_changed(const FileUpload& files, const DeploymentState& state) {
  return files.local && files.sync && files.local() != state.files;
}

std::vector<std::string> deletes_of(const Plan& plan) {
  std::vector<std::string> addresses;
  for (const PlannedChange& change : plan.changes) {
    if (change.action == Action::Delete) addresses.push_back(change.address);
  }
  return addresses;
}

// Under fail_on_active_runs: the jobs to update or delete that have a run in progress.
void refuse_active_runs(api::Workspace& workspace, const Plan& plan) {
  std::vector<std::string> busy;
  for (const PlannedChange& change : plan.changes) {
    const bool changes_job = util::starts_with(change.address, "jobs.") &&
                             (change.action == Action::Update || change.action == Action::Delete);
    const bool numeric = !change.id.empty() && change.id.size() <= 18 &&
                         change.id.find_first_not_of("0123456789") == std::string::npos;
    if (!changes_job || !numeric) continue;
    api::RunListFilter filter;
    filter.job_id = std::stoll(change.id);
    filter.active_only = true;
    filter.max_results = 1;
    if (!workspace.list_runs(filter).empty()) busy.push_back(change.address);
  }
  if (!busy.empty()) {
    throw core::Failure("jobs with active runs would change: " + util::join(busy, ", ") +
                        " (--fail-on-active-runs)");
  }
}

SyncResult upload_files(const FileUpload& files, StateRecorder& recorder,
                        const DeploymentState& state, std::size_t concurrency) {
  SyncOptions options;
  options.concurrency = concurrency;
  std::mutex serialised;
  options.on_synced = [&recorder, &serialised](const std::string& path, const std::string& hash) {
    std::lock_guard<std::mutex> guard(serialised);
    recorder.set_files(path, hash);
  };
  return files.sync(state.files, options);
}

// The end of every deploy that changed something, failed or not: the state says whether a
// scan for lost creations is needed next time, and the workspace gets its copy.
void finish(StateRecorder& recorder, bool clean) {
  recorder.set_in_progress(!clean);
  recorder.push();
}

}  // namespace

DeployReport run_deploy(api::Workspace& workspace, const DeployTarget& target,
                        const std::vector<render::ResourcePayload>& payloads,
                        const DeployOptions& options) {
  DeployReport report;
  std::optional<DeploymentState> before = current_state(workspace, target);
  if (before && !before->deploy_in_progress) {
    report.plan = plan_for(payloads, &*before, options.select);
    if (report.plan.empty() && !files_changed(options.files, *before)) {
      report.no_changes = true;
      if (options.on_plan) options.on_plan(report.plan);
      return report;
    }
  }
  DeployLock lock(workspace, options.lock);
  if (options.lock_enabled) lock.acquire();
  DeploymentState state = current_state(workspace, target).value_or(fresh_state(target));
  if (state.deploy_in_progress) {
    report.adopted = adopt_lost_creations(workspace, target, payloads, state);
  }
  report.plan = plan_for(payloads, &state, options.select);
  if (options.on_plan) options.on_plan(report.plan);
  const std::vector<std::string> deletes = deletes_of(report.plan);
  if (!deletes.empty() && !(options.approve_deletes && options.approve_deletes(deletes))) {
    throw core::Failure("the deploy would delete " + util::join(deletes, ", ") +
                        "; pass --auto-approve to allow it");
  }
  if (options.fail_on_active_runs) refuse_active_runs(workspace, report.plan);
  const bool upload = files_changed(options.files, state);
  if (report.plan.empty() && !upload && !state.deploy_in_progress) {
    report.no_changes = true;
    lock.release();
    return report;
  }
  StateRecorder recorder(state, target.local_state, &workspace, target.state_path);
  recorder.set_in_progress(true);
  recorder.push();  // from here on, a deploy that dies is recovered by the next one
  try {
    if (upload) {
      report.files = upload_files(options.files, recorder, state, options.apply.concurrency);
    }
    report.result = apply_plan(workspace, report.plan, recorder, options.apply);
  } catch (...) {
    finish(recorder, false);
    throw;
  }
  finish(recorder, report.result.failures() == 0 && report.result.not_started == 0);
  lock.release();
  return report;
}

DestroyReport run_destroy(api::Workspace& workspace, const DeployTarget& target,
                          const DeployOptions& options) {
  DestroyReport report;
  DeployLock lock(workspace, options.lock);
  if (options.lock_enabled) lock.acquire();
  DeploymentState state = current_state(workspace, target).value_or(fresh_state(target));
  for (const auto& [address, resource] : state.resources) {
    PlannedChange change;
    change.action = Action::Delete;
    change.address = address;
    change.id = resource.id;
    report.plan.changes.push_back(std::move(change));
  }
  if (options.on_plan) options.on_plan(report.plan);
  const std::vector<std::string> deletes = deletes_of(report.plan);
  if (!deletes.empty() && !(options.approve_deletes && options.approve_deletes(deletes))) {
    throw core::Failure("destroy would delete " + util::join(deletes, ", ") +
                        "; pass --auto-approve to allow it");
  }
  StateRecorder recorder(state, target.local_state, &workspace, target.state_path);
  report.result = apply_plan(workspace, report.plan, recorder, options.apply);
  if (report.result.failures() > 0 || report.result.not_started > 0) {
    recorder.push();  // what is left is still known, to the next destroy too
    return report;
  }
  try {
    workspace.delete_path(target.root_path, /*recursive=*/true);
  } catch (const api::ApiError& error) {
    if (error.code() != api::ApiErrorCode::NotFound) throw;
  }
  report.root_deleted = true;
  std::error_code ignored;
  std::filesystem::remove(target.local_state, ignored);
  lock.release();
  return report;
}

}  // namespace bundlectl::deploy
