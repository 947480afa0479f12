// A whole deploy and a whole destroy of one bundle target: state, lock, recovery of lost
// creations, plan, file upload and apply, in that order. The CLI only gathers the inputs and
// prints; everything that decides what is called lives here.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bundlectl/deploy/apply.h"
#include "bundlectl/deploy/file_sync.h"
#include "bundlectl/deploy/lock.h"
#include "bundlectl/deploy/plan.h"
#include "bundlectl/render/resource_payloads.h"

namespace bundlectl::deploy {

struct DeployTarget {
  std::string bundle;        // bundle.name
  std::string target;        // the target deployed
  std::string workspace_id;  // the state's name for the workspace: a host URL or "emulator"
  std::string root_path;     // ${workspace.root_path}
  std::string state_path;    // ${workspace.state_path}
  std::filesystem::path local_state;  // .bundlectl/<target>/resources.json
};

// The bundle's files, when deploy uploads them: `local` lists them with their hashes and
// `sync` uploads what differs from `previous`, reporting each file through on_synced. Unset
// functions: the files are not uploaded by this deploy.
struct FileUpload {
  std::function<FileHashes()> local;
  std::function<SyncResult(const FileHashes& previous, const SyncOptions& options)> sync;
};

struct DeployOptions {
  std::vector<std::string> select;  // keys or addresses; empty: every resource
  bool lock_enabled = true;
  LockSettings lock;
  bool fail_on_active_runs = false;
  ApplyOptions apply;
  // Asked with the addresses the deploy would delete; false stops it (core::Failure).
  std::function<bool(const std::vector<std::string>&)> approve_deletes;
  // Told the plan that will be applied, before anything is changed.
  std::function<void(const Plan&)> on_plan;
  FileUpload files;
};

struct DeployReport {
  Plan plan;
  ApplyResult result;
  SyncResult files;
  std::size_t adopted = 0;  // resources found by their tags or names instead of made again
  bool no_changes = false;  // nothing was written to the workspace
};

// Throws core::LockHeldError when another deploy holds the lock, core::UsageError for a
// --select that names nothing, core::Failure when deletes are refused or a job to change has
// active runs under fail_on_active_runs. Failed calls are in the report, not thrown; the
// state is pushed to the workspace at the end whatever happened.
DeployReport run_deploy(api::Workspace& workspace, const DeployTarget& target,
                        const std::vector<render::ResourcePayload>& payloads,
                        const DeployOptions& options);

// Adds to `state` every job of the workspace whose three bundle tags name this bundle, this
// target and a key the state lacks, and every pipeline named as a payload the state lacks;
// their spec is left empty so the plan updates them to the bundle's. Returns how many.
std::size_t adopt_lost_creations(api::Workspace& workspace, const DeployTarget& target,
                                 const std::vector<render::ResourcePayload>& payloads,
                                 DeploymentState& state);

struct DestroyReport {
  Plan plan;  // a delete per resource of the state
  ApplyResult result;
  bool root_deleted = false;
};

// Deletes every resource of the state and then ${workspace.root_path}, under the lock.
DestroyReport run_destroy(api::Workspace& workspace, const DeployTarget& target,
                          const DeployOptions& options);

}  // namespace bundlectl::deploy
