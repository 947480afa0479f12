// `runs list -o prometheus`: metrics for a node exporter's textfile collector, per job:
// how many of the listed runs are in each state and result, when it last succeeded, and
// how long its latest ended run took.
#pragma once

#include <ostream>
#include <vector>

#include "bundlectl/runs/run_view.h"

namespace bundlectl::runs {

void render_prometheus(std::ostream& out, const std::vector<RunView>& runs);

}  // namespace bundlectl::runs
