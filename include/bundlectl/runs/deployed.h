// Which remote job or pipeline a bundle resource key names, from the deployment state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bundlectl/deploy/state.h"

namespace bundlectl::runs {

struct DeployedResource {
  std::string kind;  // "jobs" or "pipelines"
  std::string key;   // without the kind: "nightly"
  std::string id;    // the job id in decimal, or the pipeline id

  // The id as a job id; core::Failure when the state holds something else there.
  std::int64_t job_id() const;
};

// `key` is "name" or "jobs.name" / "pipelines.name". `noun` names it in errors ("job",
// "pipeline"). Throws core::Failure when it is not in `state`:
//   job "x" is not deployed to target dev; run `bundlectl deploy` first (deployed: jobs.a,
//   pipelines.b), did you mean "a"?
// and when an unprefixed name is both a job and a pipeline.
DeployedResource find_deployed(const std::optional<deploy::DeploymentState>& state,
                               const std::string& key, const std::string& target,
                               const std::string& noun);

// Splits "jobs.name" into {"jobs", "name"}; an unprefixed key gives {"", key}.
std::pair<std::string, std::string> split_resource_key(const std::string& key);

// The bundle key of a deployed job id ("" when none): to name runs in lists.
std::string job_key_of(const std::optional<deploy::DeploymentState>& state, std::int64_t job_id);

}  // namespace bundlectl::runs
