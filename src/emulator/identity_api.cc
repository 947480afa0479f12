// SCIM Me, permissions of jobs and pipelines, and the OAuth machine-to-machine token
// endpoint (with the discovery document the SDKs read first).
#include <set>

#include "bundlectl/util/base64.h"
#include "bundlectl/util/strings.h"
#include "emulator/api_context.h"
#include "emulator/api_error.h"
#include "emulator/auth.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr std::int64_t k_access_token_seconds = 3600;
const char* const k_principal_kinds[] = {"user_name", "group_name", "service_principal_name"};

json scim_me(const ApiContext& context) {
  return {{"id", "1000000000000001"},
          {"userName", context.user_name},
          {"displayName", "Emulator User"},
          {"active", true},
          {"name", {{"givenName", "Emulator"}, {"familyName", "User"}}},
          {"emails", {{{"value", context.user_name}, {"type", "work"}, {"primary", true}}}},
          {"groups", {{{"display", "users"}, {"value", "1000000000000002"}}}},
          {"schemas",
           {"urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:workspace:2.0:User"}}};
}

// The stored access control list: [{kind, principal, level}], one entry per principal.
json parse_acl(const json& acl, const std::set<std::string>& levels) {
  json out = json::array();
  if (!acl.is_array()) throw invalid_parameter("access_control_list must be an array");
  for (const json& entry : acl) {
    std::string kind;
    for (const char* candidate : k_principal_kinds) {
      if (entry.contains(candidate)) kind = candidate;
    }
    if (kind.empty()) throw invalid_parameter("Each access control entry must name a principal.");
    std::string level = entry.value("permission_level", "");
    if (!levels.count(level)) {
      throw invalid_parameter("Permission " + level + " is not supported for this object.");
    }
    out.push_back({{"kind", kind}, {"principal", entry[kind]}, {"level", level}});
  }
  return out;
}

json merge_acl(json base, const json& changes) {
  for (const json& change : changes) {
    bool replaced = false;
    for (json& entry : base) {
      if (entry["kind"] == change["kind"] && entry["principal"] == change["principal"]) {
        entry["level"] = change["level"];
        replaced = true;
      }
    }
    if (!replaced) base.push_back(change);
  }
  return base;
}

json acl_to_api(const std::string& object_key, const json& stored) {
  json list = json::array();
  for (const json& entry : stored["entries"]) {
    list.push_back(
        {{entry["kind"].get<std::string>(), entry["principal"]},
         {"all_permissions", {{{"permission_level", entry["level"]}, {"inherited", false}}}}});
  }
  return {{"object_id", object_key},
          {"object_type", stored["object_type"]},
          {"access_control_list", list}};
}

ApiResponse permissions(ApiContext& context, const ApiRequest& request, bool replace) {
  const std::string& kind = request.path_params.at("kind");
  const std::string& id = request.path_params.at("id");
  bool jobs = kind == "jobs";
  if (jobs) {
    std::int64_t job_id = require_int(json{{"job_id", id}}, "job_id");
    if (!context.store.job(job_id)) throw not_found("Job " + id + " does not exist.");
  } else if (!context.store.pipeline(id)) {
    throw not_found("The specified pipeline " + id + " was not found.");
  }
  std::string key = "/" + kind + "/" + id;
  json stored = context.store.permissions(key).value_or(
      json{{"object_type", jobs ? "job" : "pipelines"}, {"entries", json::array()}});
  if (request.method != "GET") {
    std::set<std::string> levels =
        jobs ? std::set<std::string>{"CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"}
             : std::set<std::string>{"CAN_VIEW", "CAN_RUN", "IS_OWNER", "CAN_MANAGE"};
    json changes = parse_acl(request.params().value("access_control_list", json::array()), levels);
    json owner = json::array();
    for (const json& entry : stored["entries"]) {
      if (entry["level"] == "IS_OWNER") owner.push_back(entry);
    }
    // Replacing an ACL keeps the owner unless the new list names one: an object always has one.
    stored["entries"] = replace ? merge_acl(owner, changes) : merge_acl(stored["entries"], changes);
    context.store.put_permissions(key, stored);
  }
  return json_response(acl_to_api(key, stored));
}

std::map<std::string, std::string> form_fields(const ApiRequest& request) {
  std::map<std::string, std::string> fields(request.query.begin(), request.query.end());
  for (const std::string& pair : util::split(request.body, '&')) {
    std::size_t equals = pair.find('=');
    if (equals == std::string::npos) continue;
    std::string value;
    for (std::size_t i = equals + 1; i < pair.size(); ++i) {
      if (pair[i] == '+')
        value += ' ';
      else if (pair[i] != '%' || i + 2 >= pair.size())
        value += pair[i];
      else {
        value += static_cast<char>(std::strtol(pair.substr(i + 1, 2).c_str(), nullptr, 16));
        i += 2;
      }
    }
    fields.emplace(pair.substr(0, equals), value);
  }
  return fields;
}

ApiResponse token(ApiContext& context, const ApiRequest& request) {
  std::map<std::string, std::string> fields = form_fields(request);
  std::string secret = fields["client_secret"];
  std::string header = request.header("authorization");
  if (util::starts_with(header, "Basic ")) {
    std::string decoded = util::base64_decode(util::trim(header.substr(6))).value_or("");
    std::size_t colon = decoded.find(':');
    if (colon != std::string::npos) secret = decoded.substr(colon + 1);
  }
  if (fields["grant_type"] != "client_credentials") {
    return json_response({{"error", "unsupported_grant_type"},
                          {"error_description", "Only client_credentials is supported."}},
                         400);
  }
  if (secret.empty() || !constant_time_equal(secret, context.token)) {
    return json_response(
        {{"error", "invalid_client"}, {"error_description", "Client authentication failed."}}, 401);
  }
  std::string access_token = random_token("emu-oauth-");
  context.store.add_access_token(sha256_hex(access_token),
                                 context.clock.now_ms() + k_access_token_seconds * 1000);
  return json_response({{"access_token", access_token},
                        {"token_type", "Bearer"},
                        {"expires_in", k_access_token_seconds},
                        {"scope", fields.count("scope") ? fields["scope"] : "all-apis"}});
}

}  // namespace

void set_owner_permissions(ApiContext& context, const std::string& object_key,
                           const std::string& object_type, const json& acl) {
  json entries = json::array(
      {{{"kind", "user_name"}, {"principal", context.user_name}, {"level", "IS_OWNER"}}});
  std::set<std::string> levels = {"CAN_VIEW", "CAN_MANAGE_RUN", "CAN_RUN", "IS_OWNER",
                                  "CAN_MANAGE"};
  entries = merge_acl(entries, parse_acl(acl, levels));
  context.store.put_permissions(object_key, {{"object_type", object_type}, {"entries", entries}});
}

void add_identity_routes(Router& router, ApiContext& context) {
  router.add("GET", "/api/2.0/preview/scim/v2/Me",
             [&context](const ApiRequest&) { return json_response(scim_me(context)); });
  for (const char* method : {"GET", "PUT", "PATCH"}) {
    bool replace = std::string(method) == "PUT";
    router.add(method, "/api/2.0/permissions/{kind}/{id}",
               [&context, replace](const ApiRequest& r) {
                 const std::string& kind = r.path_params.at("kind");
                 if (kind != "jobs" && kind != "pipelines") {
                   throw ApiError(404, "ENDPOINT_NOT_FOUND",
                                  "No API found for '" + r.method + " " + r.path + "'");
                 }
                 return permissions(context, r, replace);
               });
  }
  router.add(
      "GET", "/oidc/.well-known/oauth-authorization-server",
      [&context](const ApiRequest&) {
        return json_response({{"issuer", context.base_url + "/oidc"},
                              {"authorization_endpoint", context.base_url + "/oidc/v1/authorize"},
                              {"token_endpoint", context.base_url + "/oidc/v1/token"},
                              {"grant_types_supported", {"client_credentials"}}});
      },
      false);
  router.add(
      "POST", "/oidc/v1/token", [&context](const ApiRequest& r) { return token(context, r); },
      false);
}

}  // namespace bundlectl::emulator
