// A fixture for run semantics over real HTTP: an EmulatorServer on a loopback port with a real
// SQLite file, a scenario file, and a clock the test moves, so every state is reached at a
// known moment without waiting.
#pragma once

#include <fstream>
#include <map>
#include <memory>

#include "emulator/server.h"
#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {

class RunSemanticsTest : public ::testing::Test {
 protected:
  static constexpr std::int64_t k_pending_ms = 100;
  static constexpr std::int64_t k_task_ms = 1000;

  // Starts (or restarts, on the same database file) a server scripted by `scenario` YAML.
  void start(const std::string& scenario = "", emulator::ServerOptions options = {}) {
    m_server.reset();
    options.db_path = (m_dir.path() / "emulator.db").string();
    options.run_pending_ms = k_pending_ms;
    options.task_duration_ms = k_task_ms;
    options.threads = 4;
    options.token = "test-token";
    if (!scenario.empty()) {
      options.scenario_file = (m_dir.path() / "scenario.yml").string();
      std::ofstream(options.scenario_file) << scenario;
    }
    m_server = std::make_unique<emulator::EmulatorServer>(options, &m_clock);
    m_server->start();
    m_client = std::make_unique<EmulatorClient>(m_server->base_url(), "test-token");
  }

  EmulatorClient& client() { return *m_client; }
  void advance(std::int64_t ms) { m_clock.advance(ms); }
  std::int64_t now() { return m_clock.now_ms(); }

  std::int64_t create_job(const nlohmann::json& settings, const std::string& version = "2.2") {
    HttpReply reply = client().post("/api/" + version + "/jobs/create", settings);
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("job_id", std::int64_t{0});
  }
  std::int64_t run_now(std::int64_t job_id, nlohmann::json extra = nlohmann::json::object()) {
    extra["job_id"] = job_id;
    HttpReply reply = client().post("/api/2.2/jobs/run-now", extra);
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("run_id", std::int64_t{0});
  }
  nlohmann::json get_run(std::int64_t run_id) {
    HttpReply reply = client().get("/api/2.1/jobs/runs/get?run_id=" + std::to_string(run_id));
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body;
  }
  // The latest entry of each task key (retries appear as earlier entries of the same key).
  static std::map<std::string, nlohmann::json> tasks_of(const nlohmann::json& run) {
    std::map<std::string, nlohmann::json> out;
    for (const nlohmann::json& task : run.value("tasks", nlohmann::json::array())) {
      out[task["task_key"].get<std::string>()] = task;
    }
    return out;
  }
  static std::string life(const nlohmann::json& run) {
    return run["state"]["life_cycle_state"].get<std::string>();
  }
  static std::string result(const nlohmann::json& run) {
    return run["state"].value("result_state", "");
  }

  TempDir m_dir;
  emulator::FakeClock m_clock{1'700'000'000'000};
  std::unique_ptr<emulator::EmulatorServer> m_server;
  std::unique_ptr<EmulatorClient> m_client;
};

inline nlohmann::json task_with(const std::string& key, std::vector<std::string> depends,
                                const nlohmann::json& extra) {
  nlohmann::json out = task(key, std::move(depends));
  for (const auto& [field, value] : extra.items()) out[field] = value;
  return out;
}

}  // namespace bundlectl::testing
