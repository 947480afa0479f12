// A continuous job restarts its run when the run ends, but its tasks are retried within a run
// only when `continuous.task_retry_mode` says ON_FAILURE; the Jobs API's default is NEVER. A
// user who writes `continuous:` without the mode rarely means "never retry", so, as the
// Databricks CLI does, a continuous job without an explicit mode is warned. Either explicit
// value silences the warning: it is a deliberate choice.
#include "validate/checks.h"

namespace bundlectl::validate {

namespace {

using core::Value;

constexpr const char* k_summary = "Continuous job does not set task_retry_mode";
constexpr const char* k_detail =
    "task_retry_mode is not set on this continuous job, so it defaults to NEVER and the job's "
    "tasks are not retried on failure.\nSet continuous.task_retry_mode to ON_FAILURE to enable "
    "task-level retries, or to NEVER to silence this warning.";

// A `continuous` section that leaves the retry mode to the API's default. A scalar other than
// null is not a section at all; the schema check reports that.
bool leaves_retry_mode_unset(const Value& continuous) {
  if (continuous.is_null()) return true;
  return continuous.is_mapping() && !continuous.find("task_retry_mode");
}

}  // namespace

void check_continuous_retry(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  const Value* jobs = bundle.config.at({"resources", "jobs"});
  if (!jobs || !jobs->is_mapping()) return;
  for (const core::MapEntry& entry : jobs->entries()) {
    const Value& job = entry.value;
    if (!job.is_mapping()) continue;
    const Value* continuous = job.find("continuous");
    if (!continuous || !leaves_retry_mode_unset(*continuous)) continue;
    core::Diagnostic d;
    d.severity = core::Severity::Warning;
    d.summary = k_summary;
    d.detail = k_detail;
    d.locations = core::locations_of(*continuous, bundle.files);
    d.paths.push_back(core::Path().key("resources").key("jobs").key(entry.key).key("continuous"));
    d.rule = "jobs.continuous-task-retry-mode";
    diagnostics.add(std::move(d));
  }
}

}  // namespace bundlectl::validate
