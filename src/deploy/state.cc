#include "bundlectl/deploy/state.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/file_read.h"
#include "bundlectl/util/sha256.h"

namespace bundlectl::deploy {
namespace {

using Json = nlohmann::json;

std::string text_field(const Json& json, const char* name, const std::string& origin) {
  const auto found = json.find(name);
  if (found == json.end() || !found->is_string()) {
    throw core::Failure(origin + ": the deployment state has no string \"" + name + "\"");
  }
  return found->get<std::string>();
}

ResourceState resource_from_json(const Json& json, const std::string& key,
                                 const std::string& origin) {
  if (!json.is_object()) {
    throw core::Failure(origin + ": resource \"" + key +
                        "\" of the deployment state is not an object");
  }
  ResourceState resource;
  resource.id = text_field(json, "id", origin);
  resource.spec = json.value("spec", Json::object());
  resource.spec_hash = json.value("spec_hash", std::string());
  resource.permissions = json.value("permissions", Json());
  return resource;
}

// Flushes `text` to `path` and makes it durable before the caller renames it into place.
void write_durably(const std::filesystem::path& path, const std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    throw core::Failure("cannot write " + path.string() + ": " + std::strerror(errno));
  }
  bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size() &&
                 std::fflush(file) == 0 && ::fsync(fileno(file)) == 0;
  const int error = errno;
  std::fclose(file);
  if (!written) {
    std::filesystem::remove(path);
    throw core::Failure("cannot write " + path.string() + ": " + std::strerror(error));
  }
}

}  // namespace

Json resource_to_json(const ResourceState& resource) {
  Json json = {{"id", resource.id}, {"spec_hash", resource.spec_hash}, {"spec", resource.spec}};
  if (!resource.permissions.is_null()) json["permissions"] = resource.permissions;
  return json;
}

Json state_to_json(const DeploymentState& state) {
  Json resources = Json::object();
  for (const auto& [key, resource] : state.resources) resources[key] = resource_to_json(resource);
  return Json{{"version", DeploymentState::k_version},
              {"bundle", state.bundle},
              {"target", state.target},
              {"workspace", state.workspace},
              {"lineage", state.lineage},
              {"serial", state.serial},
              {"resources", std::move(resources)},
              {"files", state.files},
              {"deploy_in_progress", state.deploy_in_progress}};
}

DeploymentState state_from_json(const Json& json, const std::string& origin) {
  if (!json.is_object())
    throw core::Failure(origin + ": the deployment state is not a JSON object");
  const Json version = json.value("version", Json());
  if (!version.is_number_integer() || version.get<int>() != DeploymentState::k_version) {
    throw core::Failure(origin + ": deployment state version " + version.dump() +
                        " is not the supported version " +
                        std::to_string(DeploymentState::k_version));
  }
  DeploymentState state;
  state.bundle = text_field(json, "bundle", origin);
  state.target = text_field(json, "target", origin);
  state.workspace = json.value("workspace", std::string());
  state.lineage = text_field(json, "lineage", origin);
  const Json serial = json.value("serial", Json());
  if (!serial.is_number_integer()) {
    throw core::Failure(origin + ": the deployment state has no integer \"serial\"");
  }
  state.serial = serial.get<std::int64_t>();
  const Json resources = json.value("resources", Json::object());
  for (const auto& [key, resource] : resources.items()) {
    state.resources[key] = resource_from_json(resource, key, origin);
  }
  const Json in_progress = json.value("deploy_in_progress", Json(false));
  state.deploy_in_progress = in_progress.is_boolean() && in_progress.get<bool>();
  const Json files = json.value("files", Json::object());
  for (const auto& [path, hash] : files.items()) {
    if (hash.is_string()) state.files[path] = hash.get<std::string>();
  }
  return state;
}

std::string spec_hash(const Json& spec) { return util::sha256_hex(spec.dump()); }

std::filesystem::path local_state_file(const std::filesystem::path& bundle_root,
                                       const std::string& target) {
  return bundle_root / ".bundlectl" / target / "resources.json";
}

std::optional<DeploymentState> read_local_state(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, error))) return std::nullopt;
  util::FileText read = util::read_input_file(file);
  if (!read.text) throw core::Failure(util::cannot_read(file.string(), read));
  Json json = Json::parse(*read.text, nullptr, false);
  if (json.is_discarded()) {
    throw core::Failure(file.string() +
                        ": the deployment state is not valid JSON; delete it to "
                        "use the workspace's copy");
  }
  return state_from_json(json, file.string());
}

void write_local_state(const std::filesystem::path& file, const DeploymentState& state) {
  write_local_state_text(file, state_to_json(state).dump(1) + "\n");
}

void write_local_state_text(const std::filesystem::path& file, const std::string& text) {
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  if (error) {
    throw core::Failure("cannot create " + file.parent_path().string() + ": " + error.message());
  }
  // A name of this process's own, so two deploys on one machine never share a temporary file.
  std::filesystem::path temporary = file;
  temporary += ".tmp." + std::to_string(::getpid());
  write_durably(temporary, text);
  std::filesystem::rename(temporary, file, error);
  if (error) {
    std::filesystem::remove(temporary);
    throw core::Failure("cannot replace " + file.string() + ": " + error.message());
  }
}

std::optional<DeploymentState> newest_state(std::optional<DeploymentState> local,
                                            std::optional<DeploymentState> remote,
                                            const std::string& workspace) {
  if (local && local->workspace != workspace) local.reset();
  if (!local) return remote;
  if (!remote) return local;
  if (local->lineage != remote->lineage) {
    throw core::Failure("the local deployment state (lineage " + local->lineage +
                        ") and the workspace's (lineage " + remote->lineage +
                        ") come from different deployments of target \"" + remote->target +
                        "\"; delete .bundlectl/" + remote->target +
                        "/resources.json to use the workspace's copy");
  }
  return local->serial > remote->serial ? local : remote;
}

}  // namespace bundlectl::deploy
