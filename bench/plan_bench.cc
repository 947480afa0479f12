// plan_bench: times `bundlectl render` and `bundlectl plan` on the generated benchmark bundle
// (1,000 jobs of 20 tasks and 100 pipelines by default), against the embedded emulator.
//
//   plan_bench BUILD_DIR [--runs 5] [--out bench/out] [--jobs N] [--tasks N] [--pipelines N]
//
// Cases: render to stdout; plan with no state (every resource a create); plan against a state
// that holds today's specs (every resource unchanged: hashes only, nothing read but the
// state); plan against a state in which every job's spec differs in one task (every job an
// update, diffed field by field). Each run is a child process; every run must exit 0.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bundlectl/deploy/state.h"
#include "child_process.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

int usage() {
  std::cerr << "usage: plan_bench BUILD_DIR [--runs N] [--out DIR] [--jobs N] [--tasks N] "
               "[--pipelines N]\n";
  return 2;
}

// The payloads `bundlectl render` prints, read through a pipe.
json rendered_payloads(const std::string& bundlectl, const fs::path& bundle) {
  std::string command =
      bundlectl + " render --emulator -t prod -C '" + bundle.string() + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return nullptr;
  std::string text;
  char buffer[65536];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  if (pclose(pipe) != 0) return nullptr;
  return json::parse(text, nullptr, false);
}

// A state as deploy leaves it; with `change_jobs`, each job's first task differs.
void write_state(const fs::path& bundle, const json& rendered, bool change_jobs) {
  bundlectl::deploy::DeploymentState state;
  state.bundle = "bench_bundle";
  state.target = "prod";
  state.workspace = "emulator";
  state.lineage = "bench-lineage";
  state.serial = 1;
  int id = 0;
  for (const json& resource : rendered["resources"]) {
    if (!resource["supported"].get<bool>()) continue;
    json spec = resource["spec"];
    if (change_jobs && resource["type"] == "jobs" && spec.contains("tasks")) {
      spec["tasks"][0]["max_retries"] = 99;
    }
    state.resources[resource["address"].get<std::string>()] = {std::to_string(++id), spec,
                                                               bundlectl::deploy::spec_hash(spec)};
  }
  bundlectl::deploy::write_local_state(bundlectl::deploy::local_state_file(bundle, "prod"), state);
}

struct Figures {
  double min_ms = 0, median_ms = 0, max_ms = 0, cpu_median_ms = 0;
  long peak_kb = 0;
  bool ok = true;
};

Figures time_runs(const std::vector<std::string>& args, int runs, const std::string& log) {
  std::vector<double> times, cpu;
  Figures figures;
  for (int i = 0; i < runs; ++i) {
    bench::RunResult result = bench::run(args, log);
    if (result.status != 0) {
      figures.ok = false;
      return figures;
    }
    times.push_back(result.seconds * 1000);
    cpu.push_back(result.cpu_seconds * 1000);
    figures.peak_kb = std::max(figures.peak_kb, result.max_rss_kb);
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  figures.min_ms = times.front();
  figures.median_ms = times[times.size() / 2];
  figures.max_ms = times.back();
  figures.cpu_median_ms = cpu[cpu.size() / 2];
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  fs::path build = fs::absolute(argv[1]);
  fs::path out = "bench/out";
  int runs = 5;
  std::vector<std::string> shape;
  for (int i = 2; i < argc; i += 2) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return usage();
    std::string value = argv[i + 1];
    if (flag == "--runs") {
      runs = std::max(1, std::atoi(value.c_str()));
    } else if (flag == "--out") {
      out = value;
    } else if (flag == "--jobs" || flag == "--tasks" || flag == "--pipelines") {
      shape.insert(shape.end(), {flag, value});
    } else {
      return usage();
    }
  }
  const fs::path bundle = fs::absolute(out) / "plan";
  const std::string bundlectl = (build / "bundlectl").string();
  const std::string generator = (build / "bench" / "generate_bundle").string();
  const std::string log = (fs::absolute(out) / "plan-last-stderr.txt").string();
  fs::create_directories(fs::absolute(out));
  std::vector<std::string> generate = {generator, bundle.string()};
  generate.insert(generate.end(), shape.begin(), shape.end());
  fs::remove_all(bundle / ".bundlectl");
  if (bench::run(generate, log).status != 0) {
    std::cerr << "plan_bench: generate_bundle failed, see " << log << "\n";
    return 1;
  }
  const json rendered = rendered_payloads(bundlectl, bundle);
  if (!rendered.is_object()) {
    std::cerr << "plan_bench: render failed\n";
    return 1;
  }
  std::printf("%zu resources; load average at start: ", rendered["resources"].size());
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) > 0) std::printf("%.2f %.2f %.2f\n", load[0], load[1], load[2]);
  std::printf("\n%-26s %5s %9s %10s %9s %11s %12s\n", "case", "runs", "min ms", "median ms",
              "max ms", "cpu med ms", "peak RSS MB");
  const std::vector<std::string> base = {bundlectl, "-C",   bundle.string(),
                                         "-t",      "prod", "--emulator"};
  auto with = [&](const char* command) {
    std::vector<std::string> args = {bundlectl, command};
    args.insert(args.end(), base.begin() + 1, base.end());
    return args;
  };
  struct Case {
    const char* name;
    const char* command;
    int state;  // 0: none, 1: today's specs, 2: every job changed
  };
  bool all_ok = true;
  for (const Case& c :
       {Case{"render", "render", 0}, Case{"plan, no state", "plan", 0},
        Case{"plan, all unchanged", "plan", 1}, Case{"plan, every job updated", "plan", 2}}) {
    fs::remove(bundlectl::deploy::local_state_file(bundle, "prod"));
    if (c.state > 0) write_state(bundle, rendered, c.state == 2);
    Figures f = time_runs(with(c.command), runs, log);
    if (!f.ok) {
      std::cerr << "plan_bench: " << c.name << " failed, see " << log << "\n";
      all_ok = false;
      continue;
    }
    std::printf("%-26s %5d %9.0f %10.0f %9.0f %11.0f %12.1f\n", c.name, runs, f.min_ms, f.median_ms,
                f.max_ms, f.cpu_median_ms, f.peak_kb / 1024.0);
  }
  return all_ok ? 0 : 1;
}
