#include "bundlectl/runs/deployed.h"

#include <vector>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::runs {
namespace {

constexpr const char* k_kinds[] = {"jobs", "pipelines"};

bool runnable(const std::string& kind) { return kind == "jobs" || kind == "pipelines"; }

std::vector<std::string> deployed_keys(const std::optional<deploy::DeploymentState>& state) {
  std::vector<std::string> keys;
  if (!state) return keys;
  for (const auto& [full, resource] : state->resources) {
    if (runnable(split_resource_key(full).first)) keys.push_back(full);
  }
  return keys;
}

[[noreturn]] void not_deployed(const std::optional<deploy::DeploymentState>& state,
                               const std::string& key, const std::string& target,
                               const std::string& noun) {
  std::vector<std::string> keys = deployed_keys(state);
  std::string message = noun + " " + util::quoted(key) + " is not deployed to target " + target +
                        "; run `bundlectl deploy` first";
  message +=
      keys.empty() ? " (nothing is deployed)" : " (deployed: " + util::join(keys, ", ") + ")";
  // Suggest by the name alone too, so "nightlx" finds "jobs.nightly".
  std::vector<std::string> names;
  for (const std::string& full : keys) names.push_back(split_resource_key(full).second);
  std::string bare = split_resource_key(key).second;
  std::string near = util::nearest(bare, names);
  if (!near.empty() && near != bare) message += ", did you mean " + util::quoted(near) + "?";
  throw core::Failure(message);
}

}  // namespace

std::int64_t DeployedResource::job_id() const {
  bool digits =
      !id.empty() && id.size() <= 18 && id.find_first_not_of("0123456789") == std::string::npos;
  if (kind != "jobs" || !digits) {
    throw core::Failure("the deployment state holds " + util::quoted(id) + " as the id of " + kind +
                        "." + key + ", which is not a job id");
  }
  return std::stoll(id);
}

std::pair<std::string, std::string> split_resource_key(const std::string& key) {
  std::size_t dot = key.find('.');
  if (dot != std::string::npos && runnable(key.substr(0, dot))) {
    return {key.substr(0, dot), key.substr(dot + 1)};
  }
  return {"", key};
}

DeployedResource find_deployed(const std::optional<deploy::DeploymentState>& state,
                               const std::string& key, const std::string& target,
                               const std::string& noun) {
  auto [kind, name] = split_resource_key(key);
  std::vector<DeployedResource> found;
  for (const char* candidate : k_kinds) {
    if (!kind.empty() && kind != candidate) continue;
    if (!state) continue;
    auto at = state->resources.find(std::string(candidate) + "." + name);
    if (at != state->resources.end()) found.push_back({candidate, name, at->second.id});
  }
  if (found.empty()) not_deployed(state, key, target, noun);
  if (found.size() > 1) {
    throw core::Failure(util::quoted(key) + " is both a job and a pipeline; write jobs." + name +
                        " or pipelines." + name);
  }
  return found.front();
}

std::string job_key_of(const std::optional<deploy::DeploymentState>& state, std::int64_t job_id) {
  if (!state) return "";
  const std::string id = std::to_string(job_id);
  for (const auto& [full, resource] : state->resources) {
    auto [kind, name] = split_resource_key(full);
    if (kind == "jobs" && resource.id == id) return name;
  }
  return "";
}

}  // namespace bundlectl::runs
