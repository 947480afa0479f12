// The named objects of a workspace that `lookup` variables resolve: compute (Clusters 2.1,
// Cluster Policies, Instance Pools), Databricks SQL (warehouses, alerts, queries, dashboards),
// SCIM service principals, Unity Catalog metastores and notification destinations. Each list
// follows the paging its API uses: page tokens, SCIM start indexes, or SQL dashboard pages.
#include "api/rest_workspace.h"

namespace bundlectl::api {
namespace {

constexpr const char* k_clusters_list = "/api/2.1/clusters/list";
constexpr const char* k_cluster_policies_list = "/api/2.0/policies/clusters/list";
constexpr const char* k_instance_pools_list = "/api/2.0/instance-pools/list";
constexpr const char* k_warehouses = "/api/2.0/sql/warehouses";
constexpr const char* k_scim_service_principals = "/api/2.0/preview/scim/v2/ServicePrincipals";
constexpr const char* k_metastores = "/api/2.1/unity-catalog/metastores";
constexpr const char* k_alerts = "/api/2.0/sql/alerts";
constexpr const char* k_queries = "/api/2.0/sql/queries";
constexpr const char* k_sql_dashboards = "/api/2.0/preview/sql/dashboards";
constexpr const char* k_notification_destinations = "/api/2.0/notification-destinations";

constexpr std::size_t k_clusters_page_size = 100;
constexpr std::size_t k_sql_page_size = 100;
constexpr std::size_t k_scim_page_size = 100;
constexpr std::size_t k_destinations_page_size = 200;
// A SQL dashboards answer that never ends (a server repeating its last page) stops here.
constexpr std::size_t k_max_dashboard_pages = 10000;

// A count the answer gives, or 0 when it gives none (or not a number).
std::size_t count_field(const Json& page, const char* key) {
  auto found = page.find(key);
  if (found == page.end() || !found->is_number_unsigned()) return 0;
  return found->get<std::size_t>();
}

void append_array(Json& page, const char* key, std::vector<Json>& items) {
  auto found = page.find(key);
  if (found == page.end() || !found->is_array()) return;
  for (Json& item : *found) items.push_back(std::move(item));
}

}  // namespace

std::vector<Json> RestWorkspace::list_clusters() {
  // Only clusters made through the API or the UI, as the Databricks CLI asks: a workspace's
  // job clusters can number in the hundreds of thousands and are never what a lookup names.
  PagedList list{k_clusters_list,
                 {{"filter_by.cluster_sources", "API"}, {"filter_by.cluster_sources", "UI"}},
                 "clusters",
                 "page_size",
                 k_clusters_page_size};
  return collect(list);
}

std::vector<Json> RestWorkspace::list_cluster_policies() {
  return collect({k_cluster_policies_list, {}, "policies", nullptr, 0});
}

std::vector<Json> RestWorkspace::list_instance_pools() {
  return collect({k_instance_pools_list, {}, "instance_pools", nullptr, 0});
}

std::vector<Json> RestWorkspace::list_warehouses() {
  return collect({k_warehouses, {}, "warehouses", nullptr, 0});
}

std::vector<Json> RestWorkspace::list_metastores() {
  return collect({k_metastores, {}, "metastores", nullptr, 0});
}

std::vector<Json> RestWorkspace::list_alerts() {
  return collect({k_alerts, {}, "results", "page_size", k_sql_page_size});
}

std::vector<Json> RestWorkspace::list_queries() {
  return collect({k_queries, {}, "results", "page_size", k_sql_page_size});
}

std::vector<Json> RestWorkspace::list_notification_destinations() {
  return collect(
      {k_notification_destinations, {}, "results", "page_size", k_destinations_page_size});
}

std::vector<Json> RestWorkspace::list_service_principals(const std::string& scim_filter) {
  // SCIM pages by a 1-based start index and a count, and says how many there are in all.
  std::vector<Json> items;
  std::size_t start = 1;
  while (true) {
    Params query;
    if (!scim_filter.empty()) query.emplace_back("filter", scim_filter);
    query.emplace_back("startIndex", std::to_string(start));
    query.emplace_back("count", std::to_string(k_scim_page_size));
    Json page = get(k_scim_service_principals, query);
    std::size_t before = items.size();
    append_array(page, "Resources", items);
    std::size_t got = items.size() - before;
    if (got == 0 || items.size() >= count_field(page, "totalResults")) break;
    start += got;
  }
  return items;
}

std::vector<Json> RestWorkspace::list_sql_dashboards() {
  // Numbered pages from 1; the answer's `count` is the number of dashboards in all.
  std::vector<Json> items;
  for (std::size_t page_number = 1; page_number <= k_max_dashboard_pages; ++page_number) {
    Json page = get(k_sql_dashboards, {{"page", std::to_string(page_number)},
                                       {"page_size", std::to_string(k_sql_page_size)}});
    std::size_t before = items.size();
    append_array(page, "results", items);
    if (items.size() == before) break;
    std::size_t total = count_field(page, "count");
    if (total > 0 && items.size() >= total) break;
  }
  return items;
}

}  // namespace bundlectl::api
