// Pipeline updates move through their states lazily, like job runs: an update's state is a
// function of its creation time, the clock and whether it was stopped.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace bundlectl::emulator {

// The states an update passes through, in order; the last is where it ends by itself.
constexpr const char* k_update_states[] = {"QUEUED", "INITIALIZING", "SETTING_UP_TABLES", "RUNNING",
                                           "COMPLETED"};

// Brings update document `update` (with creation_time and optional stopped_at) up to `now`,
// given `step_ms` spent in each state; true when its state changed. An update with a
// `planned_failure` message ends FAILED where it would have COMPLETED.
bool advance_update(nlohmann::json& update, std::int64_t now_ms, std::int64_t step_ms);
bool update_is_active(const nlohmann::json& update);

// RFC 3339 UTC with milliseconds, the form of pipeline event timestamps.
std::string iso_time(std::int64_t ms);
// A random version-4 UUID, the form of pipeline and update ids.
std::string random_uuid();

}  // namespace bundlectl::emulator
