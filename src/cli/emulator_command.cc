// `bundlectl emulator serve`: a local Databricks workspace over HTTP until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "bundlectl/emulator/embedded_emulator.h"
#include "bundlectl/emulator/server_options.h"
#include "bundlectl/util/file_read.h"
#include "cli/commands.h"

namespace bundlectl::cli {
namespace {

struct ServeFlags {
  emulator::ServerOptions options;
  std::vector<std::string> fault_texts;
  std::string faults_file;
};

std::vector<emulator::FaultRule> read_fault_rules(const ServeFlags& flags) {
  std::vector<emulator::FaultRule> rules;
  try {
    for (const std::string& text : flags.fault_texts)
      rules.push_back(emulator::parse_fault_rule(text));
    if (!flags.faults_file.empty()) {
      util::FileText file = util::read_input_file(flags.faults_file);
      if (!file.text) {
        throw core::UsageError(util::cannot_read("fault rules file " + flags.faults_file, file));
      }
      for (auto& rule : emulator::parse_fault_rules(*file.text)) rules.push_back(rule);
    }
  } catch (const std::invalid_argument& e) {
    throw core::UsageError(e.what());
  }
  return rules;
}

// Blocks SIGINT and SIGTERM in every thread (the server's inherit the mask) and waits for
// one of them here, so shutdown runs on the main thread, outside any signal handler.
int wait_for_stop_signal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int received = 0;
  sigwait(&signals, &received);
  return received;
}

core::ExitCode serve(ServeFlags& flags) {
  flags.options.faults = read_fault_rules(flags);
  // The served emulator logs one line per notification event at info level, which the
  // default level (warn) would hide; `--log-level error` still does.
  if (spdlog::get_level() == spdlog::level::warn) spdlog::set_level(spdlog::level::info);
  if (flags.options.db_path.empty()) flags.options.db_path = emulator::default_emulator_db(".");
  bool generated = flags.options.token.empty();
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  emulator::EmbeddedEmulator server;
  std::string url = server.start(flags.options);
  std::cout << "Listening on " << url << std::endl;
  if (generated) std::cout << "Token: " << server.token() << std::endl;
  int received = wait_for_stop_signal();
  server.stop();
  std::cout << "Stopped" << std::endl;
  return received == SIGINT ? core::ExitCode::Interrupted : core::ExitCode::Success;
}

}  // namespace

CommandBody define_emulator_command(CLI::App& app, const GlobalOptions&) {
  auto flags = std::make_shared<ServeFlags>();
  app.require_subcommand(1);
  CLI::App* sub = app.add_subcommand("serve", "Serve an emulated Databricks workspace over HTTP");
  emulator::ServerOptions& options = flags->options;
  options.db_path.clear();
  sub->add_option("--host", options.host, "Address to bind (loopback by default)")
      ->capture_default_str();
  sub->add_option("--port", options.port, "Port to bind; 0 picks a free one and prints it")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--db", options.db_path,
                  "SQLite file of the workspace (default .bundlectl/emulator.db)");
  sub->add_option("--token", options.token,
                  "Bearer token clients must send (generated when omitted)")
      ->envname("BUNDLECTL_EMULATOR_TOKEN");
  sub->add_option("--latency-ms", options.latency_ms, "Delay added to every answer")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--fault", flags->fault_texts,
                  "Fault rule ROUTE:STATUS|drop[:SHARE[:RETRY_AFTER]] (repeatable)");
  sub->add_option("--faults-file", flags->faults_file, "File of fault rules, one per line")
      ->check(CLI::ExistingFile);
  sub->add_option("--max-body-bytes", options.max_body_bytes, "Largest request body accepted")
      ->capture_default_str();
  sub->add_option("--threads", options.threads, "Worker threads: connections served at once")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--run-pending-ms", options.run_pending_ms, "Time a new run stays PENDING")
      ->capture_default_str();
  sub->add_option("--task-duration-ms", options.task_duration_ms,
                  "Time each task run stays RUNNING")
      ->capture_default_str();
  sub->add_option("--scenario", options.scenario_file,
                  "Scenario file (YAML) scripting what each task of a run does")
      ->envname("BUNDLECTL_EMULATOR_SCENARIO")
      ->check(CLI::ExistingFile);
  sub->add_option("--clock", options.clock,
                  "system, or manual[:START_MS]: a clock that moves only through POST "
                  "/api/2.0/emulator/clock (default: the database's manual clock if it has one)")
      ->check([](const std::string& text) {
        try {
          emulator::parse_clock_choice(text);
          return std::string();
        } catch (const std::invalid_argument& e) {
          return std::string(e.what());
        }
      });
  return [flags] { return serve(*flags); };
}

}  // namespace bundlectl::cli
