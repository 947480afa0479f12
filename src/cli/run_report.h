// How `run`, `runs repair --wait` and `runs watch` end: the run's final state, its tasks'
// outputs, and the exit code (0 SUCCESS, 4 any other end, 130 interrupted, 1 timed out).
#pragma once

#include <string>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/runs/follow_run.h"
#include "cli/run_session.h"

namespace bundlectl::cli {

struct ReportOptions {
  std::string output = "text";  // text | json
  bool cancel_on_interrupt = false;
  std::string timeout_text;  // as given, for the message
};

// Prints the outcome of a followed run: text on stdout (and notes on stderr), or one JSON
// document on stdout that always carries the run's state as last seen.
core::ExitCode report_followed(RunSession& session, runs::FollowedRun followed,
                               const ReportOptions& options);

// The JSON document of a run (docs/runs.md: Run), with `extra` fields merged in.
nlohmann::json run_document(const runs::RunView& run,
                            const nlohmann::json& extra = nlohmann::json::object());

// One text line for a run: "Run 12 (nightly) TERMINATED SUCCESS in 1.2s".
std::string run_summary_line(const runs::RunView& run);

// A fresh random idempotency token for run-now.
std::string new_idempotency_token();

// The follow options of a command: the system clock, --timeout, Ctrl-C.
runs::FollowOptions follow_options(api::Clock& clock, const std::string& timeout);

// The progress view --progress chooses, on stderr.
std::unique_ptr<runs::ProgressView> progress_view(const std::string& progress);

}  // namespace bundlectl::cli
