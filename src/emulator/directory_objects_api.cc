// The named objects of a workspace that bundles look up by name: clusters, cluster policies,
// instance pools, SQL warehouses, service principals (SCIM), Unity Catalog metastores, SQL
// alerts, queries and dashboards. Each can be created and listed, in the shapes and with the
// paging of its REST API; nothing else happens to them here (no cluster starts, no query
// runs). They live in one table of JSON documents, in the order they were made.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>

#include "bundlectl/util/strings.h"
#include "emulator/api_context.h"
#include "emulator/api_error.h"
#include "emulator/pipeline_update.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr std::int64_t k_default_page_size = 100;
constexpr std::int64_t k_max_page_size = 1000;

enum class Paging {
  None,         // the whole list in one answer
  Token,        // page_size and page_token, answered with next_page_token
  Scim,         // startIndex (from 1) and count, answered with totalResults
  PageNumbers,  // page (from 1) and page_size, answered with count
};

struct ObjectKind {
  const char* kind;  // the table's key for this kind
  std::vector<std::string> create_paths;
  std::vector<std::string> list_paths;
  const char* wrapper;     // the create body holds the object under this key ("alert"), or ""
  const char* name_field;  // required on create
  const char* id_field;
  const char* items_key;  // the list answer's array
  Paging paging;
  std::function<std::string(ApiContext&)> make_id;
  std::function<void(json& object, ApiContext&)> complete;  // server-side fields
  bool answer_id_only;  // create answers {id_field: id} rather than the whole object
};

std::string hex_id(ApiContext& context, int digits) {
  char out[32];
  std::snprintf(out, sizeof out, "%0*llx", digits,
                static_cast<unsigned long long>(context.ids.next_id()));
  std::string text(out);
  return text.substr(text.size() - static_cast<std::size_t>(digits));
}

std::string upper_hex_id(ApiContext& context, int digits) {
  std::string id = hex_id(context, digits);
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return id;
}

// Cluster ids look like 0101-120000-abcd1234: a date, a time and a random part.
std::string cluster_like_id(ApiContext& context, const std::string& middle) {
  return "0101-120000-" + middle + hex_id(context, 8);
}

const std::vector<ObjectKind>& object_kinds() {
  auto uuid = [](ApiContext&) { return random_uuid(); };
  auto created_now = [](json& object, ApiContext& context) {
    object["create_time"] = context.clock.now_ms();
  };
  // SQL alerts and queries: created now, active, owned by the caller.
  auto sql_object = [created_now](json& object, ApiContext& context) {
    created_now(object, context);
    object["lifecycle_state"] = "ACTIVE";
    object["owner_user_name"] = context.user_name;
  };
  static const std::vector<ObjectKind> kinds = {
      {"cluster",
       {"/api/2.0/clusters/create", "/api/2.1/clusters/create"},
       {"/api/2.0/clusters/list", "/api/2.1/clusters/list"},
       "",
       "cluster_name",
       "cluster_id",
       "clusters",
       Paging::Token,
       [](ApiContext& c) { return cluster_like_id(c, ""); },
       [](json& object, ApiContext& context) {
         // An emulator-only field a test may set, so that job clusters can exist too.
         if (!object.contains("cluster_source")) object["cluster_source"] = "API";
         object["state"] = "TERMINATED";
         object["creator_user_name"] = context.user_name;
         object["start_time"] = context.clock.now_ms();
       },
       true},
      {"cluster_policy",
       {"/api/2.0/policies/clusters/create"},
       {"/api/2.0/policies/clusters/list"},
       "",
       "name",
       "policy_id",
       "policies",
       Paging::None,
       [](ApiContext& c) { return upper_hex_id(c, 16); },
       [](json& object, ApiContext& context) {
         object["created_at_timestamp"] = context.clock.now_ms();
         object["creator_user_name"] = context.user_name;
         object["is_default"] = false;
       },
       true},
      {"instance_pool",
       {"/api/2.0/instance-pools/create"},
       {"/api/2.0/instance-pools/list"},
       "",
       "instance_pool_name",
       "instance_pool_id",
       "instance_pools",
       Paging::None,
       [](ApiContext& c) { return cluster_like_id(c, "pool-"); },
       [](json& object, ApiContext&) {
         object["state"] = "ACTIVE";
         object["stats"] = {{"used_count", 0}, {"idle_count", 0}};
       },
       true},
      {"warehouse",
       {"/api/2.0/sql/warehouses"},
       {"/api/2.0/sql/warehouses"},
       "",
       "name",
       "id",
       "warehouses",
       Paging::None,
       [](ApiContext& c) { return hex_id(c, 16); },
       [](json& object, ApiContext& context) {
         object["state"] = "STOPPED";
         object["creator_name"] = context.user_name;
         if (!object.contains("cluster_size")) object["cluster_size"] = "Small";
       },
       true},
      {"service_principal",
       {"/api/2.0/preview/scim/v2/ServicePrincipals"},
       {"/api/2.0/preview/scim/v2/ServicePrincipals"},
       "",
       "displayName",
       "id",
       "Resources",
       Paging::Scim,
       [](ApiContext& c) { return std::to_string(c.ids.next_id()); },
       [](json& object, ApiContext&) {
         if (!object.contains("applicationId")) object["applicationId"] = random_uuid();
         if (!object.contains("active")) object["active"] = true;
         object["schemas"] = {"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"};
       },
       false},
      {"metastore",
       {"/api/2.1/unity-catalog/metastores"},
       {"/api/2.1/unity-catalog/metastores"},
       "",
       "name",
       "metastore_id",
       "metastores",
       Paging::None,
       uuid,
       [](json& object, ApiContext& context) {
         object["created_at"] = context.clock.now_ms();
         object["created_by"] = context.user_name;
         object["owner"] = context.user_name;
       },
       false},
      {"alert",
       {"/api/2.0/sql/alerts"},
       {"/api/2.0/sql/alerts"},
       "alert",
       "display_name",
       "id",
       "results",
       Paging::Token,
       uuid,
       sql_object,
       false},
      {"query",
       {"/api/2.0/sql/queries"},
       {"/api/2.0/sql/queries"},
       "query",
       "display_name",
       "id",
       "results",
       Paging::Token,
       uuid,
       sql_object,
       false},
      {"sql_dashboard",
       {"/api/2.0/preview/sql/dashboards"},
       {"/api/2.0/preview/sql/dashboards"},
       "",
       "name",
       "id",
       "results",
       Paging::PageNumbers,
       uuid,
       [](json& object, ApiContext& context) {
         object["slug"] = object["name"];
         object["user"] = {{"email", context.user_name}};
         object["is_archived"] = false;
       },
       false},
  };
  return kinds;
}

void create_table(Store& store) {
  store.db().exec(
      "CREATE TABLE IF NOT EXISTS directory_objects ("
      " seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id TEXT NOT NULL,"
      " doc TEXT NOT NULL)");
}

std::vector<json> stored(Store& store, const ObjectKind& kind) {
  Statement select =
      store.db().prepare("SELECT doc FROM directory_objects WHERE kind = ?1 ORDER BY seq");
  select.bind(1, std::string(kind.kind));
  std::vector<json> objects;
  while (select.step()) objects.push_back(json::parse(select.column_text(0)));
  return objects;
}

ApiResponse create(ApiContext& context, const ObjectKind& kind, const ApiRequest& request) {
  json object = request.params();
  if (*kind.wrapper != '\0') {
    if (!object.contains(kind.wrapper) || !object[kind.wrapper].is_object()) {
      throw invalid_parameter(std::string("Missing required field: ") + kind.wrapper);
    }
    object = json(object[kind.wrapper]);
  }
  require_string(object, kind.name_field);
  std::string id = kind.make_id(context);
  object[kind.id_field] = id;
  kind.complete(object, context);
  Statement insert = context.store.db().prepare(
      "INSERT INTO directory_objects (kind, id, doc) VALUES (?1, ?2, ?3)");
  insert.bind(1, std::string(kind.kind)).bind(2, id).bind(3, object.dump());
  insert.run();
  if (kind.answer_id_only) return json_response({{kind.id_field, id}});
  return json_response(object, kind.paging == Paging::Scim ? 201 : 200);
}

std::int64_t page_size_of(const json& params, const char* name) {
  std::int64_t size = optional_int(params, name).value_or(k_default_page_size);
  if (size <= 0) size = k_default_page_size;
  return std::min(size, k_max_page_size);
}

json page_of(const std::vector<json>& items, std::size_t offset, std::size_t size) {
  json page = json::array();
  for (std::size_t i = offset; i < items.size() && i < offset + size; ++i) page.push_back(items[i]);
  return page;
}

// A SCIM filter on one attribute: `displayName eq "x"` (or 'x'); nothing else is understood.
std::function<bool(const json&)> scim_filter(const std::string& filter) {
  if (filter.empty()) return [](const json&) { return true; };
  std::vector<std::string> words = util::split(filter, ' ');
  std::size_t value_start = filter.find_first_of("\"'");
  if (words.size() < 3 || words[1] != "eq" || value_start == std::string::npos ||
      filter.back() != filter[value_start] || filter.size() - value_start < 2) {
    throw invalid_parameter("Unsupported filter: " + filter);
  }
  std::string value;
  for (std::size_t i = value_start + 1; i + 1 < filter.size(); ++i) {
    if (filter[i] == '\\' && i + 2 < filter.size()) ++i;
    value += filter[i];
  }
  std::string attribute = words[0];
  return [attribute, value](const json& object) {
    auto found = object.find(attribute);
    return found != object.end() && found->is_string() && found->get<std::string>() == value;
  };
}

// Clusters are filtered by filter_by.cluster_sources, a query parameter given once per source.
std::vector<json> filter_clusters(std::vector<json> clusters, const ApiRequest& request) {
  auto [first, last] = request.query.equal_range("filter_by.cluster_sources");
  if (first == last) return clusters;
  std::vector<std::string> sources;
  for (auto it = first; it != last; ++it) sources.push_back(it->second);
  std::vector<json> kept;
  for (json& cluster : clusters) {
    std::string source = cluster.value("cluster_source", "");
    if (std::find(sources.begin(), sources.end(), source) != sources.end()) {
      kept.push_back(std::move(cluster));
    }
  }
  return kept;
}

ApiResponse list(ApiContext& context, const ObjectKind& kind, const ApiRequest& request) {
  const json& params = request.params();
  std::vector<json> items = stored(context.store, kind);
  if (std::string(kind.kind) == "cluster") items = filter_clusters(std::move(items), request);
  json out = json::object();
  switch (kind.paging) {
    case Paging::None: out[kind.items_key] = items; break;
    case Paging::Token: {
      std::size_t size = static_cast<std::size_t>(page_size_of(params, "page_size"));
      std::size_t offset = std::min(offset_from_page_token(params), items.size());
      out[kind.items_key] = page_of(items, offset, size);
      if (offset + size < items.size()) out["next_page_token"] = page_token_for(offset + size);
      break;
    }
    case Paging::Scim: {
      auto keep = scim_filter(params.value("filter", ""));
      items.erase(
          std::remove_if(items.begin(), items.end(), [&](const json& o) { return !keep(o); }),
          items.end());
      std::int64_t start =
          std::max<std::int64_t>(1, optional_int(params, "startIndex").value_or(1));
      std::size_t size = static_cast<std::size_t>(page_size_of(params, "count"));
      json page = page_of(items, static_cast<std::size_t>(start - 1), size);
      out = {{"schemas", {"urn:ietf:params:scim:api:messages:2.0:ListResponse"}},
             {"totalResults", items.size()},
             {"startIndex", start},
             {"itemsPerPage", page.size()},
             {"Resources", page}};
      break;
    }
    case Paging::PageNumbers: {
      std::int64_t number = std::max<std::int64_t>(1, optional_int(params, "page").value_or(1));
      std::size_t size = static_cast<std::size_t>(page_size_of(params, "page_size"));
      out = {{"count", items.size()},
             {"page", number},
             {"page_size", size},
             {"results", page_of(items, static_cast<std::size_t>(number - 1) * size, size)}};
      break;
    }
  }
  if (out.contains(kind.items_key) && out[kind.items_key].empty() && kind.paging != Paging::Scim &&
      kind.paging != Paging::PageNumbers) {
    out.erase(kind.items_key);  // the APIs leave an empty list out
  }
  return json_response(out);
}

}  // namespace

void add_directory_object_routes(Router& router, ApiContext& context) {
  create_table(context.store);
  for (const ObjectKind& kind : object_kinds()) {
    for (const std::string& path : kind.create_paths) {
      router.add("POST", path,
                 [&context, &kind](const ApiRequest& r) { return create(context, kind, r); });
    }
    for (const std::string& path : kind.list_paths) {
      router.add("GET", path,
                 [&context, &kind](const ApiRequest& r) { return list(context, kind, r); });
    }
  }
}

}  // namespace bundlectl::emulator
