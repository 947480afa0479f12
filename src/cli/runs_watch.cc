// runs watch and runs repair: the `runs` subcommands that follow runs to their end.
#include <iostream>
#include <map>

#include "bundlectl/runs/follow_run.h"
#include "bundlectl/runs/progress.h"
#include "bundlectl/runs/watch.h"
#include "bundlectl/util/strings.h"
#include "cli/run_report.h"
#include "cli/runs_subcommands.h"

namespace bundlectl::cli {
namespace {

using nlohmann::json;

// The live view of several runs: their frames one under the other.
std::function<void(const std::vector<runs::RunView>&)> watch_progress(const std::string& progress) {
  if (use_live_view(progress)) {
    auto screen = std::make_shared<runs::LiveScreen>(std::cerr);
    return [screen](const std::vector<runs::RunView>& views) {
      std::string frame;
      std::int64_t now = runs::wall_now_ms();
      for (const runs::RunView& run : views) frame += runs::live_frame(run, now);
      screen->draw(frame);
    };
  }
  auto plain = std::make_shared<std::map<std::int64_t, std::unique_ptr<runs::ProgressView>>>();
  return [plain](const std::vector<runs::RunView>& views) {
    for (const runs::RunView& run : views) {
      auto& view = (*plain)[run.run_id];
      if (!view) view = runs::make_plain_progress(std::cerr);
      view->update(run, runs::wall_now_ms());
    }
  };
}

core::ExitCode runs_watch(const RunsFlags& flags) {
  RunSession session = open_run_session(flags.bundle);
  std::vector<std::int64_t> ids;
  for (const std::string& id : flags.run_ids) ids.push_back(parse_run_id(id));
  InterruptGuard catcher;
  api::SystemClock clock;
  runs::WatchedRuns watched = runs::watch_runs(
      session.workspace(), ids, [&](runs::RunView& run) { session.name(run); },
      watch_progress(flags.progress), follow_options(clock, flags.timeout));
  bool all_succeeded = true;
  json list = json::array();
  for (const runs::RunView& run : watched.runs) {
    all_succeeded = all_succeeded && run.succeeded();
    if (flags.output == "json") {
      list.push_back(run_document(run));
    } else {
      std::cout << run_summary_line(run) << "\n";
    }
  }
  if (flags.output == "json") std::cout << json{{"runs", list}}.dump(2) << "\n";
  if (watched.end == runs::FollowEnd::TimedOut) {
    std::cerr << "Error: the runs did not all end within " << flags.timeout << "\n";
    return core::ExitCode::Failure;
  }
  if (watched.end == runs::FollowEnd::Interrupted) return core::ExitCode::Interrupted;
  return all_succeeded ? core::ExitCode::Success : core::ExitCode::RunNotSuccessful;
}

json repair_request(const RunsFlags& flags, const json& run) {
  if (flags.rerun_all_failed == !flags.tasks.empty()) {
    throw core::UsageError("runs repair needs one of --rerun-all-failed or --tasks a,b");
  }
  json body = json::object();
  if (flags.rerun_all_failed) body["rerun_all_failed_tasks"] = true;
  if (!flags.tasks.empty()) body["rerun_tasks"] = flags.tasks;
  // Naming the latest repair makes a repeated request fail instead of repairing twice.
  if (run.contains("latest_repair_id")) body["latest_repair_id"] = run["latest_repair_id"];
  return body;
}

core::ExitCode runs_repair(const RunsFlags& flags) {
  RunSession session = open_run_session(flags.bundle);
  std::int64_t run_id = parse_run_id(flags.run_ids.at(0));
  json request = repair_request(flags, session.workspace().get_run(run_id));
  std::int64_t repair_id = session.workspace().repair_run(run_id, request);
  runs::RunView run = runs::run_view_from_api(session.workspace().get_run(run_id));
  session.name(run);
  std::cerr << "Repair " << repair_id << " of run " << run_id << ": " << run.url << "\n";
  if (!flags.wait) {
    if (flags.output == "json") {
      std::cout << run_document(run, {{"repair_id", repair_id}}).dump(2) << "\n";
    } else {
      std::cout << "Started repair " << repair_id << " of run " << run_id << "\n";
    }
    return core::ExitCode::Success;
  }
  InterruptGuard catcher;
  api::SystemClock clock;
  std::unique_ptr<runs::ProgressView> progress = progress_view(flags.progress);
  runs::FollowedRun followed = runs::follow_job_run(
      session.workspace(), run_id, [&](runs::RunView& view) { session.name(view); }, progress.get(),
      follow_options(clock, flags.timeout));
  return report_followed(session, std::move(followed),
                         {flags.output, flags.cancel_on_interrupt, flags.timeout});
}

}  // namespace

CLI::App* add_runs_subcommand(CLI::App& app, const char* name, const char* summary,
                              RunsFlags& flags, const std::vector<std::string>& outputs) {
  CLI::App* sub = app.add_subcommand(name, summary);
  add_bundle_flags(*sub, flags.bundle);
  sub->add_option("-o,--output", flags.output, "Output: " + util::join(outputs, ", "))
      ->check(CLI::IsMember(outputs));
  return sub;
}

void define_runs_watch(CLI::App& app, RunsFlags& flags, RunsBody& chosen) {
  CLI::App* watch =
      add_runs_subcommand(app, "watch", "Follow runs to their end", flags, {"text", "json"});
  watch->add_option("RUN_ID", flags.run_ids, "The runs")->required();
  watch->add_option("--timeout", flags.timeout, "Stop following after this long: 90s, 5m");
  watch->add_option("--progress", flags.progress, "auto, live or plain")
      ->check(CLI::IsMember({"auto", "live", "plain"}));
  watch->callback([&chosen] { chosen = runs_watch; });
}

void define_runs_repair(CLI::App& app, RunsFlags& flags, RunsBody& chosen) {
  CLI::App* repair = add_runs_subcommand(app, "repair",
                                         "Rerun the failed or chosen tasks of an "
                                         "ended run",
                                         flags, {"text", "json"});
  repair->add_option("RUN_ID", flags.run_ids, "The run")->required()->expected(1);
  repair->add_flag("--rerun-all-failed", flags.rerun_all_failed, "Rerun every task that failed");
  repair->add_option("--tasks", flags.tasks, "Rerun these tasks: a,b")->delimiter(',');
  repair->add_flag("--wait", flags.wait, "Follow the repaired run to its end");
  repair->add_option("--timeout", flags.timeout, "With --wait: stop following after this long");
  repair->add_option("--progress", flags.progress, "auto, live or plain")
      ->check(CLI::IsMember({"auto", "live", "plain"}));
  repair->add_flag("--cancel-on-interrupt", flags.cancel_on_interrupt,
                   "With --wait: cancel the run on Ctrl-C");
  repair->callback([&chosen] { chosen = runs_repair; });
}

}  // namespace bundlectl::cli
