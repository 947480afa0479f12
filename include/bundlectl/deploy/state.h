// Deployment state: what a deploy of one bundle target made, resource key by resource key.
// It is the memory that makes a deploy idempotent: kept in the workspace beside the bundle
// (so a fresh CI runner finds it) and cached in the bundle's .bundlectl/<target>/ folder
// (so an unchanged redeploy need not read the workspace's copy first).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace bundlectl::api {
class Workspace;
}

namespace bundlectl::deploy {

struct ResourceState {
  std::string id;         // the remote id: a job_id in decimal, a pipeline_id, ...
  nlohmann::json spec;    // the payload last applied
  std::string spec_hash;  // payload_hash of what was applied, compared by plan first
  // The access_control_list last set; null when deploy has set none.
  nlohmann::json permissions = nullptr;
};

struct DeploymentState {
  static constexpr int k_version = 1;
  std::string bundle;       // bundle.name
  std::string target;       // the target deployed
  std::string workspace;    // where it was deployed: the host URL, or "emulator"
  std::string lineage;      // made by the first deploy of this target; never changes
  std::int64_t serial = 0;  // grows with every recorded change; the larger copy is newer
  std::map<std::string, ResourceState> resources;  // "jobs.<key>", "pipelines.<key>", ...
  std::map<std::string, std::string> files;        // synced files: path under the root → sha256
  // Set in the workspace's copy when a deploy starts, cleared when one ends cleanly: a deploy
  // that starts from a state marked so looks for creations the state may have missed.
  bool deploy_in_progress = false;
};

nlohmann::json state_to_json(const DeploymentState& state);
// One resource's entry of that document.
nlohmann::json resource_to_json(const ResourceState& resource);
// Throws core::Failure naming `origin` (a file or workspace path) when the document is not
// a state of this version.
DeploymentState state_from_json(const nlohmann::json& json, const std::string& origin);

// The SHA-256 of a payload's canonical JSON (keys sorted, no spaces).
std::string spec_hash(const nlohmann::json& spec);

// <bundle root>/.bundlectl/<target>/resources.json
std::filesystem::path local_state_file(const std::filesystem::path& bundle_root,
                                       const std::string& target);
// nullopt when there is no file; core::Failure when it cannot be read or parsed.
std::optional<DeploymentState> read_local_state(const std::filesystem::path& file);
// Writes a temporary file beside `file`, flushes it and renames it over `file`: a reader
// (or a deploy killed mid-write) sees the old state or the new one, never half of one.
void write_local_state(const std::filesystem::path& file, const DeploymentState& state);
// The same for a state already serialised (deploy composes it from cached parts).
void write_local_state_text(const std::filesystem::path& file, const std::string& text);

// ${workspace.state_path}/bundlectl-resources.json
std::string remote_state_file(const std::string& state_path);
std::optional<DeploymentState> read_remote_state(api::Workspace& workspace,
                                                 const std::string& state_path);
void write_remote_state(api::Workspace& workspace, const std::string& state_path,
                        const DeploymentState& state);

// The copy to trust: the one with the larger serial (the remote one on a tie). A local copy
// made for another workspace is ignored; two copies of different lineage are an error
// (core::Failure), since the target was deployed twice from scratch.
std::optional<DeploymentState> newest_state(std::optional<DeploymentState> local,
                                            std::optional<DeploymentState> remote,
                                            const std::string& workspace);

}  // namespace bundlectl::deploy
