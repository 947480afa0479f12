// Cron schedules of jobs (`schedule`: Quartz cron, time zone, pause_status), fired lazily like
// everything else the emulator does by the clock: whenever runs are listed or counted, every
// fire time of an unpaused schedule since the job was last looked at starts a run as of that
// moment (trigger PERIODIC). So a fake clock fires cron deterministically, and a schedule
// keeps firing while no emulator process is up. `continuous` jobs are kept running the same
// way: each look starts, as of the moment the last run ended, the runs that followed it.
#pragma once

#include "emulator/api_context.h"

namespace bundlectl::emulator {

// At most this many runs are started per job and look; later fire times wait for the next.
inline constexpr int k_max_fires_per_look = 100;

// Starts the runs of every schedule fire time up to now, and of continuous jobs; a paused
// schedule fires nothing and does not catch up when unpaused.
void fire_schedules(ApiContext& context);

}  // namespace bundlectl::emulator
