// The Notification Destinations API (/api/2.0/notification-destinations) and the emulator's
// list of recorded notification events.
#include <algorithm>

#include "emulator/api_error.h"
#include "emulator/json_fields.h"
#include "emulator/notifications_api.h"
#include "emulator/pipeline_update.h"
#include "emulator/webhook_deliverer.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

const std::string k_base = "/api/2.0/notification-destinations";

// One kind of destination: its key in `config`, its destination_type, its input-only fields
// (shown back only as `<field>_set`), and the field it cannot do without.
struct DestinationKind {
  const char* config_key;
  const char* type;
  std::vector<const char*> secret_fields;
  const char* required;
};

const std::vector<DestinationKind>& kinds() {
  static const std::vector<DestinationKind> k_kinds = {
      {"slack", "SLACK", {"url", "oauth_token", "channel_id"}, nullptr},
      {"email", "EMAIL", {}, "addresses"},
      {"generic_webhook", "WEBHOOK", {"url", "username", "password"}, "url"},
      {"microsoft_teams",
       "MICROSOFT_TEAMS",
       {"url", "app_id", "auth_secret", "channel_url", "tenant_id"},
       nullptr},
      {"pagerduty", "PAGERDUTY", {"integration_key"}, "integration_key"},
  };
  return k_kinds;
}

const DestinationKind* kind_named(const std::string& config_key) {
  for (const DestinationKind& kind : kinds()) {
    if (config_key == kind.config_key) return &kind;
  }
  return nullptr;
}

// The one kind `config` wraps; throws the API's 400 otherwise.
const DestinationKind& kind_of(const json& config) {
  const DestinationKind* found =
      config.is_object() && config.size() == 1 && config.begin()->is_object()
          ? kind_named(config.begin().key())
          : nullptr;
  if (!found) {
    throw invalid_parameter(
        "config must wrap exactly one of: slack, email, generic_webhook, microsoft_teams, "
        "pagerduty.");
  }
  return *found;
}

void check_fields(const DestinationKind& kind, const json& fields) {
  std::string prefix = std::string("config.") + kind.config_key + ".";
  for (const char* name : kind.secret_fields) {
    if (fields.contains(name) && !fields[name].is_string())
      throw invalid_parameter(prefix + name + " must be a string.");
  }
  if (fields.contains("addresses")) {
    const json& addresses = fields["addresses"];
    if (!addresses.is_array() || !std::all_of(addresses.begin(), addresses.end(),
                                              [](const json& a) { return a.is_string(); }))
      throw invalid_parameter(prefix + "addresses must be a list of strings.");
  }
  if (kind.required) {
    const json* value = fields.contains(kind.required) ? &fields[kind.required] : nullptr;
    if (!value || (value->is_string() && value->get<std::string>().empty()) ||
        (value->is_array() && value->empty()))
      throw invalid_parameter(prefix + kind.required + " is required.");
  }
}

std::string display_name_of(const json& params, const std::string& fallback) {
  if (!params.contains("display_name")) return fallback;
  if (!params["display_name"].is_string())
    throw invalid_parameter("display_name must be a string.");
  return params["display_name"].get<std::string>();
}

json load_destination(NotificationStore& notifications, const std::string& id) {
  std::optional<json> found = notifications.destination(id);
  if (!found) throw not_found("Notification destination " + id + " does not exist.");
  return *found;
}

ApiResponse create_destination(NotificationStore& notifications, const ApiRequest& request) {
  const json& params = request.params();
  if (!params.contains("config")) throw invalid_parameter("Missing required field: config");
  const DestinationKind& kind = kind_of(params["config"]);
  const json& fields = params["config"][kind.config_key];
  check_fields(kind, fields);
  json stored = {{"id", random_uuid()},
                 {"display_name", display_name_of(params, "")},
                 {"destination_type", kind.type},
                 {"config", {{kind.config_key, fields}}}};
  notifications.put_destination(stored["id"].get<std::string>(), stored);
  return json_response(destination_to_api(stored, true));
}

ApiResponse update_destination(NotificationStore& notifications, const ApiRequest& request) {
  const json& params = request.params();
  std::string id = request.path_params.at("id");
  json stored = load_destination(notifications, id);
  if (!params.contains("display_name") && !params.contains("config"))
    throw invalid_parameter("At least one field is required in the request body.");
  stored["display_name"] = display_name_of(params, text_field(stored, "display_name"));
  if (params.contains("config")) {
    const DestinationKind& kind = kind_of(params["config"]);
    if (text_field(stored, "destination_type") != kind.type)
      throw invalid_parameter("The type of a notification destination cannot be changed.");
    // Fields not given keep their values, so a rename never drops a stored secret.
    json& fields = stored["config"][kind.config_key];
    for (const auto& [name, value] : params["config"][kind.config_key].items())
      fields[name] = value;
    check_fields(kind, fields);
  }
  notifications.put_destination(id, stored);
  return json_response(destination_to_api(stored, true));
}

ApiResponse list_destinations(NotificationStore& notifications, const ApiRequest& request) {
  const json& params = request.params();
  std::int64_t page_size = optional_int(params, "page_size").value_or(20);
  if (page_size < 1 || page_size > 1000)
    throw invalid_parameter("page_size must be between 1 and 1000.");
  std::size_t offset = offset_from_page_token(params);
  std::size_t size = static_cast<std::size_t>(page_size);
  std::vector<json> page = notifications.list_destinations(offset, size + 1);
  json out = {{"results", json::array()}};
  for (std::size_t i = 0; i < page.size() && i < size; ++i)
    out["results"].push_back(destination_to_api(page[i], false));
  if (page.size() > size) out["next_page_token"] = page_token_for(offset + size);
  return json_response(out);
}

ApiResponse list_events(ApiContext& context, NotificationStore& notifications,
                        const ApiRequest& request) {
  const json& params = request.params();
  std::int64_t limit = optional_int(params, "limit").value_or(1000);
  if (limit < 1 || limit > 10'000) throw invalid_parameter("limit must be between 1 and 10000.");
  // What the clock has reached is recorded before it is listed, as every read of runs does.
  bring_watched_runs_up_to_date(context, notifications);
  json events = notifications.list(optional_int(params, "run_id").value_or(0),
                                   optional_int(params, "job_id").value_or(0),
                                   static_cast<std::size_t>(limit));
  return json_response({{"notifications", std::move(events)}});
}

}  // namespace

json destination_to_api(const json& stored, bool with_config) {
  json out = {{"id", stored.value("id", "")},
              {"display_name", stored.value("display_name", "")},
              {"destination_type", stored.value("destination_type", "")}};
  if (!with_config) return out;
  json config = object_field(stored, "config");
  if (config.empty()) return out;
  const DestinationKind* kind = kind_named(config.begin().key());
  if (!kind) return out;
  const json& fields = config.begin().value();
  json shown = json::object();
  for (const char* name : kind->secret_fields) {
    shown[std::string(name) + "_set"] = !text_field(fields, name).empty();
  }
  if (fields.contains("addresses")) shown["addresses"] = fields["addresses"];
  out["config"] = {{kind->config_key, shown}};
  return out;
}

void add_notification_routes(Router& router, ApiContext& context,
                             NotificationStore& notifications) {
  router.add("POST", k_base, [&notifications](const ApiRequest& r) {
    return create_destination(notifications, r);
  });
  router.add("GET", k_base,
             [&notifications](const ApiRequest& r) { return list_destinations(notifications, r); });
  router.add("GET", k_base + "/{id}", [&notifications](const ApiRequest& r) {
    return json_response(
        destination_to_api(load_destination(notifications, r.path_params.at("id")), true));
  });
  router.add("PATCH", k_base + "/{id}", [&notifications](const ApiRequest& r) {
    return update_destination(notifications, r);
  });
  router.add("DELETE", k_base + "/{id}", [&notifications](const ApiRequest& r) {
    std::string id = r.path_params.at("id");
    if (!notifications.delete_destination(id))
      throw not_found("Notification destination " + id + " does not exist.");
    return json_response(json::object());
  });
  router.add("GET", "/api/2.0/emulator/notifications",
             [&context, &notifications](const ApiRequest& r) {
               return list_events(context, notifications, r);
             });
}

}  // namespace bundlectl::emulator
