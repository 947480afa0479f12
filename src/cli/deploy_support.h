// What deploy and destroy share on the command line: where the state and lock live for the
// loaded bundle, the lock's settings, the Ctrl-C handling and the question before deletes.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "bundlectl/deploy/deploy.h"
#include "cli/command_bundle.h"
#include "cli/interrupt_guard.h"

namespace bundlectl::cli {

deploy::DeployTarget deploy_target(const CommandBundle& command);

// bundle.deployment.lock.enabled (false in development mode unless set) and .force, with
// --force-lock; the expiry from BUNDLECTL_LOCK_EXPIRY_MINUTES (default 30).
bool lock_enabled(const config::Bundle& bundle);
deploy::LockSettings lock_settings(const CommandBundle& command, bool force_lock);

// With --auto-approve: yes. On a terminal: a y/N question on stderr. Otherwise: no.
std::function<bool(const std::vector<std::string>&)> delete_approval(bool auto_approve);

// "jobs.x (id 12)" style lines and the progress line on a terminal.
std::string action_line(const deploy::ActionOutcome& outcome);

}  // namespace bundlectl::cli
