#include "emulator/clock_control.h"

#include <limits>

#include "emulator/api_error.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr const char* k_clock_route = "/api/2.0/emulator/clock";

// One row at most: the manual time. No row means the system clock.
constexpr const char* k_schema =
    "CREATE TABLE IF NOT EXISTS emulator_clock ("
    "id INTEGER PRIMARY KEY CHECK (id = 1), now_ms INTEGER NOT NULL)";

std::optional<std::int64_t> stored_time(Database& db) {
  Statement select = db.prepare("SELECT now_ms FROM emulator_clock WHERE id = 1");
  if (!select.step()) return std::nullopt;
  return select.column_int(0);
}

void store_time(Database& db, std::int64_t now_ms) {
  Statement upsert = db.prepare(
      "INSERT INTO emulator_clock (id, now_ms) VALUES (1, ?) "
      "ON CONFLICT (id) DO UPDATE SET now_ms = excluded.now_ms");
  upsert.bind(1, now_ms).run();
}

json clock_answer(ClockControl& clock) {
  return {{"mode", clock.manual() ? "manual" : "system"}, {"now_ms", clock.now_ms()}};
}

}  // namespace

void ClockControl::open(Database& db, const ClockChoice& choice) {
  m_db = &db;
  db.exec(k_schema);
  if (choice.mode == ClockChoice::Mode::System) {
    db.exec("DELETE FROM emulator_clock");
  } else if (choice.mode == ClockChoice::Mode::Manual) {
    std::optional<std::int64_t> kept = stored_time(db);
    store_time(db, choice.start_ms.value_or(kept.value_or(m_base.now_ms())));
  }
  refresh();
}

void ClockControl::refresh() {
  if (!m_db) return;
  std::optional<std::int64_t> stored = stored_time(*m_db);
  if (stored) m_manual_now.store(*stored);
  m_manual.store(stored.has_value());
}

std::int64_t ClockControl::now_ms() {
  return m_manual.load() ? m_manual_now.load() : m_base.now_ms();
}

std::int64_t ClockControl::move_to(std::int64_t target_ms) {
  refresh();
  if (!m_manual.load()) {
    throw ApiError(400, "INVALID_STATE",
                   "The emulator runs on the system clock: start it with --clock manual to move "
                   "its clock.");
  }
  std::int64_t now = m_manual_now.load();
  if (target_ms < now) {
    throw invalid_parameter("The clock cannot go back: it is at " + std::to_string(now) +
                            " ms, and " + std::to_string(target_ms) + " ms is earlier.");
  }
  store_time(*m_db, target_ms);
  m_manual_now.store(target_ms);
  return target_ms;
}

void add_clock_routes(Router& router, ClockControl& clock) {
  router.add("GET", k_clock_route, [&clock](const ApiRequest&) {
    clock.refresh();
    return json_response(clock_answer(clock));
  });
  router.add("POST", k_clock_route, [&clock](const ApiRequest& request) {
    const json& params = request.params();
    std::optional<std::int64_t> advance = optional_int(params, "advance_ms");
    std::optional<std::int64_t> target = optional_int(params, "now_ms");
    if (advance.has_value() == target.has_value()) {
      throw invalid_parameter("Give exactly one of advance_ms and now_ms.");
    }
    if (advance && *advance < 0) {
      throw invalid_parameter("advance_ms must be 0 or more: the clock cannot go back.");
    }
    clock.refresh();
    if (advance) {
      std::int64_t now = clock.now_ms();
      if (*advance > std::numeric_limits<std::int64_t>::max() - now) {
        throw invalid_parameter("advance_ms is too large.");
      }
      target = now + *advance;
    }
    clock.move_to(*target);
    return json_response(clock_answer(clock));
  });
}

}  // namespace bundlectl::emulator
