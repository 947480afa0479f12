// The flags the `runs` subcommands share, and the subcommands defined in their own files.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "bundlectl/core/exit_code.h"
#include "cli/bundle_flags.h"

namespace bundlectl::cli {

struct RunsFlags {
  BundleFlags bundle;
  std::string output = "text";
  std::string key;                   // list KEY
  bool active = false;               // list --active
  std::size_t limit = 0;             // list --limit
  std::vector<std::string> run_ids;  // get, watch, cancel, repair, output
  std::string all_key;               // cancel --all KEY
  std::string task;                  // output --task
  bool rerun_all_failed = false;     // repair
  std::vector<std::string> tasks;    // repair --tasks
  bool wait = false;                 // repair --wait
  std::string timeout;               // watch, repair --wait
  std::string progress = "auto";     // watch, repair --wait
  bool cancel_on_interrupt = false;  // repair --wait
};

using RunsBody = std::function<core::ExitCode(const RunsFlags&)>;

// A subcommand with the bundle flags and -o restricted to `outputs`.
CLI::App* add_runs_subcommand(CLI::App& app, const char* name, const char* summary,
                              RunsFlags& flags, const std::vector<std::string>& outputs);

void define_runs_watch(CLI::App& app, RunsFlags& flags, RunsBody& chosen);
void define_runs_repair(CLI::App& app, RunsFlags& flags, RunsBody& chosen);

}  // namespace bundlectl::cli
