// run_job_task and pipeline_task. run_job_task: the run of another job that a task starts and waits
// for. The child run is created and planned when its parent's attempt is planned, as of the
// attempt's start, so the attempt's end and result are the child's; it becomes a run of its own
// (saved, listed, readable) only when that start has come (child_runs.h). pipeline_task: an update
// of the pipeline, planned the same way, through the update states one --run-pending-ms each.
#include "emulator/api_error.h"
#include "emulator/json_fields.h"
#include "emulator/pipeline_update.h"
#include "emulator/run_engine.h"
#include "emulator/run_projection.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// A job that runs itself through run_job_task would plan forever: nesting is bounded.
constexpr int k_max_child_depth = 5;

std::optional<std::int64_t> job_id_of(const json& run_job_task) {
  auto found = run_job_task.find("job_id");
  if (found == run_job_task.end()) return std::nullopt;
  if (found->is_number_integer()) return found->get<std::int64_t>();
  if (found->is_string()) {
    const std::string& text = found->get_ref<const std::string&>();
    if (!text.empty() && text.size() <= 18 &&
        text.find_first_not_of("0123456789") == std::string::npos) {
      return std::stoll(text);
    }
  }
  return std::nullopt;
}

struct DepthGuard {
  explicit DepthGuard(int& depth) : m_depth(depth) { ++m_depth; }
  ~DepthGuard() { --m_depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  int& m_depth;
};

// job_parameters as run-now takes them: values as text.
json parameter_overrides(const json& run_job_task) {
  const json given = object_field(run_job_task, "job_parameters");
  json out = json::object();
  for (auto entry = given.begin(); entry != given.end(); ++entry) {
    out[entry.key()] = entry->is_string() ? entry->get<std::string>() : entry->dump();
  }
  return out;
}

}  // namespace

std::optional<ChildRun> RunEngine::plan_child_run(const json& run_job_task,
                                                  std::int64_t task_run_id, std::int64_t start_ms,
                                                  std::string& problem) {
  std::optional<std::int64_t> job_id = job_id_of(run_job_task);
  if (!job_id) {
    problem = "run_job_task.job_id is missing or not a job id.";
    return std::nullopt;
  }
  std::optional<json> job = m_jobs.find_job(*job_id);
  if (!job) {
    problem = "Job " + std::to_string(*job_id) + " does not exist.";
    return std::nullopt;
  }
  if (m_child_depth >= k_max_child_depth) {
    problem =
        "Run job tasks are nested more than " + std::to_string(k_max_child_depth) + " levels deep.";
    return std::nullopt;
  }
  RunRequest request;
  request.job_id = *job_id;
  request.number_in_job = m_jobs.next_run_number(*job_id);
  request.trigger = "RUN_JOB_TASK";
  request.creator = text_field(*job, "creator_user_name");
  request.settings = object_field(*job, "settings");
  request.job_parameters = parameter_overrides(run_job_task);
  request.at_ms = start_ms;
  Run child;
  try {
    DepthGuard nested(m_child_depth);
    child = create(request);
  } catch (const ApiError& error) {  // a task graph the API would refuse
    problem = error.what();
    return std::nullopt;
  }
  child.parent_task_run_id = task_run_id;
  // The child's outcome is its plan seen at its end.
  Run ended = child;
  project_run(ended, std::max(run_end(ended), start_ms));
  ChildRun out;
  out.run_id = child.run_id;
  out.end_ms = ended.end_time > 0 ? ended.end_time : planned_end(ended);
  out.result = ended.state.result.value_or(core::ResultState::Failed);
  if (out.result != core::ResultState::Success) {
    out.message = "The run " + std::to_string(child.run_id) + " of job " + std::to_string(*job_id) +
                  " ended " + std::string(core::to_string(out.result)) + ".";
  }
  out.document = to_document(child);
  return out;
}

std::optional<PlannedUpdate> RunEngine::plan_pipeline_update(const json& pipeline_task,
                                                             std::int64_t start_ms,
                                                             const AttemptScript& script,
                                                             std::string& problem) {
  std::string pipeline_id = text_field(pipeline_task, "pipeline_id");
  if (pipeline_id.empty()) {
    problem = "pipeline_task.pipeline_id is missing.";
    return std::nullopt;
  }
  std::optional<json> pipeline = m_jobs.find_pipeline(pipeline_id);
  if (!pipeline) {
    problem = "The specified pipeline " + pipeline_id + " was not found.";
    return std::nullopt;
  }
  PlannedUpdate out;
  out.pipeline_id = pipeline_id;
  out.update_id = random_uuid();
  auto steps = static_cast<std::int64_t>(std::size(k_update_states)) - 1;
  out.end_ms = start_ms + steps * m_timing.pending_ms;
  out.failed = script.outcome != Outcome::Success;
  out.document = {{"pipeline_id", pipeline_id},
                  {"update_id", out.update_id},
                  {"config", pipeline->value("spec", json::object())},
                  {"cause", "JOB_TASK"},
                  {"state", "QUEUED"},
                  {"creation_time", start_ms},
                  {"full_refresh", bool_field(pipeline_task, "full_refresh", false)},
                  {"validate_only", false}};
  if (out.failed)
    out.document["planned_failure"] = script.message.empty() ? "Update failed." : script.message;
  return out;
}

}  // namespace bundlectl::emulator
