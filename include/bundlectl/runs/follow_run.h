// Following one job run or one pipeline update to its end: one runs/get (or updates/get)
// per poll, the progress view updated after each.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "bundlectl/api/workspace.h"
#include "bundlectl/runs/follow.h"
#include "bundlectl/runs/progress.h"
#include "bundlectl/runs/run_view.h"

namespace bundlectl::runs {

struct FollowedRun {
  RunView run;  // as of the last poll
  FollowEnd end = FollowEnd::Ended;
  int polls = 0;
};

// `name` fills in what the API does not know (job key, target) on every view.
FollowedRun follow_job_run(api::Workspace& workspace, std::int64_t run_id,
                           const std::function<void(RunView&)>& name, ProgressView* progress,
                           const FollowOptions& options);

struct PipelineUpdateView {
  std::string pipeline_key;
  std::string pipeline_id;
  std::string update_id;
  std::string target;
  std::string state;  // QUEUED, INITIALIZING, ..., COMPLETED, FAILED, CANCELED
  std::string cause;
  std::string url;
  std::int64_t start_ms = 0;

  bool ended() const { return state == "COMPLETED" || state == "FAILED" || state == "CANCELED"; }
  bool succeeded() const { return state == "COMPLETED"; }
};

PipelineUpdateView pipeline_update_view(const nlohmann::json& update);
nlohmann::json pipeline_update_to_json(const PipelineUpdateView& update);

struct FollowedUpdate {
  PipelineUpdateView update;
  FollowEnd end = FollowEnd::Ended;
  int polls = 0;
};

// One line per state change to `out` ("2026-12-05T00:01:02Z update 8f3c... RUNNING").
FollowedUpdate follow_pipeline_update(api::Workspace& workspace, PipelineUpdateView update,
                                      std::ostream& out, const FollowOptions& options);

}  // namespace bundlectl::runs
