#include "cli/named_objects.h"

#include <functional>
#include <vector>

#include "bundlectl/util/strings.h"

namespace bundlectl::cli {
namespace {

using api::Json;

// The two messages for one kind: none named so, several named so.
struct Wording {
  std::function<std::string(const std::string& name)> none;
  std::function<std::string(std::size_t count, const std::string& name)> several;
};

// The Go SDK's GetByName helpers, which most lookups use: they name the API's model type.
Wording sdk_wording(const std::string& type) {
  return {[type](const std::string& name) { return type + " named '" + name + "' does not exist"; },
          [type](std::size_t count, const std::string& name) {
            return "there are " + std::to_string(count) + " instances of " + type + " named '" +
                   name + "'";
          }};
}

struct Kind {
  const char* key;
  std::function<std::vector<Json>(api::Workspace&, const std::string& name)> list;
  std::vector<const char*> name_field;  // a path of keys into each listed object
  const char* id_field;
  Wording wording;
};

std::string quoted_for_pipelines_filter(const std::string& name) {
  std::string quoted;
  for (char c : name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return "name = '" + quoted + "'";
}

std::string scim_display_name_filter(const std::string& name) {
  std::string escaped;
  for (char c : name) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return "displayName eq \"" + escaped + "\"";
}

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> table = {
      {"alert",
       [](api::Workspace& w, const std::string&) { return w.list_alerts(); },
       {"display_name"},
       "id",
       sdk_wording("ListAlertsResponseAlert")},
      {"cluster_policy",
       [](api::Workspace& w, const std::string&) { return w.list_cluster_policies(); },
       {"name"},
       "policy_id",
       sdk_wording("Policy")},
      {"cluster",
       [](api::Workspace& w, const std::string&) { return w.list_clusters(); },
       {"cluster_name"},
       "cluster_id",
       {[](const std::string& name) { return "cluster named '" + name + "' does not exist"; },
        [](std::size_t count, const std::string& name) {
          return "there are " + std::to_string(count) + " instances of clusters named '" + name +
                 "'";
        }}},
      {"dashboard",
       [](api::Workspace& w, const std::string&) { return w.list_sql_dashboards(); },
       {"name"},
       "id",
       sdk_wording("Dashboard")},
      {"instance_pool",
       [](api::Workspace& w, const std::string&) { return w.list_instance_pools(); },
       {"instance_pool_name"},
       "instance_pool_id",
       sdk_wording("InstancePoolAndStats")},
      {"job",
       [](api::Workspace& w, const std::string& name) { return w.list_jobs(name); },
       {"settings", "name"},
       "job_id",
       sdk_wording("BaseJob")},
      {"metastore",
       [](api::Workspace& w, const std::string&) { return w.list_metastores(); },
       {"name"},
       "metastore_id",
       sdk_wording("MetastoreInfo")},
      {"notification_destination",
       [](api::Workspace& w, const std::string&) { return w.list_notification_destinations(); },
       {"display_name"},
       "id",
       // The CLI's own resolver; its second message does say "clusters".
       {[](const std::string& name) {
          return "notification destination named " + util::quoted(name) + " does not exist";
        },
        [](std::size_t count, const std::string& name) {
          return "there are " + std::to_string(count) + " instances of clusters named " +
                 util::quoted(name);
        }}},
      {"pipeline",
       [](api::Workspace& w, const std::string& name) {
         return w.list_pipelines(quoted_for_pipelines_filter(name));
       },
       {"name"},
       "pipeline_id",
       sdk_wording("PipelineStateInfo")},
      {"query",
       [](api::Workspace& w, const std::string&) { return w.list_queries(); },
       {"display_name"},
       "id",
       sdk_wording("ListQueryObjectsResponseQuery")},
      {"service_principal",
       [](api::Workspace& w, const std::string& name) {
         return w.list_service_principals(scim_display_name_filter(name));
       },
       {"displayName"},
       "applicationId",
       {[](const std::string& name) {
          return "service principal named " + util::quoted(name) + " does not exist";
        },
        [](std::size_t, const std::string& name) {
          return "multiple service principals found with display name " + util::quoted(name);
        }}},
      {"warehouse",
       [](api::Workspace& w, const std::string&) { return w.list_warehouses(); },
       {"name"},
       "id",
       sdk_wording("EndpointInfo")},
  };
  return table;
}

std::string id_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return "";
}

bool has_name(const Json& item, const std::vector<const char*>& field, const std::string& name) {
  const Json* node = &item;
  for (const char* key : field) {
    if (!node->is_object()) return false;
    auto found = node->find(key);
    if (found == node->end()) return false;
    node = &*found;
  }
  return node->is_string() && node->get<std::string>() == name;
}

}  // namespace

std::string find_named_object(api::Workspace& workspace, const std::string& kind,
                              const std::string& name) {
  for (const Kind& candidate : kinds()) {
    if (kind != candidate.key) continue;
    std::vector<std::string> ids;
    for (const Json& item : candidate.list(workspace, name)) {
      if (!has_name(item, candidate.name_field, name)) continue;
      auto id = item.find(candidate.id_field);
      ids.push_back(id == item.end() ? std::string() : id_text(*id));
    }
    if (ids.empty()) throw NamedObjectError(candidate.wording.none(name));
    if (ids.size() > 1) throw NamedObjectError(candidate.wording.several(ids.size(), name));
    if (ids.front().empty()) {
      throw NamedObjectError("the " + kind + " named '" + name + "' has no " + candidate.id_field +
                             " in the workspace's answer");
    }
    return ids.front();
  }
  throw NamedObjectError("no lookup of objects of kind " + util::quoted(kind));
}

}  // namespace bundlectl::cli
