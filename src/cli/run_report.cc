#include "cli/run_report.h"

#include <cstdlib>
#include <iostream>
#include <random>

#include "bundlectl/runs/task_outputs.h"

namespace bundlectl::cli {
namespace {

using nlohmann::json;

const char* follow_end_text(runs::FollowEnd end) {
  switch (end) {
    case runs::FollowEnd::Ended: return "ended";
    case runs::FollowEnd::TimedOut: return "timed_out";
    case runs::FollowEnd::Interrupted: return "interrupted";
  }
  return "ended";
}

// Ctrl-C: stop following; with --cancel-on-interrupt cancel the run and read it once more.
void handle_interrupt(RunSession& session, runs::FollowedRun& followed, bool cancel) {
  std::int64_t run_id = followed.run.run_id;
  if (!cancel) {
    std::cerr << "Stopped following run " << run_id << "; it goes on (bundlectl runs watch "
              << run_id << ")\n";
    return;
  }
  session.workspace().cancel_run(run_id);
  followed.run = runs::run_view_from_api(session.workspace().get_run(run_id));
  session.name(followed.run);
  std::cerr << "Canceled run " << run_id << "\n";
}

}  // namespace

json run_document(const runs::RunView& run, const json& extra) {
  json document = runs::run_view_to_json(run, runs::wall_now_ms());
  for (const auto& [key, value] : extra.items()) document[key] = value;
  return document;
}

std::string run_summary_line(const runs::RunView& run) {
  std::string line = "Run " + std::to_string(run.run_id);
  if (!run.job_key.empty()) line += " (" + run.job_key + ")";
  line += " " + runs::state_text(run.state, run.result);
  if (run.ended()) line += " in " + runs::duration_text(run.duration_ms(runs::wall_now_ms()));
  if (run.ended() && !run.succeeded() && !run.message.empty()) line += ": " + run.message;
  return line;
}

core::ExitCode report_followed(RunSession& session, runs::FollowedRun followed,
                               const ReportOptions& options) {
  if (followed.end == runs::FollowEnd::Interrupted) {
    handle_interrupt(session, followed, options.cancel_on_interrupt);
  }
  std::vector<runs::TaskOutput> outputs;
  if (followed.run.ended()) outputs = runs::collect_outputs(session.workspace(), followed.run);
  if (options.output == "json") {
    json extra = {{"following", follow_end_text(followed.end)},
                  {"outputs", runs::outputs_to_json(outputs)}};
    std::cout << run_document(followed.run, extra).dump(2) << "\n";
  } else {
    std::cout << run_summary_line(followed.run) << "\n";
    runs::print_outputs(std::cout, outputs);
    const char* actions = std::getenv("GITHUB_ACTIONS");
    if (followed.run.ended() && actions != nullptr && std::string(actions) == "true") {
      runs::print_github_annotations(std::cout, followed.run, outputs);
    }
  }
  if (followed.end == runs::FollowEnd::TimedOut) {
    std::cerr << "Error: run " << followed.run.run_id << " did not end within "
              << options.timeout_text << "; it is still " << followed.run.state
              << " (bundlectl runs watch " << followed.run.run_id << ")\n";
    return core::ExitCode::Failure;
  }
  if (followed.end == runs::FollowEnd::Interrupted) return core::ExitCode::Interrupted;
  return followed.run.succeeded() ? core::ExitCode::Success : core::ExitCode::RunNotSuccessful;
}

std::string new_idempotency_token() {
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string token = "bundlectl-";
  for (int i = 0; i < 32; ++i) token += "0123456789abcdef"[digit(random)];
  return token;
}

runs::FollowOptions follow_options(api::Clock& clock, const std::string& timeout) {
  runs::FollowOptions options;
  options.clock = &clock;
  if (!timeout.empty()) options.timeout = parse_duration(timeout, "--timeout");
  options.interrupted = [] { return InterruptGuard::interrupted(); };
  return options;
}

std::unique_ptr<runs::ProgressView> progress_view(const std::string& progress) {
  return use_live_view(progress) ? runs::make_live_progress(std::cerr)
                                 : runs::make_plain_progress(std::cerr);
}

}  // namespace bundlectl::cli
