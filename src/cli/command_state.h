// The deployment state as commands after validate read and write it: the newer of the
// bundle's local copy and the workspace's, saved to both.
#pragma once

#include <optional>
#include <string>

#include "bundlectl/deploy/state.h"
#include "cli/command_bundle.h"

namespace bundlectl::cli {

// ${workspace.state_path} of the resolved target.
std::string state_path_of(const config::Bundle& bundle);

// The state to trust for this target and workspace (deploy::newest_state); nullopt before
// the first deploy.
std::optional<deploy::DeploymentState> read_command_state(CommandBundle& command);

// A state for a target never deployed: this bundle, target and workspace, a new lineage.
deploy::DeploymentState new_command_state(CommandBundle& command);

// Serial + 1, then the local copy and the workspace's.
void save_command_state(CommandBundle& command, deploy::DeploymentState& state);

// A random UUID version 4, as a new lineage.
std::string random_uuid_v4();

}  // namespace bundlectl::cli
