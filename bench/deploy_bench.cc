// Deploy of a 1,000-job bundle to an emulator that answers every request 20 ms late: wall
// time against the ideal (API calls × latency ÷ concurrency), then the no-op redeploy.
//
// Usage: deploy_bench [--bundlectl build/bundlectl] [--jobs 1000] [--latency-ms 20]
//                     [--concurrency 10]
// The client's rate limit is lifted (DATABRICKS_RATE_LIMIT) so the figure measures deploy's
// own concurrency, not the default 15 requests a second.
#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "bundlectl/emulator/embedded_emulator.h"
#include "child_process.h"

namespace {

struct Options {
  std::string bundlectl = "build/bundlectl";
  int jobs = 1000;
  int latency_ms = 20;
  int concurrency = 10;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--bundlectl") {
      options.bundlectl = value;
    } else if (flag == "--jobs") {
      options.jobs = std::stoi(value);
    } else if (flag == "--latency-ms") {
      options.latency_ms = std::stoi(value);
    } else if (flag == "--concurrency") {
      options.concurrency = std::stoi(value);
    } else {
      throw std::invalid_argument("unknown flag " + flag);
    }
  }
  return options;
}

void write_bundle(const std::filesystem::path& root, int jobs) {
  std::filesystem::create_directories(root / "src");
  std::ofstream(root / "src" / "nb.py") << "# Databricks notebook source\nprint(1)\n";
  std::ofstream out(root / "databricks.yml");
  out << "bundle:\n  name: bench\ntargets:\n  ci:\n    default: true\n    workspace:\n"
         "      root_path: /Workspace/Shared/bench\nresources:\n  jobs:\n";
  for (int i = 0; i < jobs; ++i) {
    out << "    job_" << i << ":\n      name: job_" << i
        << "\n      tasks:\n        - task_key: main\n          notebook_task:\n"
           "            notebook_path: ./src/nb.py\n";
  }
}

// Every request the emulator answered, summed over routes and statuses.
long api_calls(const bundlectl::emulator::EmbeddedEmulator& emulator) {
  httplib::Client client(emulator.base_url());
  auto response = client.Get("/metrics", {{"Authorization", "Bearer " + emulator.token()}});
  if (!response) return -1;
  long total = 0;
  std::regex line("emulator_http_requests_total\\{[^}]*\\} (\\d+)");
  for (auto it = std::sregex_iterator(response->body.begin(), response->body.end(), line);
       it != std::sregex_iterator(); ++it) {
    total += std::stol((*it)[1]);
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  const std::filesystem::path root =
      std::filesystem::temp_directory_path() / ("deploy_bench." + std::to_string(::getpid()));
  write_bundle(root, options.jobs);
  bundlectl::emulator::ServerOptions server;
  const std::filesystem::path db = root.string() + ".db";  // outside the bundle's files
  server.db_path = db.string();
  server.latency_ms = options.latency_ms;
  bundlectl::emulator::EmbeddedEmulator emulator;
  emulator.start(server);
  ::setenv("DATABRICKS_HOST", emulator.base_url().c_str(), 1);
  ::setenv("DATABRICKS_TOKEN", emulator.token().c_str(), 1);
  ::setenv("DATABRICKS_RATE_LIMIT", "100000", 1);
  ::setenv("HOME", root.c_str(), 1);
  const std::vector<std::string> deploy = {
      options.bundlectl, "deploy",        "-C",
      root.string(),     "--concurrency", std::to_string(options.concurrency)};
  const long before = api_calls(emulator);
  const std::string errors = root.string() + ".err";
  const bench::RunResult first = bench::run(deploy, errors);
  const long calls = api_calls(emulator) - before - 1;  // less our own /metrics read
  const bench::RunResult again = bench::run(deploy, errors);
  const long noop_calls = api_calls(emulator) - before - calls - 2;
  const double ideal = calls * options.latency_ms / 1000.0 / options.concurrency;
  std::printf(
      "deploy of %d jobs, %d ms latency, concurrency %d: exit %d, %.2f s wall, %ld API "
      "calls, ideal %.2f s, ratio %.2f\n",
      options.jobs, options.latency_ms, options.concurrency, first.status, first.seconds, calls,
      ideal, first.seconds / ideal);
  std::printf("no-op redeploy: exit %d, %.2f s wall, %ld API calls\n", again.status, again.seconds,
              noop_calls);
  std::filesystem::remove_all(root);
  std::filesystem::remove(db);
  if (first.status == 0 && again.status == 0) std::filesystem::remove(errors);
  return first.status == 0 && again.status == 0 ? 0 : 1;
} catch (const std::exception& error) {
  std::fprintf(stderr, "deploy_bench: %s\n", error.what());
  return 2;
}
