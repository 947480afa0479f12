// How an emulator is started: shared by `bundlectl emulator serve` and the embedded emulator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bundlectl::emulator {

// One fault rule: requests whose route matches `route` are answered with `status` (429,
// 500, 503, ...) or have their connection dropped (`drop`), with probability `share`.
// Text form: "ROUTE:STATUS:SHARE" or "ROUTE:drop:SHARE", ROUTE being the API path after
// /api/<version>/ ("jobs/create", "jobs/runs/get"), a prefix ending in '*' ("jobs/*"), or
// "*" for every route.
struct FaultRule {
  std::string route;
  int status = 0;  // 0 when the fault drops the connection
  bool drop = false;
  double share = 1.0;
  int retry_after_seconds = 1;  // sent with 429 and 503
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                      // 0: the system picks a free port
  std::string db_path = ":memory:";  // one SQLite file; ":memory:" for a throwaway workspace
  std::string token;                 // empty: a random token is generated
  std::int64_t latency_ms = 0;       // added before every answer
  std::vector<FaultRule> faults;
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  // Workers: each serves one connection at a time, so this many connections are served at
  // once; more wait for a worker (docs/emulator.md, "Limits").
  std::size_t threads = 256;
  std::int64_t run_pending_ms = 200;    // how long a new run stays PENDING
  std::int64_t task_duration_ms = 300;  // how long each task run stays RUNNING
  std::uint64_t fault_seed = 0;         // 0: seeded from the system's random source
  std::string scenario_file;  // YAML scripting what each task does; empty: every task succeeds
  // "system", "manual" or "manual:START_MS" (clock_control.h); empty: the database file's
  // manual clock when it has one, else the system clock.
  std::string clock;
};

// What `--clock` asks for (src/emulator/clock_control.h).
struct ClockChoice {
  enum class Mode { FollowDatabase, System, Manual };
  Mode mode = Mode::FollowDatabase;
  std::optional<std::int64_t> start_ms;  // manual only; none: keep the file's time, else now
};

// Parses "", "system", "manual" or "manual:START_MS"; throws std::invalid_argument naming
// the mistake.
ClockChoice parse_clock_choice(const std::string& text);

// Parses one rule; throws std::invalid_argument with a message naming the mistake.
FaultRule parse_fault_rule(const std::string& text);
// Parses a rules file's text: one rule per line, '#' starts a comment, blank lines ignored.
std::vector<FaultRule> parse_fault_rules(const std::string& text);

}  // namespace bundlectl::emulator
