// 1,000 concurrent runs of a 20-task job through the emulator's real HTTP API: every run is
// started with run-now, followed with runs/get until it ends, and checked task by task.
// Prints the wall time, the requests made and the process's peak RSS (VmHWM: the embedded
// emulator and this load generator together, as they share the process).
//
// Usage: emulator_runs_bench [--runs 1000] [--clients 16] [--task-ms 100] [--fail]
// --fail attaches a scenario to each run (run-now's emulator_scenario) failing task t05: the
// run must end FAILED, t05 FAILED, what depends on it UPSTREAM_FAILED, the rest SUCCESS.
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bundlectl/emulator/embedded_emulator.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int k_task_count = 20;
constexpr const char* k_failing_task = "t05";

struct Options {
  int runs = 1000;
  int clients = 16;
  std::int64_t task_ms = 100;
  bool fail = false;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--fail") {
      options.fail = true;
      continue;
    }
    if (i + 1 >= argc) throw std::invalid_argument("flag " + flag + " needs a value");
    std::string value = argv[++i];
    if (flag == "--runs")
      options.runs = std::max(1, std::min(100'000, std::stoi(value)));
    else if (flag == "--clients")
      options.clients = std::max(1, std::min(256, std::stoi(value)));
    else if (flag == "--task-ms")
      options.task_ms = std::max(1, std::min(60'000, std::stoi(value)));
    else
      throw std::invalid_argument("unknown flag " + flag);
  }
  return options;
}

std::string task_key(int i) {
  char key[8];
  std::snprintf(key, sizeof key, "t%02d", i);
  return key;
}

// t00 fans out to t01..t09, which fan in to t10; t10 fans out to t11..t18, which fan in to
// t19: five layers, so a run takes five task durations after it leaves PENDING.
json twenty_task_job(int max_concurrent_runs) {
  auto depends = [](int from, int to) {
    json out = json::array();
    for (int i = from; i <= to; ++i) out.push_back({{"task_key", task_key(i)}});
    return out;
  };
  json tasks = json::array();
  for (int i = 0; i < k_task_count; ++i) {
    json task = {{"task_key", task_key(i)},
                 {"notebook_task", {{"notebook_path", "/Shared/" + task_key(i)}}}};
    if (i >= 1 && i <= 9) task["depends_on"] = depends(0, 0);
    if (i == 10) task["depends_on"] = depends(1, 9);
    if (i >= 11 && i <= 18) task["depends_on"] = depends(10, 10);
    if (i == 19) task["depends_on"] = depends(11, 18);
    tasks.push_back(task);
  }
  return {
      {"name", "bench-20-tasks"}, {"max_concurrent_runs", max_concurrent_runs}, {"tasks", tasks}};
}

// What each task must end as: t05 fails, t10 and everything after it is UPSTREAM_FAILED.
std::string expected_result(const std::string& key, bool fail) {
  if (!fail) return "SUCCESS";
  if (key == k_failing_task) return "FAILED";
  return key >= "t10" ? "UPSTREAM_FAILED" : "SUCCESS";
}

// One keep-alive client per thread; counts every request it sends.
class ApiClient {
 public:
  ApiClient(const std::string& url, const std::string& token, std::atomic<long>& requests)
      : m_client(url), m_requests(requests) {
    m_client.set_keep_alive(true);
    m_client.set_default_headers({{"Authorization", "Bearer " + token}});
    m_client.set_read_timeout(60, 0);
  }
  json post(const std::string& path, const json& body) {
    ++m_requests;
    auto reply = m_client.Post(path, body.dump(), "application/json");
    return checked(reply, path);
  }
  json get(const std::string& path) {
    ++m_requests;
    return checked(m_client.Get(path), path);
  }

 private:
  static json checked(const httplib::Result& reply, const std::string& path) {
    if (!reply) throw std::runtime_error(path + ": " + httplib::to_string(reply.error()));
    if (reply->status != 200) {
      throw std::runtime_error(path + ": HTTP " + std::to_string(reply->status) + " " +
                               reply->body);
    }
    return json::parse(reply->body);
  }

  httplib::Client m_client;
  std::atomic<long>& m_requests;
};

// "" when `run` ended as expected, else what is wrong.
std::string check_run(const json& run, bool fail) {
  std::string want = fail ? "FAILED" : "SUCCESS";
  if (run["state"].value("result_state", "") != want) return "run ended " + run["state"].dump();
  if (run["tasks"].size() != static_cast<std::size_t>(k_task_count)) return "task count";
  for (const json& task : run["tasks"]) {
    std::string key = task["task_key"];
    std::string got = task["state"].value("result_state", "");
    if (got != expected_result(key, fail)) return "task " + key + " ended " + got;
  }
  return "";
}

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

struct Outcome {
  std::atomic<long> requests{0};
  std::atomic<int> wrong{0};
  std::mutex mutex;
  std::string first_problem;
};

// Thread `index` of `clients` starts its share of the runs, then follows each to its end.
void drive(const Options& options, const std::string& url, const std::string& token,
           std::int64_t job_id, int index, Outcome& outcome, Clock::time_point deadline) {
  ApiClient client(url, token, outcome.requests);
  json body = {{"job_id", job_id}};
  if (options.fail) {
    body["emulator_scenario"] = {
        {"file", "bench.yml"},
        {"yaml", std::string("tasks:\n  ") + k_failing_task + ": {outcome: failure}\n"}};
  }
  std::vector<std::int64_t> runs;
  for (int i = index; i < options.runs; i += options.clients) {
    runs.push_back(client.post("/api/2.2/jobs/run-now", body)["run_id"].get<std::int64_t>());
  }
  for (std::int64_t run_id : runs) {
    const std::string path = "/api/2.2/jobs/runs/get?run_id=" + std::to_string(run_id);
    json run = client.get(path);
    while (run["state"]["life_cycle_state"] != "TERMINATED") {
      if (Clock::now() > deadline) throw std::runtime_error("runs did not end within 10 min");
      std::this_thread::sleep_for(std::chrono::milliseconds(options.task_ms));
      run = client.get(path);
    }
    std::string problem = check_run(run, options.fail);
    if (problem.empty()) continue;
    ++outcome.wrong;
    std::lock_guard<std::mutex> lock(outcome.mutex);
    if (outcome.first_problem.empty()) {
      outcome.first_problem = "run " + std::to_string(run_id) + ": " + problem;
    }
  }
}

}  // namespace

int main(int argc, char** argv) try {
  Options options = parse_options(argc, argv);
  std::filesystem::path db = std::filesystem::temp_directory_path() /
                             ("emulator-runs-bench-" + std::to_string(getpid()) + ".db");
  bundlectl::emulator::ServerOptions server;
  server.db_path = db.string();
  server.threads = static_cast<std::size_t>(options.clients) + 8;
  server.run_pending_ms = 50;
  server.task_duration_ms = options.task_ms;
  bundlectl::emulator::EmbeddedEmulator embedded;
  std::string url = embedded.start(server);
  long rss_at_start = peak_rss_kib();
  Outcome outcome;
  ApiClient setup(url, embedded.token(), outcome.requests);
  std::int64_t job_id = setup.post("/api/2.2/jobs/create", twenty_task_job(options.runs))["job_id"];

  auto started = Clock::now();
  auto deadline = started + std::chrono::minutes(10);
  std::vector<std::thread> threads;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  for (int i = 0; i < options.clients; ++i) {
    threads.emplace_back([&, i] {
      try {
        drive(options, url, embedded.token(), job_id, i, outcome, deadline);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  embedded.stop();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  if (failure) std::rethrow_exception(failure);

  std::printf("runs: %d of a %d-task job (%s), task duration %lld ms, %d clients\n", options.runs,
              k_task_count, options.fail ? "t05 failing by a per-run scenario" : "all succeeding",
              static_cast<long long>(options.task_ms), options.clients);
  std::printf("wall time: %.2f s (started, followed to the end and checked)\n", seconds);
  std::printf("requests: %ld (%.0f/s)\n", outcome.requests.load(),
              static_cast<double>(outcome.requests.load()) / seconds);
  std::printf("peak RSS (VmHWM, emulator and load generator): %.1f MiB (%.1f MiB once started)\n",
              static_cast<double>(peak_rss_kib()) / 1024, static_cast<double>(rss_at_start) / 1024);
  std::printf("runs ended as expected: %d of %d\n", options.runs - outcome.wrong.load(),
              options.runs);
  if (outcome.wrong.load() > 0) {
    std::printf("first wrong run: %s\n", outcome.first_problem.c_str());
    return 1;
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "emulator_runs_bench: %s\n", e.what());
  return 1;
}
