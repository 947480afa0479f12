// Pipelines API 2.0: create, get, edit, delete, list, start/get/list updates, stop, events.
#include <algorithm>
#include <regex>

#include "emulator/api_context.h"
#include "emulator/api_error.h"
#include "emulator/pipeline_update.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr std::int64_t k_default_max_results = 25;
constexpr std::int64_t k_max_max_results = 100;
const std::string k_base = "/api/2.0/pipelines";

ApiError missing_pipeline(const std::string& id) {
  return not_found("The specified pipeline " + id + " was not found.");
}

// Every update of the pipeline brought up to now, newest first.
std::vector<json> current_updates(ApiContext& context, const std::string& id) {
  // Job runs bring the updates of their pipeline_tasks into the pipeline as they start.
  context.advance_active_runs();
  std::vector<json> updates = context.store.list_updates(id);
  for (json& update : updates) {
    if (advance_update(update, context.clock.now_ms(), context.engine.timing().pending_ms)) {
      context.store.put_update(id, update["update_id"], update["creation_time"], update);
    }
  }
  return updates;
}

json load_pipeline(ApiContext& context, const std::string& id) {
  std::optional<json> pipeline = context.store.pipeline(id);
  if (!pipeline) throw missing_pipeline(id);
  std::vector<json> updates = current_updates(context, id);
  bool running = !updates.empty() && update_is_active(updates.front());
  (*pipeline)["state"] = running ? "RUNNING" : "IDLE";
  json latest = json::array();
  for (std::size_t i = 0; i < updates.size() && i < 5; ++i) {
    latest.push_back({{"update_id", updates[i]["update_id"]},
                      {"state", updates[i]["state"]},
                      {"creation_time", iso_time(updates[i]["creation_time"])}});
  }
  if (!latest.empty()) (*pipeline)["latest_updates"] = latest;
  return *pipeline;
}

void check_unique_name(ApiContext& context, const json& spec, const std::string& own_id) {
  if (spec.value("allow_duplicate_names", false)) return;
  std::string name = spec.value("name", "");
  for (const json& other : context.store.list_pipelines()) {
    if (other["pipeline_id"] != own_id && other.value("name", "") == name) {
      throw ApiError(409, "RESOURCE_CONFLICT",
                     "Pipeline with name '" + name + "' already exists (" +
                         other["pipeline_id"].get<std::string>() + ").");
    }
  }
}

json clean_spec(json spec, const std::string& id) {
  spec.erase("allow_duplicate_names");
  spec.erase("dry_run");
  spec.erase("pipeline_id");
  spec.erase("expected_last_modified");
  spec["id"] = id;
  return spec;
}

ApiResponse create(ApiContext& context, const ApiRequest& request) {
  json body = request.params();
  require_string(body, "name");
  check_unique_name(context, body, "");
  std::string id = random_uuid();
  json spec = clean_spec(body, id);
  json pipeline = {{"pipeline_id", id},
                   {"name", spec["name"]},
                   {"spec", spec},
                   {"creator_user_name", context.user_name},
                   {"run_as_user_name", context.user_name},
                   {"health", "HEALTHY"},
                   {"created_time", context.clock.now_ms()},
                   {"last_modified", context.clock.now_ms()}};
  if (!body.value("dry_run", false)) {
    context.store.put_pipeline(id, pipeline);
    set_owner_permissions(context, "/pipelines/" + id, "pipelines", json::array());
  }
  return json_response({{"pipeline_id", id}, {"effective_settings", spec}});
}

ApiResponse edit(ApiContext& context, const ApiRequest& request) {
  const std::string& id = request.path_params.at("id");
  json body = request.params();
  std::optional<json> pipeline = context.store.pipeline(id);
  if (!pipeline) throw missing_pipeline(id);
  require_string(body, "name");
  check_unique_name(context, body, id);
  (*pipeline)["spec"] = clean_spec(body, id);
  (*pipeline)["name"] = body["name"];
  (*pipeline)["last_modified"] = context.clock.now_ms();
  context.store.put_pipeline(id, *pipeline);
  return json_response(json::object());
}

// A filter of the form `name LIKE '%x%'` or `name = 'x'`, the forms the API documents.
std::function<bool(const json&)> name_filter(const std::string& filter) {
  if (filter.empty()) return [](const json&) { return true; };
  static const std::regex form(R"(^\s*name\s+(LIKE|like|=)\s+'([^']*)'\s*$)");
  std::smatch parts;
  if (!std::regex_match(filter, parts, form)) {
    throw invalid_parameter("Invalid filter: " + filter);
  }
  bool like = parts[1] != "=";
  std::string pattern;
  for (char c : parts[2].str()) {
    if (c == '%' && like)
      pattern += ".*";
    else if (std::isalnum(static_cast<unsigned char>(c)))
      pattern += c;
    else
      pattern += std::string("\\") + c;
  }
  std::regex compiled(pattern, std::regex::icase);
  return [compiled](const json& p) { return std::regex_match(p.value("name", ""), compiled); };
}

std::int64_t max_results(const json& params) {
  std::int64_t limit = optional_int(params, "max_results").value_or(k_default_max_results);
  if (limit < 1 || limit > k_max_max_results) {
    throw invalid_parameter("max_results must be between 1 and 100");
  }
  return limit;
}

// One page of `items` from the request's page_token, with next/prev tokens.
json page(const std::vector<json>& items, const json& params, const char* field) {
  std::size_t limit = static_cast<std::size_t>(max_results(params));
  std::size_t offset = std::min(offset_from_page_token(params), items.size());
  std::size_t end = std::min(items.size(), offset + limit);
  json out = json::object();
  out[field] = json::array();
  for (std::size_t i = offset; i < end; ++i) out[field].push_back(items[i]);
  if (end < items.size()) out["next_page_token"] = page_token_for(end);
  if (offset > 0) out["prev_page_token"] = page_token_for(offset > limit ? offset - limit : 0);
  if (out[field].empty()) out.erase(field);
  return out;
}

ApiResponse list(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  auto keep = name_filter(params.value("filter", ""));
  std::vector<json> statuses;
  for (const json& stored : context.store.list_pipelines()) {
    if (!keep(stored)) continue;
    json pipeline = load_pipeline(context, stored["pipeline_id"]);
    json status = pipeline;
    status.erase("spec");
    status.erase("created_time");
    statuses.push_back(std::move(status));
  }
  return json_response(page(statuses, params, "statuses"));
}

ApiResponse start_update(ApiContext& context, const ApiRequest& request) {
  const std::string& id = request.path_params.at("id");
  json pipeline = load_pipeline(context, id);
  if (pipeline["state"] == "RUNNING") {
    throw ApiError(409, "RESOURCE_CONFLICT",
                   "An active update already exists for pipeline " + id + ".");
  }
  const json& body = request.params();
  std::string update_id = random_uuid();
  std::int64_t now = context.clock.now_ms();
  json update = {{"pipeline_id", id},
                 {"update_id", update_id},
                 {"config", pipeline["spec"]},
                 {"cause", body.value("cause", "API_CALL")},
                 {"state", "QUEUED"},
                 {"creation_time", now},
                 {"full_refresh", body.value("full_refresh", false)},
                 {"validate_only", body.value("validate_only", false)}};
  for (const char* field : {"refresh_selection", "full_refresh_selection"}) {
    if (body.contains(field)) update[field] = body[field];
  }
  // A scenario may fail the updates of a pipeline, by its name.
  const json& scripted = context.engine.timing().scenario.pipelines;
  const std::string name = pipeline["spec"].value("name", std::string());
  if (auto script = scripted.find(name);
      script != scripted.end() && script->value("outcome", "success") == "failure") {
    update["planned_failure"] = script->value("message", std::string("Update failed."));
  }
  context.store.put_update(id, update_id, now, update);
  return json_response({{"update_id", update_id}});
}

ApiResponse stop(ApiContext& context, const ApiRequest& request) {
  const std::string& id = request.path_params.at("id");
  load_pipeline(context, id);
  for (json& update : current_updates(context, id)) {
    if (!update_is_active(update)) continue;
    update["state"] = "CANCELED";
    update["end_time"] = context.clock.now_ms();
    context.store.put_update(id, update["update_id"], update["creation_time"], update);
  }
  return json_response(json::object());
}

// Events are derived from the updates: one create_update and one update_progress per state
// each update has reached, newest first as the API returns them by default.
ApiResponse events(ApiContext& context, const ApiRequest& request) {
  const std::string& id = request.path_params.at("id");
  json pipeline = load_pipeline(context, id);
  std::vector<json> events;
  std::int64_t step = context.engine.timing().pending_ms;
  std::vector<json> updates = current_updates(context, id);
  std::reverse(updates.begin(), updates.end());
  std::int64_t sequence = 0;
  auto add = [&](const json& update, std::int64_t at, const std::string& type,
                 const std::string& message, json details) {
    events.push_back(
        {{"id", update["update_id"].get<std::string>() + "-" + std::to_string(sequence)},
         {"sequence", {{"control_plane_seq_no", ++sequence}}},
         {"origin",
          {{"pipeline_id", id},
           {"pipeline_name", pipeline["name"]},
           {"update_id", update["update_id"]}}},
         {"timestamp", iso_time(at)},
         {"message", message},
         {"level", "INFO"},
         {"maturity_level", "STABLE"},
         {"event_type", type},
         {"details", details}});
  };
  for (const json& update : updates) {
    std::int64_t created = update["creation_time"];
    add(update, created, "create_update",
        "Update " + update["update_id"].get<std::string>().substr(0, 6) + " started by API call.",
        {{"create_update", {{"cause", update["cause"]}}}});
    std::string final_state = update["state"];
    for (std::size_t i = 0; i < std::size(k_update_states); ++i) {
      std::string state = k_update_states[i];
      if (final_state == "FAILED" && i + 1 == std::size(k_update_states)) state = "FAILED";
      add(update, created + static_cast<std::int64_t>(i) * step, "update_progress",
          "Update is " + state + ".", {{"update_progress", {{"state", state}}}});
      if (state == final_state) break;
      if (final_state == "CANCELED" && update.value("end_time", std::int64_t{0}) <=
                                           created + static_cast<std::int64_t>(i + 1) * step) {
        add(update, update["end_time"], "update_progress", "Update is CANCELED.",
            {{"update_progress", {{"state", "CANCELED"}}}});
        break;
      }
    }
  }
  std::reverse(events.begin(), events.end());
  return json_response(page(events, request.params(), "events"));
}

}  // namespace

void add_pipelines_routes(Router& router, ApiContext& context) {
  router.add("POST", k_base, [&context](const ApiRequest& r) { return create(context, r); });
  router.add("GET", k_base, [&context](const ApiRequest& r) { return list(context, r); });
  router.add("GET", k_base + "/{id}", [&context](const ApiRequest& r) {
    return json_response(load_pipeline(context, r.path_params.at("id")));
  });
  router.add("PUT", k_base + "/{id}", [&context](const ApiRequest& r) { return edit(context, r); });
  router.add("DELETE", k_base + "/{id}", [&context](const ApiRequest& r) {
    if (!context.store.delete_pipeline(r.path_params.at("id"))) {
      throw missing_pipeline(r.path_params.at("id"));
    }
    return json_response(json::object());
  });
  router.add("POST", k_base + "/{id}/updates",
             [&context](const ApiRequest& r) { return start_update(context, r); });
  router.add("GET", k_base + "/{id}/updates", [&context](const ApiRequest& r) {
    load_pipeline(context, r.path_params.at("id"));
    return json_response(
        page(current_updates(context, r.path_params.at("id")), r.params(), "updates"));
  });
  router.add("GET", k_base + "/{id}/updates/{update_id}", [&context](const ApiRequest& r) {
    const std::string& id = r.path_params.at("id");
    load_pipeline(context, id);
    std::optional<json> update = context.store.update(id, r.path_params.at("update_id"));
    if (!update)
      throw not_found("The specified update " + r.path_params.at("update_id") + " was not found.");
    if (advance_update(*update, context.clock.now_ms(), context.engine.timing().pending_ms)) {
      context.store.put_update(id, (*update)["update_id"], (*update)["creation_time"], *update);
    }
    return json_response({{"update", *update}});
  });
  router.add("POST", k_base + "/{id}/stop",
             [&context](const ApiRequest& r) { return stop(context, r); });
  router.add("GET", k_base + "/{id}/events",
             [&context](const ApiRequest& r) { return events(context, r); });
}

}  // namespace bundlectl::emulator
