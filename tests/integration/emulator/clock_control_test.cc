// The clock of a served emulator moved over HTTP: `bundlectl emulator serve --clock manual`
// as a real process, cron, continuous jobs and timeouts reached by moving the clock.
#include <fstream>

#include "emulator/server.h"
#include "integration/emulator/emulator_fixture.h"
#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

constexpr const char* k_clock = "/api/2.0/emulator/clock";
// 2026-03-06T00:00:00Z, a Friday; New York moves to daylight saving time on Sunday the 8th.
constexpr std::int64_t k_friday_ms = 1'772'755'200'000;
constexpr std::int64_t k_hour_ms = 3'600'000;

// `bundlectl emulator serve` on a database file in a temporary folder.
class ServedEmulator {
 public:
  ServedEmulator(const TempDir& dir, std::vector<std::string> extra) {
    std::vector<std::string> argv = {bundlectl_binary(),
                                     "emulator",
                                     "serve",
                                     "--port",
                                     "0",
                                     "--token",
                                     "t",
                                     "--db",
                                     (dir.path() / "ws.db").string(),
                                     "--run-pending-ms",
                                     "100",
                                     "--task-duration-ms",
                                     "1000"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    m_process = std::make_unique<BackgroundProcess>(argv);
    std::string line = m_process->wait_for_line("Listening on", std::chrono::seconds(10));
    std::size_t at = line.find("http://");
    if (at != std::string::npos) m_client = std::make_unique<EmulatorClient>(line.substr(at), "t");
  }
  bool started() const { return m_client != nullptr; }
  EmulatorClient& client() { return *m_client; }
  int stop() { return m_process->stop(); }

  std::int64_t create_job(const json& settings) {
    HttpReply reply = client().post("/api/2.2/jobs/create", settings);
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body.value("job_id", std::int64_t{0});
  }
  json advance(std::int64_t ms) {
    HttpReply reply = client().post(k_clock, {{"advance_ms", ms}});
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply.body;
  }
  json runs_of(std::int64_t job_id) {
    return client()
        .get("/api/2.2/jobs/runs/list?limit=25&job_id=" + std::to_string(job_id))
        .body.value("runs", json::array());
  }

 private:
  std::unique_ptr<BackgroundProcess> m_process;
  std::unique_ptr<EmulatorClient> m_client;
};

json noon_in_new_york(const std::string& name, const std::string& pause_status) {
  return {{"name", name},
          {"schedule",
           {{"quartz_cron_expression", "0 0 12 * * ?"},
            {"timezone_id", "America/New_York"},
            {"pause_status", pause_status}}},
          {"tasks", {task("a")}}};
}

TEST(ClockControlTest, ACronScheduleFiresAtItsZonesNoonAcrossTheDaylightSavingChange) {
  TempDir dir;
  ServedEmulator served(dir, {"--clock", "manual:" + std::to_string(k_friday_ms)});
  ASSERT_TRUE(served.started());
  EXPECT_EQ(served.client().get(k_clock).body, (json{{"mode", "manual"}, {"now_ms", k_friday_ms}}));
  std::int64_t job_id = served.create_job(noon_in_new_york("noon", "UNPAUSED"));
  std::int64_t paused_id = served.create_job(noon_in_new_york("paused", "PAUSED"));
  EXPECT_EQ(served.runs_of(job_id).size(), 0u);
  // Four days later: noon EST is 17:00Z on Friday and Saturday, noon EDT 16:00Z from Sunday.
  EXPECT_EQ(served.advance(96 * k_hour_ms)["now_ms"], k_friday_ms + 96 * k_hour_ms);
  json runs = served.runs_of(job_id);
  std::vector<std::int64_t> starts;
  for (const json& run : runs) {
    starts.push_back(run["start_time"]);
    EXPECT_EQ(run["trigger"], "PERIODIC");
    EXPECT_EQ(run["state"]["result_state"], "SUCCESS");
  }
  EXPECT_EQ(starts, (std::vector<std::int64_t>{
                        k_friday_ms + 3 * 24 * k_hour_ms + 16 * k_hour_ms,
                        k_friday_ms + 2 * 24 * k_hour_ms + 16 * k_hour_ms,
                        k_friday_ms + 1 * 24 * k_hour_ms + 17 * k_hour_ms,
                        k_friday_ms + 17 * k_hour_ms,
                    }));
  EXPECT_EQ(served.runs_of(paused_id).size(), 0u);
  EXPECT_EQ(served.stop(), 0);
}

TEST(ClockControlTest, AContinuousJobStartsItsNextRunWhenTheLastEnds) {
  TempDir dir;
  ServedEmulator served(dir, {"--clock", "manual:" + std::to_string(k_friday_ms)});
  ASSERT_TRUE(served.started());
  std::int64_t job_id = served.create_job(
      {{"name", "stream"}, {"continuous", {{"pause_status", "UNPAUSED"}}}, {"tasks", {task("a")}}});
  // Each run takes 100 ms pending and 1000 ms running: three have ended after 3.5 s.
  served.advance(3'500);
  json runs = served.runs_of(job_id);
  ASSERT_EQ(runs.size(), 4u) << runs.dump();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    EXPECT_EQ(runs[i]["trigger"], "CONTINUOUS");
    EXPECT_EQ(runs[i]["start_time"], k_friday_ms + 1'100 * static_cast<std::int64_t>(3 - i));
  }
  EXPECT_EQ(runs[0]["state"]["life_cycle_state"], "RUNNING");
  EXPECT_EQ(runs[1]["end_time"], runs[0]["start_time"]);
  EXPECT_EQ(served.stop(), 0);
}

TEST(ClockControlTest, ATaskTimeoutFiresOnceTheClockPassesIt) {
  TempDir dir;
  std::string scenario = (dir.path() / "slow.yml").string();
  std::ofstream(scenario) << "tasks:\n  slow: {duration_ms: 600000}\n";
  ServedEmulator served(dir, {"--clock", "manual", "--scenario", scenario});
  ASSERT_TRUE(served.started());
  json slow_task = task("slow");
  slow_task["timeout_seconds"] = 60;
  std::int64_t job_id = served.create_job({{"name", "slow"}, {"tasks", {slow_task}}});
  HttpReply started = served.client().post("/api/2.2/jobs/run-now", {{"job_id", job_id}});
  ASSERT_EQ(started.status, 200) << started.text;
  std::string get =
      "/api/2.2/jobs/runs/get?run_id=" + std::to_string(started.body["run_id"].get<std::int64_t>());
  served.advance(59'000);
  EXPECT_EQ(served.client().get(get).body["tasks"][0]["state"]["life_cycle_state"], "RUNNING");
  served.advance(2'000);
  json run = served.client().get(get).body;
  EXPECT_EQ(run["tasks"][0]["state"]["result_state"], "TIMEDOUT");
  EXPECT_EQ(run["tasks"][0]["state"]["state_message"], "Task timed out after 60 seconds.");
  EXPECT_EQ(run["state"]["result_state"], "FAILED");
  EXPECT_EQ(served.stop(), 0);
}

TEST(ClockControlTest, TheSystemClockCannotBeMoved) {
  TempDir dir;
  ServedEmulator served(dir, {});
  ASSERT_TRUE(served.started());
  EXPECT_EQ(served.client().get(k_clock).body["mode"], "system");
  HttpReply moved = served.client().post(k_clock, {{"advance_ms", 1000}});
  EXPECT_EQ(moved.status, 400);
  EXPECT_EQ(moved.body, (json{{"error_code", "INVALID_STATE"},
                              {"message",
                               "The emulator runs on the system clock: start it with --clock "
                               "manual to move its clock."}}));
  EXPECT_EQ(served.stop(), 0);
}

TEST(ClockControlTest, ABadClockFlagIsAUsageError) {
  TempDir dir;
  ProcessResult result = run_bundlectl(
      {"emulator", "serve", "--db", (dir.path() / "ws.db").string(), "--clock", "manual:soon"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--clock manual:START_MS needs START_MS as Unix milliseconds (0 or "
                            "more), not 'soon'"),
            std::string::npos)
      << result.err;
}

TEST(ClockControlTest, EveryEmulatorOnTheFileReadsAndMovesTheSameManualClock) {
  TempDir dir;
  ServedEmulator served(dir, {"--clock", "manual:" + std::to_string(k_friday_ms)});
  ASSERT_TRUE(served.started());
  // An emulator embedded by a command on the same file, started without --clock.
  emulator::ServerOptions options;
  options.db_path = (dir.path() / "ws.db").string();
  options.token = "t";
  options.threads = 2;
  emulator::EmulatorServer embedded(options);
  embedded.start();
  EmulatorClient other(embedded.base_url(), "t");
  EXPECT_EQ(other.get(k_clock).body, (json{{"mode", "manual"}, {"now_ms", k_friday_ms}}));
  ASSERT_EQ(other.post(k_clock, {{"now_ms", k_friday_ms + 5'000}}).status, 200);
  EXPECT_EQ(served.client().get(k_clock).body["now_ms"], k_friday_ms + 5'000);
  served.advance(1'000);
  EXPECT_EQ(other.get(k_clock).body["now_ms"], k_friday_ms + 6'000);
  HttpReply back = other.post(k_clock, {{"now_ms", k_friday_ms}});
  EXPECT_EQ(back.status, 400);
  EXPECT_EQ(back.body["message"], "The clock cannot go back: it is at " +
                                      std::to_string(k_friday_ms + 6'000) + " ms, and " +
                                      std::to_string(k_friday_ms) + " ms is earlier.");
  HttpReply both = other.post(k_clock, {{"now_ms", k_friday_ms}, {"advance_ms", 1}});
  EXPECT_EQ(both.body["message"], "Give exactly one of advance_ms and now_ms.");
  embedded.stop();
  EXPECT_EQ(served.stop(), 0);
}

}  // namespace
}  // namespace bundlectl::testing
