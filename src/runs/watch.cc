#include "bundlectl/runs/watch.h"

#include <algorithm>

namespace bundlectl::runs {

WatchedRuns watch_runs(api::Workspace& workspace, const std::vector<std::int64_t>& run_ids,
                       const std::function<void(RunView&)>& name,
                       const std::function<void(const std::vector<RunView>&)>& on_poll,
                       const FollowOptions& options) {
  WatchedRuns watched;
  watched.runs.resize(run_ids.size());
  std::vector<bool> done(run_ids.size(), false);
  auto poll = [&] {
    ++watched.polls;
    api::RunListFilter filter;
    filter.active_only = true;
    filter.expand_tasks = true;
    std::map<std::int64_t, const nlohmann::json*> active;
    std::vector<nlohmann::json> listed = workspace.list_runs(filter);
    ++watched.calls;
    for (const nlohmann::json& run : listed) {
      if (run.contains("run_id") && run["run_id"].is_number_integer()) {
        active[run["run_id"].get<std::int64_t>()] = &run;
      }
    }
    for (std::size_t i = 0; i < run_ids.size(); ++i) {
      if (done[i]) continue;
      auto found = active.find(run_ids[i]);
      if (found != active.end()) {
        watched.runs[i] = run_view_from_api(*found->second);
      } else {
        // Not active any more (or never listed): read it once; an ended run stays ended.
        watched.runs[i] = run_view_from_api(workspace.get_run(run_ids[i]));
        ++watched.calls;
      }
      if (name) name(watched.runs[i]);
      done[i] = watched.runs[i].ended();
    }
    if (on_poll) on_poll(watched.runs);
    return std::all_of(done.begin(), done.end(), [](bool d) { return d; });
  };
  watched.end = follow(poll, options);
  return watched;
}

}  // namespace bundlectl::runs
