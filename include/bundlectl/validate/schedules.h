// `validate --explain-schedules`: what every schedule of a target means and when it fires.
#pragma once

#include <chrono>
#include <ostream>

#include "bundlectl/config/bundle.h"

namespace bundlectl::validate {

// Prints, for every job schedule and cron trigger, pipeline cron trigger, quality monitor and
// alert schedule: its path and file position, the expression with a plain-English reading,
// the zone, the pause status and the next `count` fire times after `now`, in the zone and in
// UTC (ISO 8601). An invalid expression or zone, or one that never fires, is said in place
// of the times. Fire times follow Quartz: a wall-clock time skipped by a spring-forward
// transition does not fire; one repeated by a fall-back transition fires once.
void explain_schedules(const config::Bundle& bundle, std::ostream& out,
                       std::chrono::system_clock::time_point now, int count = 5);

}  // namespace bundlectl::validate
