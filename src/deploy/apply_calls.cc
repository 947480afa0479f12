#include "deploy/apply_calls.h"

#include <algorithm>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/core/exit_code.h"

namespace bundlectl::deploy {
namespace {

using Json = nlohmann::json;

bool is_not_found(const api::ApiError& error) {
  return error.code() == api::ApiErrorCode::NotFound;
}

// The type's create call; returns the new id.
std::string create_object(api::Workspace& workspace, const std::string& type, const Json& spec) {
  if (type == "jobs") return std::to_string(workspace.create_job(spec));
  if (type == "pipelines") return workspace.create_pipeline(spec);
  throw core::Failure("deploying resources of type " + type + " is not supported");
}

std::int64_t job_id_of(const std::string& id) {
  try {
    return std::stoll(id);
  } catch (const std::exception&) {
    throw core::Failure("the deployment state's job id \"" + id + "\" is not a number");
  }
}

// The type's update call; false when the object no longer exists.
bool update_object(api::Workspace& workspace, const std::string& type, const std::string& id,
                   const Json& spec) {
  try {
    if (type == "jobs") {
      workspace.reset_job(job_id_of(id), spec);
    } else if (type == "pipelines") {
      Json edit = spec;
      edit["id"] = id;
      workspace.edit_pipeline(id, edit);
    } else {
      throw core::Failure("deploying resources of type " + type + " is not supported");
    }
  } catch (const api::ApiError& error) {
    if (is_not_found(error)) return false;
    throw;
  }
  return true;
}

// The type's delete call; an object already gone counts as deleted.
void delete_object(api::Workspace& workspace, const std::string& type, const std::string& id) {
  try {
    if (type == "jobs") {
      workspace.delete_job(job_id_of(id));
    } else if (type == "pipelines") {
      workspace.delete_pipeline(id);
    } else {
      throw core::Failure("deleting resources of type " + type + " is not supported");
    }
  } catch (const api::ApiError& error) {
    if (!is_not_found(error)) throw;
  }
}

std::string type_of(const std::string& address) { return address.substr(0, address.find('.')); }

}  // namespace

ActionOutcome perform_change(api::Workspace& workspace, const PlannedChange& change,
                             StateRecorder& recorder) {
  ActionOutcome outcome;
  outcome.action = change.action;
  outcome.address = change.address;
  const std::string type = type_of(change.address);
  if (change.action == Action::Delete) {
    const std::string id = change.id.empty() ? recorder.id_of(change.address) : change.id;
    if (!id.empty()) delete_object(workspace, type, id);
    recorder.forget(change.address);
    outcome.id = id;
    return outcome;
  }
  if (!change.payload) throw core::Failure(change.address + ": the plan holds no payload");
  const render::ResourcePayload& payload = *change.payload;
  const Json spec = fill_resource_ids(
      payload.spec, [&recorder](const std::string& address) { return recorder.id_of(address); });
  std::string id = change.action == Action::Update ? recorder.id_of(change.address) : "";
  if (id.empty()) id = change.id;
  if (change.action == Action::Update && !id.empty() && !update_object(workspace, type, id, spec)) {
    id.clear();  // deleted outside the bundle: made again below
    outcome.recreated = true;
  }
  if (change.action == Action::Create || id.empty()) id = create_object(workspace, type, spec);
  // Recorded before the permissions call: the object exists whatever happens next, and a
  // state that forgot it would make the next deploy create it twice.
  ResourceState state{id, payload.spec, payload_hash(payload)};
  const bool has_permissions = payload.permissions.is_array() && !payload.permissions.empty();
  // Permissions the bundle no longer sets are taken away, not left as they were.
  const bool permissions_removed =
      std::any_of(change.changes.begin(), change.changes.end(),
                  [](const FieldChange& field) { return field.path == "permissions"; }) &&
      !has_permissions;
  if (has_permissions || permissions_removed) {
    state.spec_hash.clear();  // until the permissions are set too
  }
  recorder.record(change.address, state);
  if (has_permissions || permissions_removed) {
    const nlohmann::json acl = has_permissions ? payload.permissions : nlohmann::json::array();
    workspace.set_permissions(type, id, acl);
    state.spec_hash = payload_hash(payload);
    if (has_permissions) state.permissions = payload.permissions;
    recorder.record(change.address, state);
  }
  outcome.id = id;
  return outcome;
}

}  // namespace bundlectl::deploy
