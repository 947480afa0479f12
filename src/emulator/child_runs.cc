#include "emulator/child_runs.h"

#include "emulator/pipeline_update.h"

namespace bundlectl::emulator {
namespace {

// Every attempt of `run` that may carry a child run: current and replaced ones, of tasks and
// of for_each iterations.
template <typename Visit>
void for_each_attempt(Run& run, const Visit& visit) {
  auto visit_task = [&](TaskRun& task) {
    for (Attempt& a : task.attempts) visit(a);
    for (Attempt& a : task.earlier) visit(a);
  };
  for (TaskRun& task : run.tasks) {
    visit_task(task);
    for (TaskRun& iteration : task.iterations) visit_task(iteration);
  }
}

// An attempt cut short (cancel, job timeout) ends before its child's plan did.
bool was_cut(const Attempt& a) { return a.code.has_value(); }

void save_update(ApiContext& context, const Attempt& a, const nlohmann::json& update) {
  context.store.put_update(a.child_pipeline_id, a.child_update_id,
                           update.value("creation_time", std::int64_t{0}), update);
}

// A pipeline_task's update joins the pipeline's updates; stopped where its attempt was cut.
void save_started_update(ApiContext& context, Attempt& a) {
  nlohmann::json update = std::move(a.child);
  a.child = nullptr;
  if (was_cut(a)) {
    update["state"] = "CANCELED";
    update["end_time"] = a.end_time;
  }
  save_update(context, a, update);
}

// Stops a saved update of a pipeline_task attempt that a user canceled.
void stop_update(ApiContext& context, const Attempt& a) {
  std::optional<nlohmann::json> update =
      context.store.update(a.child_pipeline_id, a.child_update_id);
  if (!update) return;
  advance_update(*update, context.clock.now_ms(), context.engine.timing().pending_ms);
  if (!update_is_active(*update)) return;
  (*update)["state"] = "CANCELED";
  (*update)["end_time"] = context.clock.now_ms();
  save_update(context, a, *update);
}

}  // namespace

bool save_started_child_runs(ApiContext& context, Run& run) {
  std::int64_t now = context.clock.now_ms();
  bool changed = false;
  for_each_attempt(run, [&](Attempt& a) {
    if (a.child.is_null() || a.start_time > now) return;
    if (!a.child_update_id.empty()) {
      save_started_update(context, a);
      changed = true;
      return;
    }
    Run child = run_from_document(a.child);
    if (was_cut(a)) context.engine.cancel_at(child, a.end_time);
    context.store.save_run(child);
    a.child = nullptr;
    changed = true;
  });
  return changed;
}

void cancel_child_runs(ApiContext& context, const Run& run) {
  Run copy = run;
  for_each_attempt(copy, [&](Attempt& a) {
    if (!a.child_update_id.empty() && a.child.is_null() &&
        a.code == core::TerminationCode::UserCanceled) {
      stop_update(context, a);
      return;
    }
    if (a.child_run_id == 0 || !a.child.is_null() ||
        a.code != core::TerminationCode::UserCanceled) {
      return;
    }
    std::optional<Run> child = context.current_run(a.child_run_id);
    if (!child || !context.engine.cancel(*child)) return;
    context.store.save_run(*child);
    cancel_child_runs(context, *child);
  });
}

}  // namespace bundlectl::emulator
