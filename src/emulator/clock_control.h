// The clock of a served or embedded emulator, which tests can stop and move over HTTP.
//
// `serve --clock manual[:START_MS]` stops the emulator's clock: time then moves only when a
// client moves it (POST /api/2.0/emulator/clock), so cron fire times, continuous restarts and
// timeouts are reached at once and deterministically. The manual time lives in the SQLite file
// (table `emulator_clock`), not in the process, so every emulator on that file (a served one,
// the one a command embeds with --emulator) reads the same time: a process that finds the
// table filled when it starts follows it, re-reading it at each request.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "bundlectl/emulator/server_options.h"
#include "emulator/clock.h"
#include "emulator/router.h"
#include "emulator/sqlite_db.h"

namespace bundlectl::emulator {

// A Clock that is either `base` (the system clock, or a test's fake) or the manual time
// kept in the database.
class ClockControl : public Clock {
 public:
  explicit ClockControl(Clock& base) : m_base(base) {}

  // Applies `choice` to the file behind `db` (creating the table) and adopts its clock.
  void open(Database& db, const ClockChoice& choice);
  // Re-reads the manual time (another process may have moved it); call under the store lock.
  void refresh();
  bool manual() const { return m_manual.load(); }
  std::int64_t now_ms() override;
  // Moves the manual time to `target_ms` (not earlier than now); call under the store lock.
  // Throws ApiError when the clock is the system clock or `target_ms` is in its past.
  std::int64_t move_to(std::int64_t target_ms);

 private:
  Clock& m_base;
  Database* m_db = nullptr;
  std::atomic<bool> m_manual{false};
  std::atomic<std::int64_t> m_manual_now{0};
};

// GET and POST /api/2.0/emulator/clock (emulator only, behind the token).
void add_clock_routes(Router& router, ClockControl& clock);

}  // namespace bundlectl::emulator
