#include "emulator/run_queue.h"

#include <algorithm>
#include <limits>

#include "emulator/json_fields.h"
#include "emulator/run_timeline.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// Active runs beyond this many per job are not considered (a bound on work per request).
constexpr std::size_t k_max_runs_considered = 100'000;

struct Interval {
  std::int64_t start;
  std::int64_t end;  // INT64_MAX while unknown
};

std::int64_t max_concurrent(const json& settings) {
  return int_field(settings, "max_concurrent_runs", 1, 1, 1000);
}

Interval interval_of(const Run& run) {
  std::int64_t end = core::is_final(run.state.life_cycle) ? run.end_time : run_end(run);
  return {run.queued_until, end > 0 ? end : std::numeric_limits<std::int64_t>::max()};
}

std::size_t active_at(const std::vector<Interval>& occupants, std::int64_t t) {
  return static_cast<std::size_t>(
      std::count_if(occupants.begin(), occupants.end(),
                    [t](const Interval& o) { return o.start <= t && t < o.end; }));
}

// The job's runs that are active (as stored), oldest first, brought up to now.
std::vector<Run> active_runs(ApiContext& context, std::int64_t job_id) {
  RunFilter filter;
  filter.job_id = job_id;
  filter.active_only = true;
  filter.limit = k_max_runs_considered;
  std::vector<Run> runs = context.store.list_runs(filter);
  std::reverse(runs.begin(), runs.end());
  for (Run& run : runs) {
    if (!run.queued && context.engine.advance(run)) context.store.save_run(run);
  }
  return runs;
}

}  // namespace

void release_queued_runs(ApiContext& context, std::int64_t job_id) {
  std::optional<json> job = context.store.job(job_id);
  std::size_t max = static_cast<std::size_t>(
      max_concurrent(job ? object_field(*job, "settings") : json::object()));
  std::vector<Run> runs = active_runs(context, job_id);
  std::vector<Interval> occupants;
  // Runs that ended recently may have freed the slot a queued run took: the latest `max`.
  RunFilter ended;
  ended.job_id = job_id;
  ended.completed_only = true;
  ended.limit = max;
  for (const Run& run : context.store.list_runs(ended)) occupants.push_back(interval_of(run));
  for (const Run& run : runs) {
    if (!run.queued) occupants.push_back(interval_of(run));
  }
  std::int64_t now = context.clock.now_ms();
  for (Run& queued : runs) {
    if (!queued.queued) continue;
    std::vector<std::int64_t> candidates{queued.start_time};
    for (const Interval& o : occupants) {
      if (o.end > queued.start_time && o.end <= now) candidates.push_back(o.end);
    }
    std::sort(candidates.begin(), candidates.end());
    auto slot = std::find_if(candidates.begin(), candidates.end(), [&](std::int64_t t) {
      return t <= now && active_at(occupants, t) < max;
    });
    if (slot == candidates.end()) break;  // first in, first out: later runs wait too
    context.engine.dequeue(queued, *slot);
    context.engine.advance(queued);
    context.store.save_run(queued);
    occupants.push_back(interval_of(queued));
  }
}

Admission admission_for(ApiContext& context, std::int64_t job_id, const json& settings) {
  // Stored runs only ever end as the clock moves, so fewer stored active runs than the limit,
  // none of them queued, means a free slot now: no run needs decoding. Without this, every
  // run-now decoded every active run of its job (quadratic in a burst of runs).
  ActiveRunCounts stored = context.store.active_run_counts(job_id);
  if (stored.queued == 0 && stored.active < max_concurrent(settings)) return Admission::Start;
  release_queued_runs(context, job_id);
  std::size_t running = 0;
  std::size_t queued = 0;
  for (const Run& run : active_runs(context, job_id)) {
    if (core::is_final(run.state.life_cycle)) continue;
    ++(run.queued ? queued : running);
  }
  if (queued == 0 && running < static_cast<std::size_t>(max_concurrent(settings))) {
    return Admission::Start;
  }
  bool queue = bool_field(object_field(settings, "queue"), "enabled", false);
  return queue ? Admission::Queue : Admission::Skip;
}

}  // namespace bundlectl::emulator
