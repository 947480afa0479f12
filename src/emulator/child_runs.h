// The runs that run_job_task attempts start (run_engine_children.cc plans them): each
// becomes a run of its own, in the store, once its attempt has started, and is canceled with
// the attempt when that is cut short (the parent run canceled or timed out).
#pragma once

#include "emulator/api_context.h"

namespace bundlectl::emulator {

// Saves the child runs that attempts of `run` have started by now (canceled at the moment
// their attempt was cut, when it was). True when `run` changed and must be saved.
bool save_started_child_runs(ApiContext& context, Run& run);

// Cancels the saved child runs of `run`'s attempts that ended canceled by a user (after
// RunEngine::cancel or cancel_task), and their own children in turn.
void cancel_child_runs(ApiContext& context, const Run& run);

}  // namespace bundlectl::emulator
