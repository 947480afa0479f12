// bundlectl deploy: make the workspace match the bundle (deploy/deploy.h), telling the
// reader where it deploys, each action, and a closing count.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/deploy/deploy.h"
#include "bundlectl/render/resource_payloads.h"
#include "cli/commands.h"
#include "cli/deploy_support.h"

namespace bundlectl::cli {
namespace {

using Json = nlohmann::json;

struct DeployFlags {
  BundleFlags bundle;
  bool auto_approve = false;
  bool force_lock = false;
  bool fail_on_active_runs = false;
  std::size_t concurrency = 10;
  std::vector<std::string> select;
  std::string output = "text";
};

// The lines a person reads: actions on stdout as they end, the progress line redrawn on
// stderr when it is a terminal.
class TextProgress {
 public:
  explicit TextProgress(bool terminal) : m_terminal(terminal) {}

  void outcome(const deploy::ActionOutcome& outcome) {
    std::lock_guard<std::mutex> guard(m_mutex);
    clear();
    std::cout << action_line(outcome) << std::endl;
  }
  void progress(std::size_t done, std::size_t total, std::size_t in_flight) {
    if (!m_terminal) return;
    std::lock_guard<std::mutex> guard(m_mutex);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    char line[128];
    std::snprintf(line, sizeof line, "\r\033[K%zu of %zu done, %zu in flight, %.1f s", done, total,
                  in_flight, seconds);
    std::cerr << line << std::flush;
    m_drawn = true;
  }
  void clear() {
    if (m_drawn) std::cerr << "\r\033[K" << std::flush;
    m_drawn = false;
  }

 private:
  bool m_terminal;
  bool m_drawn = false;
  std::mutex m_mutex;
  std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

void warn_skips(const deploy::Plan& plan) {
  for (const deploy::PlannedChange& change : plan.changes) {
    if (change.action == deploy::Action::Skip) {
      std::cerr << "Warning: " << change.address << " is skipped: " << change.reason << "\n";
    }
  }
}

std::string closing_line(const deploy::DeployReport& report) {
  const deploy::ApplyResult& result = report.result;
  std::string counts = std::to_string(result.count(deploy::Action::Create)) + " created, " +
                       std::to_string(result.count(deploy::Action::Update)) + " updated, " +
                       std::to_string(result.count(deploy::Action::Delete)) + " deleted, " +
                       std::to_string(report.plan.count(deploy::Action::Unchanged)) + " unchanged";
  std::string heading = "Deploy complete: ";
  if (report.no_changes) {
    heading = "No changes: ";
  } else if (result.interrupted) {
    heading = "Deploy interrupted: ";
    counts += ", " + std::to_string(result.not_started) + " not started";
  } else if (result.failures() > 0 || result.not_started > 0) {
    heading = "Deploy failed: ";
    counts += ", " + std::to_string(result.failures()) + " failed";
  }
  if (report.files.uploaded + report.files.deleted > 0) {
    counts += "; files: " + std::to_string(report.files.uploaded) + " uploaded, " +
              std::to_string(report.files.deleted) + " deleted";
  }
  return heading + counts;
}

Json report_json(const deploy::DeployReport& report, const CommandBundle& command,
                 const deploy::DeployTarget& target) {
  Json actions = Json::array();
  for (const deploy::ActionOutcome& outcome : report.result.outcomes) {
    Json action = {{"action", deploy::action_name(outcome.action)},
                   {"address", outcome.address},
                   {"id", outcome.id}};
    if (!outcome.error.empty()) action["error"] = outcome.error;
    if (outcome.recreated) action["recreated"] = true;
    actions.push_back(std::move(action));
  }
  Json skipped = Json::array();
  for (const deploy::PlannedChange& change : report.plan.changes) {
    if (change.action == deploy::Action::Skip) {
      skipped.push_back({{"address", change.address}, {"reason", change.reason}});
    }
  }
  const deploy::ApplyResult& result = report.result;
  return Json{{"bundle", target.bundle},
              {"target", target.target},
              {"destination", command.destination()},
              {"no_changes", report.no_changes},
              {"interrupted", result.interrupted},
              {"adopted", report.adopted},
              {"actions", std::move(actions)},
              {"skipped", std::move(skipped)},
              {"summary",
               {{"created", result.count(deploy::Action::Create)},
                {"updated", result.count(deploy::Action::Update)},
                {"deleted", result.count(deploy::Action::Delete)},
                {"unchanged", report.plan.count(deploy::Action::Unchanged)},
                {"failed", result.failures()},
                {"not_started", result.not_started},
                {"files_uploaded", report.files.uploaded},
                {"files_deleted", report.files.deleted}}}};
}

core::ExitCode run(const DeployFlags& flags) {
  if (flags.concurrency < 1 || flags.concurrency > 64) {
    throw core::UsageError("--concurrency " + std::to_string(flags.concurrency) +
                           ": expected 1 to 64 calls in flight");
  }
  CommandBundle command = load_command_bundle(flags.bundle);
  const deploy::DeployTarget target = deploy_target(command);
  const bool text = flags.output == "text";
  (text ? std::cout : std::cerr) << "Deploying bundle " << target.bundle << " (target "
                                 << target.target << ") to " << command.destination() << std::endl;
  const std::vector<render::ResourcePayload> payloads = render::render_payloads(command.bundle());
  InterruptGuard interrupt;
  TextProgress progress(text && ::isatty(STDERR_FILENO) != 0);
  deploy::DeployOptions options;
  options.select = flags.select;
  options.lock_enabled = lock_enabled(command.bundle());
  options.lock = lock_settings(command, flags.force_lock);
  options.fail_on_active_runs = flags.fail_on_active_runs;
  options.apply.concurrency = flags.concurrency;
  options.apply.interrupted = &InterruptGuard::flag();
  if (text) {
    options.apply.on_outcome = [&progress](const deploy::ActionOutcome& outcome) {
      progress.outcome(outcome);
    };
    options.apply.on_progress = [&progress](std::size_t done, std::size_t total,
                                            std::size_t in_flight) {
      progress.progress(done, total, in_flight);
    };
  }
  options.approve_deletes = delete_approval(flags.auto_approve);
  options.on_plan = warn_skips;
  const config::Bundle& bundle = command.bundle();
  api::Workspace& workspace = command.workspace();
  options.files.local = [&bundle] { return deploy::local_files(bundle); };
  options.files.sync = [&bundle, &workspace](const deploy::FileHashes& previous,
                                             const deploy::SyncOptions& sync) {
    return deploy::sync_files(workspace, bundle, previous, sync);
  };
  const deploy::DeployReport report =
      deploy::run_deploy(command.workspace(), target, payloads, options);
  progress.clear();
  if (text) {
    if (report.adopted > 0) {
      std::cout << "found " << report.adopted
                << " resources a killed or failed deploy had made; adopted them\n";
    }
    std::cout << closing_line(report) << "\n";
  } else {
    std::cout << report_json(report, command, target).dump(2) << "\n";
  }
  if (report.result.interrupted) return core::ExitCode::Interrupted;
  const bool failed = report.result.failures() > 0 || report.result.not_started > 0;
  return failed ? core::ExitCode::Failure : core::ExitCode::Success;
}

}  // namespace

CommandBody define_deploy_command(CLI::App& app, const GlobalOptions& /*globals*/) {
  auto flags = std::make_shared<DeployFlags>();
  add_bundle_flags(app, flags->bundle);
  app.add_flag("--auto-approve", flags->auto_approve,
               "Delete resources the bundle no longer has without asking");
  app.add_flag("--force-lock", flags->force_lock, "Take the deploy lock whoever holds it");
  app.add_flag("--fail-on-active-runs", flags->fail_on_active_runs,
               "Refuse to change or delete a job that has runs in progress");
  app.add_option("--concurrency", flags->concurrency, "API calls in flight at once (default 10)");
  app.add_option("--select", flags->select, "Deploy only these resources (keys or type.key)")
      ->take_all();
  app.add_option("-o,--output", flags->output, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [flags] { return run(*flags); };
}

}  // namespace bundlectl::cli
