// validate_bench: generates a large and a small bundle and times `bundlectl validate` on them.
//
//   validate_bench BUILD_DIR [--runs 5] [--out bench/out] [--jobs 1000] [--tasks 20]
//                  [--files 50] [--pipelines 100]
//
// BUILD_DIR holds the built `bundlectl` and `generate_bundle`; nothing is built here. Each
// validate runs as a child process: wall time is measured with steady_clock around
// fork/exec/wait4, peak memory is the child's ru_maxrss from wait4. Every run must exit 0.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "child_process.h"

namespace {

namespace fs = std::filesystem;
using bench::run;
using bench::RunResult;

std::uintmax_t yaml_bytes(const fs::path& dir, int& files) {
  std::uintmax_t total = 0;
  files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yml") {
      total += entry.file_size();
      ++files;
    }
  }
  return total;
}

struct Case {
  std::string bundle;  // "big" or "small"
  std::string target;  // a target name, or "--all-targets"
};

int usage() {
  std::cerr << "usage: validate_bench BUILD_DIR [--runs N] [--out DIR] [--jobs N] [--tasks N] "
               "[--files N] [--pipelines N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  fs::path build = fs::absolute(argv[1]);
  fs::path out = "bench/out";
  int runs = 5;
  std::vector<std::string> shape;  // passed on to generate_bundle for the big bundle
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return usage();
    std::string value = argv[++i];
    if (flag == "--runs")
      runs = std::max(1, std::atoi(value.c_str()));
    else if (flag == "--out")
      out = value;
    else if (flag == "--jobs" || flag == "--tasks" || flag == "--files" || flag == "--pipelines") {
      shape.push_back(flag);
      shape.push_back(value);
    } else {
      return usage();
    }
  }
  out = fs::absolute(out);
  std::string bundlectl = (build / "bundlectl").string();
  // Benchmarks land in BUILD_DIR/bench; accept BUILD_DIR itself too.
  std::string generator = (build / "bench" / "generate_bundle").string();
  if (access(generator.c_str(), X_OK) != 0) generator = (build / "generate_bundle").string();
  for (const std::string& binary : {bundlectl, generator}) {
    if (access(binary.c_str(), X_OK) != 0) {
      std::cerr << "validate_bench: " << binary << " is not built\n";
      return 1;
    }
  }
  fs::create_directories(out);
  std::string log = (out / "last-stderr.txt").string();

  std::vector<std::string> big = {generator, (out / "big").string()};
  big.insert(big.end(), shape.begin(), shape.end());
  std::vector<std::string> small = {generator,     (out / "small").string(),
                                    "--jobs",      "3",
                                    "--tasks",     "4",
                                    "--files",     "2",
                                    "--pipelines", "1"};
  for (const auto& args : {big, small}) {
    if (run(args, log).status != 0) {
      std::cerr << "validate_bench: generate_bundle failed, see " << log << "\n";
      return 1;
    }
  }
  for (const char* name : {"big", "small"}) {
    int files = 0;
    std::uintmax_t bytes = yaml_bytes(out / name, files);
    std::printf("%-5s bundle: %d files, %.2f MB of YAML\n", name, files, bytes / 1e6);
  }
  // Wall time depends on what else the machine runs; CPU time (user + system, summed over
  // threads) much less so. Both are printed, with the load average at the start.
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) > 0)
    std::printf("load average: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  std::printf("\n%-6s %-14s %5s %10s %10s %10s %11s %13s\n", "bundle", "target", "runs", "min ms",
              "median ms", "max ms", "cpu med ms", "peak RSS MB");

  std::vector<Case> cases;
  for (const char* bundle : {"big", "small"}) {
    for (const char* target : {"dev", "staging", "prod", "--all-targets"}) {
      cases.push_back({bundle, target});
    }
  }
  bool all_ok = true;
  for (const Case& c : cases) {
    std::vector<std::string> args = {bundlectl, "validate",         "-C", (out / c.bundle).string(),
                                     "--user",  "bench@example.com"};
    if (c.target == "--all-targets") {
      args.push_back(c.target);
    } else {
      args.push_back("-t");
      args.push_back(c.target);
    }
    std::vector<double> times;
    std::vector<double> cpu_times;
    long peak_kb = 0;
    for (int i = 0; i < runs; ++i) {
      RunResult result = run(args, log);
      if (result.status != 0) {
        std::cerr << "validate_bench: validate of " << c.bundle << " " << c.target
                  << " failed (exit " << result.status << "), see " << log << "\n";
        all_ok = false;
        break;
      }
      times.push_back(result.seconds * 1000);
      cpu_times.push_back(result.cpu_seconds * 1000);
      peak_kb = std::max(peak_kb, result.max_rss_kb);
    }
    if (times.empty()) continue;
    std::sort(times.begin(), times.end());
    std::sort(cpu_times.begin(), cpu_times.end());
    std::printf("%-6s %-14s %5zu %10.1f %10.1f %10.1f %11.1f %13.1f\n", c.bundle.c_str(),
                c.target.c_str(), times.size(), times.front(), times[times.size() / 2],
                times.back(), cpu_times[cpu_times.size() / 2], peak_kb / 1024.0);
    std::fflush(stdout);
  }
  return all_ok ? 0 : 1;
}
