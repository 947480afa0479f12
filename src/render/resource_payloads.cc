// render_payloads: the resolved configuration's resources as the bodies their APIs take.
// The loader has done the work that needs the bundle (paths translated, deployment markers
// set, defaults filled); what is left here is to drop what only bundles know, tie jobs to
// their bundle with tags, and turn `permissions` into an access control list.
#include "bundlectl/render/resource_payloads.h"

#include <algorithm>
#include <array>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/core/value_json.h"
#include "bundlectl/util/strings.h"
#include "render/resource_references.h"

namespace bundlectl::render {

namespace {

// Fields a bundle accepts on a resource that no create or edit call takes: its remote id
// and URL (filled in by the CLI from state), the CLI's internal change marker, the deploy
// lifecycle (prevent_destroy, ...) and the permissions and Unity Catalog grants that go to
// their own APIs.
constexpr std::array<const char*, 6> k_bundle_only_fields = {
    "id", "url", "modified_status", "lifecycle", "permissions", "grants"};

// The types deploy applies; plan lists every other type as skipped.
bool is_supported_type(const std::string& type) { return type == "jobs" || type == "pipelines"; }

// Bundle permissions ({level, user_name|group_name|service_principal_name}) as the
// Permissions API's access_control_list ({permission_level, ...}).
nlohmann::json access_control_list(const nlohmann::json& permissions) {
  nlohmann::json list = nlohmann::json::array();
  if (!permissions.is_array()) return list;
  for (const nlohmann::json& permission : permissions) {
    if (!permission.is_object()) continue;
    nlohmann::json entry = nlohmann::json::object();
    for (const auto& [field, value] : permission.items()) {
      entry[field == "level" ? "permission_level" : field] = value;
    }
    list.push_back(std::move(entry));
  }
  return list;
}

// The three tags that find a job again by its bundle, target and key. A user's tags of other
// names stay; a user's tag of one of these names is replaced, since deploy relies on it.
void tag_job(nlohmann::json& spec, const config::Bundle& bundle, const std::string& key) {
  nlohmann::json& tags = spec["tags"];
  if (!tags.is_object()) tags = nlohmann::json::object();
  const core::Value* name = bundle.config.at({"bundle", "name"});
  tags[k_bundle_tag] = name && name->is_scalar() ? name->scalar_text() : "";
  tags[k_target_tag] = bundle.target;
  tags[k_resource_tag] = key;
}

// The value a ${resources.<type>.<key>.<field>} reference names in the configuration, when it
// is text written there (a schema's name, say); empty for a field only deploy learns (an id).
std::string config_field(const config::Bundle& bundle, const std::string& inner) {
  const std::vector<std::string> parts = util::split(inner, '.');
  if (parts.size() != 4 || parts[0] != "resources" || parts[3] == "id") return "";
  const core::Value* value = bundle.config.at({"resources", parts[1], parts[2], parts[3]});
  return value && value->is_string() && value->as_string().find("${") == std::string::npos
             ? value->as_string()
             : "";
}

// References to fields the configuration holds (the loader writes ${resources.schemas.<key>.name}
// for a schema of the bundle, to order deploy) become those fields' text in the payload.
void fill_config_references(nlohmann::json& node, const config::Bundle& bundle) {
  if (node.is_object() || node.is_array()) {
    for (auto& child : node) fill_config_references(child, bundle);
    return;
  }
  if (!node.is_string()) return;
  std::string text = node.get<std::string>();
  for (std::size_t open = text.find("${resources."); open != std::string::npos;
       open = text.find("${resources.", open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string value = config_field(bundle, text.substr(open + 2, close - open - 2));
    if (value.empty()) continue;
    text.replace(open, close + 1 - open, value);
  }
  node = text;
}

ResourcePayload make_payload(const config::Bundle& bundle, const std::string& type,
                             const std::string& key, const core::Value& resource) {
  ResourcePayload payload;
  payload.type = type;
  payload.key = key;
  payload.supported = is_supported_type(type);
  nlohmann::json body = core::to_json(resource);
  if (!body.is_object()) body = nlohmann::json::object();
  if (auto permissions = body.find("permissions"); permissions != body.end()) {
    payload.permissions = access_control_list(*permissions);
  }
  for (const char* field : k_bundle_only_fields) body.erase(field);
  if (type == "jobs") tag_job(body, bundle, key);
  payload.depends_on = referenced_resources(body, payload.address());
  fill_config_references(body, bundle);
  payload.spec = std::move(body);
  return payload;
}

bool is_selected(const ResourcePayload& payload, const std::vector<std::string>& only) {
  if (only.empty()) return true;
  return std::any_of(only.begin(), only.end(), [&](const std::string& wanted) {
    return wanted == payload.key || wanted == payload.address();
  });
}

// Every name of `only` must select something: a misspelt --resource is an error, not an
// empty render.
void check_selection(const std::vector<ResourcePayload>& all,
                     const std::vector<std::string>& only) {
  std::vector<std::string> known;
  for (const ResourcePayload& payload : all) known.push_back(payload.address());
  for (const std::string& wanted : only) {
    bool found = std::any_of(all.begin(), all.end(), [&](const ResourcePayload& payload) {
      return wanted == payload.key || wanted == payload.address();
    });
    if (found) continue;
    std::vector<std::string> candidates = known;
    for (const ResourcePayload& payload : all) candidates.push_back(payload.key);
    std::string known_list = known.empty() ? "no resources" : util::join(known, ", ");
    throw core::UsageError("unknown resource " + util::quoted(wanted) + " (the bundle has " +
                           known_list + ")" + util::did_you_mean(wanted, candidates));
  }
}

}  // namespace

std::vector<ResourcePayload> render_payloads(const config::Bundle& bundle,
                                             const std::vector<std::string>& only) {
  std::vector<ResourcePayload> all;
  const core::Value* resources = bundle.config.find("resources");
  if (resources && resources->is_mapping()) {
    for (const core::MapEntry& section : resources->entries()) {
      if (!section.value.is_mapping()) continue;
      for (const core::MapEntry& resource : section.value.entries()) {
        all.push_back(make_payload(bundle, section.key, resource.key, resource.value));
      }
    }
  }
  check_selection(all, only);
  std::vector<ResourcePayload> selected;
  for (ResourcePayload& payload : all) {
    if (is_selected(payload, only)) selected.push_back(std::move(payload));
  }
  return selected;
}

}  // namespace bundlectl::render
