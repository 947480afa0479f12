// runs/get answers are cached until the run's next change; on a loaded machine time passes
// between any two statements of a request. A clock that moves on at every reading stands in
// for that machine, over real HTTP, so the interleaving that once kept a run RUNNING forever
// (the answer cached from a later reading of the clock than the one the run was projected at,
// past the run's end) is reached on every run, not now and then.
#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>

#include "emulator/server.h"
#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

// Each reading is `step_ms` later than the one before.
class DriftingClock : public emulator::Clock {
 public:
  DriftingClock(std::int64_t start_ms, std::int64_t step_ms) : m_now(start_ms), m_step(step_ms) {}
  std::int64_t now_ms() override { return m_now.fetch_add(m_step); }

 private:
  std::atomic<std::int64_t> m_now;
  const std::int64_t m_step;
};

constexpr std::int64_t k_pending_ms = 100;
constexpr std::int64_t k_step_ms = 3;
// One run per duration: as the duration grows by a millisecond, the reading that first falls
// after the run's end moves through every reading a runs/get request makes (each step_ms
// apart), the one the run is projected at among them.
constexpr int k_durations = 60;
constexpr std::int64_t k_shortest_ms = 10;
// A run lives at most pending + longest duration; each poll reads the clock at least once.
constexpr int k_max_polls = 1000;

TEST(RunAnswerCacheTest, EveryPolledRunEndsAtItsPlannedTimeWhileTheClockMovesOnMidRequest) {
  TempDir dir;
  std::ostringstream scenario;
  scenario << "tasks:\n";
  for (int k = 0; k < k_durations; ++k) {
    scenario << "  t" << k << ": {duration_ms: " << k_shortest_ms + k << "}\n";
  }
  emulator::ServerOptions options;
  options.db_path = (dir.path() / "emulator.db").string();
  options.scenario_file = (dir.path() / "scenario.yml").string();
  std::ofstream(options.scenario_file) << scenario.str();
  options.run_pending_ms = k_pending_ms;
  options.threads = 4;
  options.token = "test-token";
  DriftingClock clock(1'700'000'000'000, k_step_ms);
  emulator::EmulatorServer server(options, &clock);
  server.start();
  EmulatorClient client(server.base_url(), "test-token");
  for (int k = 0; k < k_durations; ++k) {
    std::string key = "t" + std::to_string(k);
    HttpReply job = client.post("/api/2.2/jobs/create", {{"name", key}, {"tasks", {task(key)}}});
    ASSERT_EQ(job.status, 200) << job.text;
    HttpReply started = client.post("/api/2.2/jobs/run-now", {{"job_id", job.body["job_id"]}});
    ASSERT_EQ(started.status, 200) << started.text;
    std::string path = "/api/2.2/jobs/runs/get?run_id=" +
                       std::to_string(started.body["run_id"].get<std::int64_t>());
    json run;
    for (int poll = 0; poll < k_max_polls; ++poll) {
      run = client.get(path).body;
      if (run["state"]["life_cycle_state"] == "TERMINATED") break;
    }
    ASSERT_EQ(run["state"].value("result_state", ""), "SUCCESS") << key << "\n" << run.dump(2);
    EXPECT_EQ(run["end_time"].get<std::int64_t>() - run["start_time"].get<std::int64_t>(),
              k_pending_ms + k_shortest_ms + k)
        << key;
  }
}

}  // namespace
}  // namespace bundlectl::testing
