// What a deploy would change: each resource of the rendered bundle compared with the
// deployment state (the spec last applied), and each resource of the state that the bundle
// no longer has.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bundlectl/deploy/state.h"
#include "bundlectl/render/resource_payloads.h"

namespace bundlectl::deploy {

enum class Action { Create, Update, Delete, Unchanged, Skip };
const char* action_name(Action action);  // "create", "update", "delete", "unchanged", "skip"

struct FieldChange {
  std::string
      path;  // "tasks[task_key='ingest'].notebook_task.notebook_path", "max_concurrent_runs"
  nlohmann::json before;  // null when the field is new
  nlohmann::json after;   // null when the field is removed
};

struct PlannedChange {
  Action action = Action::Unchanged;
  std::string address;  // "jobs.daily"
  std::string id;       // the remote id, for update, delete and unchanged
  std::optional<render::ResourcePayload> payload;  // unset for delete
  std::vector<FieldChange> changes;                // for update
  std::string reason;                              // for skip: why this type is not deployed
};

struct Plan {
  std::vector<PlannedChange> changes;  // in the order they may be applied
  std::size_t count(Action action) const;
  bool empty() const;  // nothing to create, update or delete
};

// What plan compares with the state's spec_hash: the spec's hash, and with the resource's
// access control list too when it has one (so a change of permissions alone is a change).
std::string payload_hash(const render::ResourcePayload& payload);

// Compares the rendered payloads with the state (none: the first deploy). A payload whose
// spec_hash equals the state's is unchanged without further look; resources of the state
// that are not rendered any more are deletes; payloads of unsupported types are skips.
// The state's `spec` is the payload as rendered, before deploy filled in references to other
// resources' ids, so an unchanged bundle plans to nothing.
Plan make_plan(const std::vector<render::ResourcePayload>& payloads, const DeploymentState* state);

}  // namespace bundlectl::deploy
