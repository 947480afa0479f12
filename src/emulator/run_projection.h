// What the API shows of a planned run at a moment: the timeline (run_timeline.h) projected
// onto the clock, so no state, result, task value or id is visible before its time.
#pragma once

#include <cstdint>

#include "emulator/run.h"

namespace bundlectl::emulator {

// Sets the visible states, ids and times of `run` and its tasks at `now_ms`; true when any of
// them changed.
bool project_run(Run& run, std::int64_t now_ms);

// The earliest moment after `now_ms` at which the projection changes; INT64_MAX for none.
std::int64_t next_event_after(const Run& run, std::int64_t now_ms);

}  // namespace bundlectl::emulator
