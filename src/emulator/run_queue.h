// max_concurrent_runs across the runs of one job ("Jobs queueing and concurrency"): whether a
// new run starts, waits QUEUED (queue.enabled) or is SKIPPED, and when queued runs leave the
// queue. A queued run leaves it at the moment a slot freed, computed from the other runs'
// planned timelines, so the answer does not depend on when somebody looks.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "emulator/api_context.h"

namespace bundlectl::emulator {

// How a new run of `job_id` (whose settings are `settings`) starts now.
Admission admission_for(ApiContext& context, std::int64_t job_id, const nlohmann::json& settings);

// Takes out of the queue, in the order they were queued, the runs of `job_id` for which a
// slot has freed by now; saves what changed.
void release_queued_runs(ApiContext& context, std::int64_t job_id);

}  // namespace bundlectl::emulator
