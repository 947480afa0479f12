// `plan --refresh`: a plan made from state alone trusts that nobody touched the workspace;
// this reads each job and pipeline the state names and folds into the plan what was changed
// or deleted outside the bundle.
#pragma once

#include <nlohmann/json.hpp>

#include "bundlectl/deploy/plan.h"
#include "bundlectl/deploy/state.h"

namespace bundlectl::api {
class Workspace;
}

namespace bundlectl::deploy {

// For each unchanged or updated job and pipeline of `plan`:
//  - gone from the workspace: becomes a create, reason "deleted outside the bundle";
//  - some field that the applied spec sets differs remotely: the difference (before = the
//    workspace's value, after = the bundle's) is added to its changes, an unchanged one
//    becomes an update, reason "changed outside the bundle".
// Fields the applied spec does not set (server defaults, run_as_user_name, ...) are not
// compared. Other API failures propagate.
void refresh_plan(Plan& plan, const DeploymentState& state, api::Workspace& workspace);

// The remote object cut down to the shape of `applied`: only the fields it sets, list
// elements matched by their natural key (or position), elements only the remote has kept
// whole. A reference `applied` still holds as text is taken as equal.
nlohmann::json project_remote(const nlohmann::json& remote, const nlohmann::json& applied);

// `${resources.<type>.<key>.id}` (a whole string) replaced by the id `state` has for it.
nlohmann::json fill_state_ids(const nlohmann::json& spec, const DeploymentState& state);

}  // namespace bundlectl::deploy
