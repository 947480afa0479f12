// How near its time a webhook notification arrives: an embedded emulator on the real clock runs
// N jobs (one task each) whose on_start and on_success go to a loopback receiver, and nobody
// reads the runs, so only the background deliverer makes the events happen. For each webhook,
// the lag is its arrival (wall clock) minus the moment the run's timeline put the event at.
//
// Usage: notification_lag_bench [--runs 50]
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bundlectl/emulator/embedded_emulator.h"

namespace {

using nlohmann::json;

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Arrival times by "run_id event_type".
struct Receiver {
  httplib::Server server;
  std::mutex mutex;
  std::condition_variable arrived;
  std::map<std::string, std::int64_t> arrivals;
};

std::int64_t percentile(std::vector<std::int64_t> values, double share) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(share * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  }
  Receiver receiver;
  receiver.server.Post("/hook", [&receiver](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    std::lock_guard<std::mutex> lock(receiver.mutex);
    receiver.arrivals[body["run"]["run_id"].get<std::string>() + " " +
                      body["event_type"].get<std::string>()] = wall_ms();
    receiver.arrived.notify_all();
    res.set_content("{}", "application/json");
  });
  int port = receiver.server.bind_to_any_port("127.0.0.1");
  std::thread serving([&receiver] { receiver.server.listen_after_bind(); });

  std::filesystem::path dir = std::filesystem::temp_directory_path() / "notification_lag_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  bundlectl::emulator::EmbeddedEmulator emulator;
  std::string url = emulator.start((dir / "emulator.db").string());
  httplib::Client client(url);
  httplib::Headers auth = {{"Authorization", "Bearer " + emulator.token()}};
  json destination = {
      {"display_name", "lag"},
      {"config",
       {{"generic_webhook", {{"url", "http://127.0.0.1:" + std::to_string(port) + "/hook"}}}}}};
  auto created = client.Post("/api/2.0/notification-destinations", auth, destination.dump(),
                             "application/json");
  std::string hook = json::parse(created->body)["id"];
  json hooks = {{"on_start", {{{"id", hook}}}}, {"on_success", {{{"id", hook}}}}};
  for (int i = 0; i < runs; ++i) {
    json job = {{"name", "lag-" + std::to_string(i)},
                {"tasks", {{{"task_key", "a"}, {"notebook_task", {{"notebook_path", "/x"}}}}}},
                {"webhook_notifications", hooks}};
    auto made = client.Post("/api/2.2/jobs/create", auth, job.dump(), "application/json");
    json run_now = {{"job_id", json::parse(made->body)["job_id"]}};
    client.Post("/api/2.2/jobs/run-now", auth, run_now.dump(), "application/json");
  }
  std::size_t expected = static_cast<std::size_t>(runs) * 2;
  {
    std::unique_lock<std::mutex> lock(receiver.mutex);
    receiver.arrived.wait_for(lock, std::chrono::seconds(60),
                              [&] { return receiver.arrivals.size() >= expected; });
  }
  auto listed = client.Get("/api/2.0/emulator/notifications?limit=10000", auth);
  std::vector<std::int64_t> lags;
  std::lock_guard<std::mutex> lock(receiver.mutex);
  json listing = json::parse(listed->body);
  for (const json& event : listing["notifications"]) {
    std::string key = std::to_string(event["run_id"].get<std::int64_t>()) + " jobs." +
                      event["event_type"].get<std::string>();
    auto found = receiver.arrivals.find(key);
    if (found != receiver.arrivals.end())
      lags.push_back(found->second - event["time"].get<std::int64_t>());
  }
  std::printf("webhooks: %zu of %zu arrived\n", lags.size(), expected);
  std::printf("lag after the timeline's moment: p50 %lld ms, p90 %lld ms, max %lld ms\n",
              static_cast<long long>(percentile(lags, 0.5)),
              static_cast<long long>(percentile(lags, 0.9)),
              static_cast<long long>(percentile(lags, 1.0)));
  emulator.stop();
  receiver.server.stop();
  serving.join();
  std::filesystem::remove_all(dir);
  return lags.size() == expected ? 0 : 1;
}
