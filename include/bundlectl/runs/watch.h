// Following several runs at once for `runs watch`: each poll is one runs/list of the active
// runs (all of them, whichever job) plus one runs/get for each watched run that left that
// list since the previous poll (it ended), so a poll of many runs stays one or two calls.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "bundlectl/api/workspace.h"
#include "bundlectl/runs/follow.h"
#include "bundlectl/runs/run_view.h"

namespace bundlectl::runs {

struct WatchedRuns {
  std::vector<RunView> runs;  // in the order asked for
  FollowEnd end = FollowEnd::Ended;
  int polls = 0;
  int calls = 0;  // API calls made while following
};

// `on_poll` sees every run after each poll (for the progress views).
WatchedRuns watch_runs(api::Workspace& workspace, const std::vector<std::int64_t>& run_ids,
                       const std::function<void(RunView&)>& name,
                       const std::function<void(const std::vector<RunView>&)>& on_poll,
                       const FollowOptions& options);

}  // namespace bundlectl::runs
