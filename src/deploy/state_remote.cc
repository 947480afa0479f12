// The workspace's copy of the deployment state, beside the bundle's files in
// ${workspace.state_path}.
#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/deploy/state.h"

namespace bundlectl::deploy {

std::string remote_state_file(const std::string& state_path) {
  return state_path + "/bundlectl-resources.json";
}

std::optional<DeploymentState> read_remote_state(api::Workspace& workspace,
                                                 const std::string& state_path) {
  const std::string path = remote_state_file(state_path);
  std::string text;
  try {
    text = workspace.export_file(path, "AUTO");
  } catch (const api::ApiError& error) {
    if (error.code() == api::ApiErrorCode::NotFound) return std::nullopt;
    throw;
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) {
    throw core::Failure(path + ": the workspace's deployment state is not valid JSON");
  }
  return state_from_json(json, path);
}

void write_remote_state(api::Workspace& workspace, const std::string& state_path,
                        const DeploymentState& state) {
  workspace.mkdirs(state_path);
  workspace.import_file(remote_state_file(state_path), state_to_json(state).dump(1) + "\n",
                        /*overwrite=*/true, "AUTO");
}

}  // namespace bundlectl::deploy
