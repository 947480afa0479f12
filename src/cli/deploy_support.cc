#include "cli/deploy_support.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::cli {
namespace {

const char* past_tense(deploy::Action action) {
  switch (action) {
    case deploy::Action::Create: return "created";
    case deploy::Action::Update: return "updated";
    case deploy::Action::Delete: return "deleted";
    default: return deploy::action_name(action);
  }
}

}  // namespace

deploy::DeployTarget deploy_target(const CommandBundle& command) {
  const config::Bundle& bundle = command.bundle();
  deploy::DeployTarget target;
  target.bundle = config_text(bundle, {"bundle", "name"});
  target.target = bundle.target;
  target.workspace_id = command.workspace_id();
  target.root_path = config_text(bundle, {"workspace", "root_path"});
  target.state_path = config_text(bundle, {"workspace", "state_path"});
  if (target.state_path.empty() || target.root_path.empty()) {
    throw core::Failure("the target " + bundle.target +
                        " has no workspace.root_path or workspace.state_path to deploy to");
  }
  target.local_state = deploy::local_state_file(bundle.root, bundle.target);
  return target;
}

bool lock_enabled(const config::Bundle& bundle) {
  const core::Value* enabled = bundle.config.at({"bundle", "deployment", "lock", "enabled"});
  return !(enabled && enabled->is_bool() && !enabled->as_bool());
}

deploy::LockSettings lock_settings(const CommandBundle& command, bool force_lock) {
  const config::Bundle& bundle = command.bundle();
  deploy::LockSettings settings;
  settings.state_path = config_text(bundle, {"workspace", "state_path"});
  settings.target = bundle.target;
  settings.user = bundle.user ? bundle.user->user_name : "";
  const core::Value* force = bundle.config.at({"bundle", "deployment", "lock", "force"});
  settings.force = force_lock || (force && force->is_bool() && force->as_bool());
  if (const char* minutes = std::getenv("BUNDLECTL_LOCK_EXPIRY_MINUTES")) {
    char* end = nullptr;
    const long value = std::strtol(minutes, &end, 10);
    if (end == minutes || *end != '\0' || value <= 0 || value > 7 * 24 * 60) {
      throw core::UsageError(std::string("BUNDLECTL_LOCK_EXPIRY_MINUTES=") + minutes +
                             ": expected a whole number of minutes from 1 to 10080");
    }
    settings.expiry = std::chrono::minutes(value);
  }
  return settings;
}

std::function<bool(const std::vector<std::string>&)> delete_approval(bool auto_approve) {
  return [auto_approve](const std::vector<std::string>& addresses) {
    if (auto_approve) return true;
    if (::isatty(STDIN_FILENO) == 0) return false;
    std::cerr << "This deletes " << util::join(addresses, ", ") << ". Continue? [y/N] "
              << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    answer = util::to_lower(util::trim(answer));
    return answer == "y" || answer == "yes";
  };
}

std::string action_line(const deploy::ActionOutcome& outcome) {
  if (!outcome.error.empty()) {
    return std::string("failed to ") + deploy::action_name(outcome.action) + " " + outcome.address +
           ": " + outcome.error;
  }
  std::string line = std::string(outcome.recreated ? "recreated" : past_tense(outcome.action)) +
                     " " + outcome.address;
  if (!outcome.id.empty()) line += " (id " + outcome.id + ")";
  if (outcome.recreated) line += ": it had been deleted outside the bundle";
  return line;
}

}  // namespace bundlectl::cli
