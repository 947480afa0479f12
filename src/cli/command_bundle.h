// The start every command after validate shares (render, plan, deploy, destroy, summary,
// run): read the files, open the workspace the target names (or the embedded emulator),
// resolve the target for that workspace's user, and check it as validate does. A command
// then runs only its own phase.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "bundlectl/config/load.h"
#include "cli/bundle_flags.h"
#include "cli/workspace_session.h"

namespace bundlectl::cli {

struct CommandBundle {
  std::unique_ptr<WorkspaceSession> session;  // declared first: it outlives what refers to it
  config::LoadResult loaded;                  // complete, with no errors

  api::Workspace& workspace() { return *session->workspace(); }
  const config::Bundle& bundle() const { return loaded.bundle; }
  // Where this command's calls go, for the first line of its output: "the emulator
  // (.bundlectl/emulator.db)" or the host URL. Never silent about which.
  std::string destination() const;
  // The deployment state's name for that workspace: "emulator" or the host URL.
  std::string workspace_id() const;
};

// Whether the command needs a workspace. Render does not: like validate, it runs in a pull
// request without credentials when the current user is given (--user, DATABRICKS_USER).
enum class WorkspaceNeed { Required, UserSuffices };

// A scalar of the resolved configuration as text ("" when absent): workspace.state_path, ...
std::string config_text(const config::Bundle& bundle, std::initializer_list<std::string_view> keys);

// Throws core::Failure when no workspace is configured (naming why) or when the bundle has
// errors; its findings (errors and warnings) are printed to stderr first, as validate prints
// them. With UserSuffices, a known user stands in for a missing workspace and
// `workspace()` must not be called (`session->workspace()` is nullptr).
CommandBundle load_command_bundle(const BundleFlags& flags,
                                  WorkspaceNeed need = WorkspaceNeed::Required);

}  // namespace bundlectl::cli
