// bundlectl destroy: delete every resource the deployment state knows and the bundle's
// workspace folder, under the deploy lock.
#include <iostream>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/deploy/deploy.h"
#include "cli/commands.h"
#include "cli/deploy_support.h"

namespace bundlectl::cli {
namespace {

struct DestroyFlags {
  BundleFlags bundle;
  bool auto_approve = false;
  bool force_lock = false;
};

core::ExitCode run(const DestroyFlags& flags) {
  CommandBundle command = load_command_bundle(flags.bundle);
  const deploy::DeployTarget target = deploy_target(command);
  std::cout << "Destroying bundle " << target.bundle << " (target " << target.target << ") in "
            << command.destination() << std::endl;
  InterruptGuard interrupt;
  deploy::DeployOptions options;
  options.lock_enabled = lock_enabled(command.bundle());
  options.lock = lock_settings(command, flags.force_lock);
  options.apply.interrupted = &InterruptGuard::flag();
  options.apply.on_outcome = [](const deploy::ActionOutcome& outcome) {
    std::cout << action_line(outcome) << std::endl;
  };
  options.approve_deletes = delete_approval(flags.auto_approve);
  const deploy::DestroyReport report = deploy::run_destroy(command.workspace(), target, options);
  const std::size_t deleted = report.result.count(deploy::Action::Delete);
  if (report.result.interrupted) {
    std::cout << "Destroy interrupted: " << deleted << " deleted, " << report.result.not_started
              << " not started\n";
    return core::ExitCode::Interrupted;
  }
  if (!report.root_deleted) {
    std::cout << "Destroy failed: " << deleted << " deleted, " << report.result.failures()
              << " failed; " << target.root_path << " was kept\n";
    return core::ExitCode::Failure;
  }
  std::cout << "deleted " << target.root_path << "\nDestroy complete: " << deleted << " deleted\n";
  return core::ExitCode::Success;
}

}  // namespace

CommandBody define_destroy_command(CLI::App& app, const GlobalOptions& /*globals*/) {
  auto flags = std::make_shared<DestroyFlags>();
  add_bundle_flags(app, flags->bundle);
  app.add_flag("--auto-approve", flags->auto_approve, "Delete without asking");
  app.add_flag("--force-lock", flags->force_lock, "Take the deploy lock whoever holds it");
  return [flags] { return run(*flags); };
}

}  // namespace bundlectl::cli
