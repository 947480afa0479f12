// What `run` and every `runs` subcommand start from: the loaded bundle and its workspace,
// the deployment state of the target (which job id a key names), and the terminal facts
// the progress views depend on.
#pragma once

#include <optional>
#include <string>

#include "bundlectl/deploy/state.h"
#include "bundlectl/runs/deployed.h"
#include "bundlectl/runs/follow.h"
#include "bundlectl/runs/run_view.h"
#include "cli/command_bundle.h"
#include "cli/interrupt_guard.h"

namespace bundlectl::cli {

struct RunSession {
  CommandBundle command;
  std::optional<deploy::DeploymentState> state;
  std::string target;

  api::Workspace& workspace() { return command.workspace(); }
  // Adds the job key (from the state) and the target to a view from the API.
  void name(runs::RunView& run) const;
  runs::DeployedResource find(const std::string& key, const std::string& noun) const;
};

RunSession open_run_session(const BundleFlags& flags);

// "30s", "5m", "1h30m", "90" (seconds): --timeout. Throws core::UsageError naming `flag`.
runs::Millis parse_duration(const std::string& text, const std::string& flag);

// A RUN_ID argument: a positive integer, else a usage error.
std::int64_t parse_run_id(const std::string& text);

// --progress auto|live|plain: live only when auto and stderr is a terminal.
bool use_live_view(const std::string& progress);

}  // namespace bundlectl::cli
