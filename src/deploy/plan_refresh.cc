#include "bundlectl/deploy/plan_refresh.h"

#include <set>
#include <string>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/util/strings.h"
#include "deploy/plan_diff.h"

namespace bundlectl::deploy {

namespace {

using Json = nlohmann::json;

// The natural key that names every element of `applied` (the bundle's list), if any.
const char* list_key(const Json& applied) {
  for (const char* field : k_natural_keys) {
    std::set<Json> seen;
    bool names_all = !applied.empty();
    for (const Json& element : applied) {
      auto found = element.is_object() ? element.find(field) : element.end();
      if (!element.is_object() || found == element.end() || !found->is_primitive() ||
          !seen.insert(*found).second) {
        names_all = false;
        break;
      }
    }
    if (names_all) return field;
  }
  return nullptr;
}

const Json* find_named(const Json& remote, const char* field, const Json& name) {
  for (const Json& element : remote) {
    if (element.is_object() && element.contains(field) && element[field] == name) return &element;
  }
  return nullptr;
}

Json project_list(const Json& remote, const Json& applied) {
  Json projected = Json::array();
  if (const char* field = list_key(applied)) {
    for (const Json& element : remote) {
      const Json* name = element.is_object() && element.contains(field) ? &element[field] : nullptr;
      const Json* mine = name ? find_named(applied, field, *name) : nullptr;
      projected.push_back(mine ? project_remote(element, *mine) : element);
    }
    return projected;
  }
  for (std::size_t i = 0; i < remote.size(); ++i) {
    projected.push_back(i < applied.size() ? project_remote(remote[i], applied[i]) : remote[i]);
  }
  return projected;
}

bool is_reference(const Json& value) {
  return value.is_string() && value.get_ref<const std::string&>().find("${") != std::string::npos;
}

// The spec the workspace holds now; null, with `gone` set, when the object no longer exists.
Json remote_spec(api::Workspace& workspace, const PlannedChange& change, bool& gone) {
  gone = false;
  try {
    if (util::starts_with(change.address, "jobs.")) {
      return workspace.get_job(std::stoll(change.id)).value("settings", Json::object());
    }
    return workspace.get_pipeline(change.id).value("spec", Json::object());
  } catch (const api::ApiError& error) {
    if (error.code() != api::ApiErrorCode::NotFound) throw;
    gone = true;
    return nullptr;
  } catch (const std::logic_error&) {  // a job id that is no number: no such job
    gone = true;
    return nullptr;
  }
}

void add_drift(PlannedChange& change, std::vector<FieldChange> drift) {
  std::set<std::string> known;
  for (const FieldChange& field : change.changes) known.insert(field.path);
  for (FieldChange& field : drift) {
    if (known.count(field.path) == 0) change.changes.push_back(std::move(field));
  }
  change.reason = change.action == Action::Unchanged ? "changed outside the bundle"
                                                     : "also changed outside the bundle";
  change.action = Action::Update;
}

}  // namespace

Json project_remote(const Json& remote, const Json& applied) {
  if (is_reference(applied) && !remote.is_null()) return applied;
  if (applied.is_string() && remote.is_number() && remote.dump() == applied.get<std::string>()) {
    return applied;  // an id filled in as text where the API answers with a number
  }
  if (applied.is_object() && remote.is_object()) {
    Json projected = Json::object();
    for (const auto& [key, value] : applied.items()) {
      auto found = remote.find(key);
      if (found != remote.end()) projected[key] = project_remote(*found, value);
    }
    return projected;
  }
  if (applied.is_array() && remote.is_array()) return project_list(remote, applied);
  return remote;
}

Json fill_state_ids(const Json& spec, const DeploymentState& state) {
  if (spec.is_structured()) {
    Json filled = spec;
    for (auto& child : filled) child = fill_state_ids(child, state);
    return filled;
  }
  if (!spec.is_string()) return spec;
  const std::string& text = spec.get_ref<const std::string&>();
  const std::string prefix = "${resources.";
  const std::string suffix = ".id}";
  if (!util::starts_with(text, prefix) || !util::ends_with(text, suffix)) return spec;
  std::string address = text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
  auto found = state.resources.find(address);
  return found == state.resources.end() ? spec : Json(found->second.id);
}

void refresh_plan(Plan& plan, const DeploymentState& state, api::Workspace& workspace) {
  for (PlannedChange& change : plan.changes) {
    if (change.action != Action::Unchanged && change.action != Action::Update) continue;
    if (!change.payload || (change.payload->type != "jobs" && change.payload->type != "pipelines"))
      continue;
    auto applied = state.resources.find(change.address);
    if (applied == state.resources.end()) continue;
    bool gone = false;
    Json remote = remote_spec(workspace, change, gone);
    if (gone) {
      change.action = Action::Create;
      change.reason = "deleted outside the bundle (id " + change.id + ")";
      change.id.clear();
      change.changes.clear();
      continue;
    }
    Json spec = fill_state_ids(applied->second.spec, state);
    std::vector<FieldChange> drift = diff_specs(project_remote(remote, spec), spec);
    if (!drift.empty()) add_drift(change, std::move(drift));
  }
}

}  // namespace bundlectl::deploy
