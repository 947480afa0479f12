#include "bundlectl/runs/follow_run.h"

#include <ostream>

namespace bundlectl::runs {
namespace {

using nlohmann::json;

std::string text_at(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

FollowedRun follow_job_run(api::Workspace& workspace, std::int64_t run_id,
                           const std::function<void(RunView&)>& name, ProgressView* progress,
                           const FollowOptions& options) {
  FollowedRun followed;
  auto poll = [&] {
    followed.run = run_view_from_api(workspace.get_run(run_id));
    ++followed.polls;
    if (name) name(followed.run);
    if (progress != nullptr) progress->update(followed.run, wall_now_ms());
    return followed.run.ended();
  };
  followed.end = follow(poll, options);
  return followed;
}

PipelineUpdateView pipeline_update_view(const json& update) {
  PipelineUpdateView view;
  view.pipeline_id = text_at(update, "pipeline_id");
  view.update_id = text_at(update, "update_id");
  view.state = text_at(update, "state");
  view.cause = text_at(update, "cause");
  auto created = update.find("creation_time");
  if (created != update.end() && created->is_number_integer()) {
    view.start_ms = created->get<std::int64_t>();
  }
  return view;
}

json pipeline_update_to_json(const PipelineUpdateView& update) {
  return {{"pipeline_key", update.pipeline_key},
          {"pipeline_id", update.pipeline_id},
          {"update_id", update.update_id},
          {"target", update.target.empty() ? json(nullptr) : json(update.target)},
          {"state", update.state},
          {"start_time", update.start_ms > 0 ? json(update.start_ms) : json(nullptr)},
          {"url", update.url}};
}

FollowedUpdate follow_pipeline_update(api::Workspace& workspace, PipelineUpdateView update,
                                      std::ostream& out, const FollowOptions& options) {
  FollowedUpdate followed;
  followed.update = std::move(update);
  std::string last_state;
  auto poll = [&] {
    PipelineUpdateView now = pipeline_update_view(
        workspace.get_update(followed.update.pipeline_id, followed.update.update_id));
    ++followed.polls;
    followed.update.state = now.state;
    if (now.start_ms > 0) followed.update.start_ms = now.start_ms;
    if (followed.update.state != last_state) {
      last_state = followed.update.state;
      out << utc_timestamp(wall_now_ms()) << " update " << followed.update.update_id << " "
          << last_state << "\n";
      out.flush();
    }
    return followed.update.ended();
  };
  followed.end = follow(poll, options);
  return followed;
}

}  // namespace bundlectl::runs
