// Recovery of creations the state missed: a jobs/create whose answer was lost, or a runner
// killed between a call and the push of the state. Jobs carry the bundle's three tags, so
// they are found again; pipelines, which have no tags, by their unique name.
#include "bundlectl/api/workspace.h"
#include "bundlectl/deploy/deploy.h"

namespace bundlectl::deploy {
namespace {

using Json = nlohmann::json;

std::string tag(const Json& tags, const char* name) {
  const auto found = tags.find(name);
  return found != tags.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string id_text(const Json& value) {
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return value.is_string() ? value.get<std::string>() : "";
}

std::size_t adopt_jobs(api::Workspace& workspace, const DeployTarget& target,
                       DeploymentState& state) {
  std::size_t adopted = 0;
  for (const Json& job : workspace.list_jobs()) {
    const Json settings = job.value("settings", Json::object());
    const Json tags = settings.value("tags", Json::object());
    if (!tags.is_object() || tag(tags, render::k_bundle_tag) != target.bundle ||
        tag(tags, render::k_target_tag) != target.target) {
      continue;
    }
    const std::string key = tag(tags, render::k_resource_tag);
    const std::string id = id_text(job.value("job_id", Json()));
    if (key.empty() || id.empty()) continue;
    // emplace keeps the first of two jobs with one key: the oldest, since jobs/list is in
    // creation order.
    if (state.resources.emplace("jobs." + key, ResourceState{id, Json::object(), ""}).second) {
      ++adopted;
    }
  }
  return adopted;
}

std::size_t adopt_pipelines(api::Workspace& workspace,
                            const std::vector<render::ResourcePayload>& payloads,
                            DeploymentState& state) {
  std::map<std::string, std::string> missing;  // pipeline name → address
  for (const render::ResourcePayload& payload : payloads) {
    if (payload.type != "pipelines" || state.resources.count(payload.address()) != 0) continue;
    const std::string name = payload.spec.value("name", std::string());
    if (!name.empty()) missing.emplace(name, payload.address());
  }
  if (missing.empty()) return 0;
  std::size_t adopted = 0;
  for (const Json& pipeline : workspace.list_pipelines()) {
    const auto found = missing.find(pipeline.value("name", std::string()));
    const std::string id = pipeline.value("pipeline_id", std::string());
    if (found == missing.end() || id.empty()) continue;
    state.resources.emplace(found->second, ResourceState{id, Json::object(), ""});
    missing.erase(found);
    ++adopted;
  }
  return adopted;
}

}  // namespace

std::size_t adopt_lost_creations(api::Workspace& workspace, const DeployTarget& target,
                                 const std::vector<render::ResourcePayload>& payloads,
                                 DeploymentState& state) {
  return adopt_jobs(workspace, target, state) + adopt_pipelines(workspace, payloads, state);
}

}  // namespace bundlectl::deploy
