// hostile_bench: times `bundlectl validate` on the small hostile bundles of issue 12: one map
// of 80,000 keys, a chain of 20,000 variables, references that double 40 times (strings and
// complex variables). Each must end in bounded time and memory: exit 0 or 1, never a signal.
//
//   hostile_bench BUILD_DIR [--runs 3] [--out bench/out]
//
// The bundles are written to OUT/hostile/<case>/ (ignored by git); nothing is built here.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "child_process.h"

namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  std::function<std::string()> yaml;  // the databricks.yml
};

std::string header() { return "bundle: {name: hostile}\nworkspace: {host: https://x.example}\n"; }

std::string map_of_keys() {
  std::string text = header() + "resources:\n  jobs:\n    j:\n      name: j\n      tags:\n";
  for (int i = 0; i < 80000; ++i) text += "        k" + std::to_string(i) + ": v\n";
  return text;
}

std::string variable_chain() {
  std::string text = header() + "variables:\n";
  for (int i = 0; i < 20000; ++i) {
    text += "  v" + std::to_string(i) + ": " +
            (i == 19999 ? std::string("end") : "${var.v" + std::to_string(i + 1) + "}") + "\n";
  }
  return text;
}

std::string doubling(bool complex) {
  std::string text = header() + "variables:\n";
  text += complex ? "  a0: {type: complex, default: [x]}\n" : "  a0: x\n";
  for (int i = 1; i <= 40; ++i) {
    std::string previous = "${var.a" + std::to_string(i - 1) + "}";
    std::string quoted = "\"" + previous + "\"";  // "{" in a flow list needs quotes
    text += "  a" + std::to_string(i) + ": " +
            (complex ? "{type: complex, default: [" + quoted + ", " + quoted + "]}"
                     : previous + previous) +
            "\n";
  }
  return text;
}

// The first line of the child's stderr that is an error, for the table.
std::string first_error(const std::string& log) {
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Error:", 0) == 0) return line.substr(0, 90);
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: hostile_bench BUILD_DIR [--runs N] [--out DIR]\n";
    return 2;
  }
  fs::path build = fs::absolute(argv[1]);
  fs::path out = "bench/out";
  int runs = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    if (flag == "--out") out = argv[i + 1];
  }
  std::string bundlectl = (build / "bundlectl").string();
  if (access(bundlectl.c_str(), X_OK) != 0) {
    std::cerr << "hostile_bench: " << bundlectl << " is not built\n";
    return 1;
  }
  out = fs::absolute(out) / "hostile";
  std::vector<Case> cases = {{"map-80000-keys", map_of_keys},
                             {"chain-20000-vars", variable_chain},
                             {"doubling-strings", [] { return doubling(false); }},
                             {"doubling-complex", [] { return doubling(true); }}};
  std::printf("%-18s %6s %5s %10s %10s %13s  %s\n", "case", "KB", "exit", "median ms", "cpu ms",
              "peak RSS MB", "first error");
  bool all_bounded = true;
  for (const Case& c : cases) {
    fs::path dir = out / c.name;
    fs::create_directories(dir);
    std::string yaml = c.yaml();
    std::ofstream(dir / "databricks.yml", std::ios::binary) << yaml;
    std::string log = (dir / "stderr.txt").string();
    std::vector<double> times;
    std::vector<double> cpu_times;
    long peak_kb = 0;
    int status = 0;
    for (int i = 0; i < runs; ++i) {
      bench::RunResult result = bench::run(
          {bundlectl, "validate", "-C", dir.string(), "--user", "bench@example.com"}, log);
      status = result.status;
      times.push_back(result.seconds * 1000);
      cpu_times.push_back(result.cpu_seconds * 1000);
      peak_kb = std::max(peak_kb, result.max_rss_kb);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu_times.begin(), cpu_times.end());
    // 0 or 1 is an answer; anything else (a signal is -1) is what this benchmark guards.
    if (status != 0 && status != 1) all_bounded = false;
    std::printf("%-18s %6zu %5d %10.1f %10.1f %13.1f  %s\n", c.name.c_str(), yaml.size() / 1024,
                status, times[times.size() / 2], cpu_times[cpu_times.size() / 2], peak_kb / 1024.0,
                first_error(log).c_str());
    std::fflush(stdout);
  }
  return all_bounded ? 0 : 1;
}
