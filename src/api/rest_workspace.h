// The Workspace over the Databricks REST API. Its .cc files are split by API family:
// rest_workspace.cc (assembly, paging), rest_workspace_jobs.cc, rest_workspace_pipelines.cc,
// rest_workspace_files.cc (workspace files, SCIM Me, permissions), rest_workspace_directory.cc
// (the named objects lookups resolve).
#pragma once

#include <memory>

#include "api/encoding.h"
#include "api/logging_transport.h"
#include "bundlectl/api/api_client.h"
#include "bundlectl/api/workspace.h"

namespace bundlectl::api {

inline constexpr const char* k_jobs_api = "/api/2.2/jobs";
inline constexpr const char* k_pipelines_api = "/api/2.0/pipelines";
inline constexpr const char* k_workspace_api = "/api/2.0/workspace";
inline constexpr const char* k_workspace_files_api = "/api/2.0/workspace-files";
inline constexpr const char* k_permissions_api = "/api/2.0/permissions";
inline constexpr const char* k_scim_me = "/api/2.0/preview/scim/v2/Me";

// The page sizes each list endpoint allows at most.
inline constexpr std::size_t k_jobs_page_size = 100;
inline constexpr std::size_t k_runs_page_size = 25;
inline constexpr std::size_t k_pipelines_page_size = 100;
inline constexpr std::size_t k_events_page_size = 250;

// Where a list call finds its items and how it is paged.
struct PagedList {
  std::string path;
  Params query;
  const char* items_key;
  const char* limit_param;  // nullptr: the endpoint takes no page size
  std::size_t page_size;
  std::size_t max_results = 0;  // 0: all
};

class RestWorkspace final : public Workspace {
 public:
  RestWorkspace(const AuthConfig& config, const WorkspaceOptions& options);

  std::int64_t create_job(const Json& settings) override;
  Json get_job(std::int64_t job_id) override;
  std::vector<Json> list_jobs(const std::string& name) override;
  void reset_job(std::int64_t job_id, const Json& new_settings) override;
  void delete_job(std::int64_t job_id) override;
  std::int64_t run_now(std::int64_t job_id, const Json& parameters,
                       const std::string& idempotency_token) override;
  Json get_run(std::int64_t run_id) override;
  std::vector<Json> list_runs(const RunListFilter& filter) override;
  void cancel_run(std::int64_t run_id) override;
  void cancel_all_runs(std::int64_t job_id) override;
  std::int64_t repair_run(std::int64_t run_id, const Json& request) override;
  Json get_run_output(std::int64_t run_id) override;

  std::string create_pipeline(const Json& spec) override;
  Json get_pipeline(const std::string& pipeline_id) override;
  void edit_pipeline(const std::string& pipeline_id, const Json& spec) override;
  void delete_pipeline(const std::string& pipeline_id) override;
  std::vector<Json> list_pipelines(const std::string& filter) override;
  std::string start_update(const std::string& pipeline_id, const Json& request) override;
  Json get_update(const std::string& pipeline_id, const std::string& update_id) override;
  std::vector<Json> list_updates(const std::string& pipeline_id, std::size_t max_results) override;
  void stop_pipeline(const std::string& pipeline_id) override;
  std::vector<Json> list_pipeline_events(const std::string& pipeline_id,
                                         std::size_t max_results) override;

  void mkdirs(const std::string& path) override;
  void import_file(const std::string& path, const std::string& content, bool overwrite,
                   const std::string& format) override;
  std::string export_file(const std::string& path, const std::string& format) override;
  Json get_status(const std::string& path) override;
  std::vector<Json> list_directory(const std::string& path) override;
  void delete_path(const std::string& path, bool recursive) override;
  void upload_file(const std::string& path, const std::string& bytes, bool overwrite) override;

  CurrentUser current_user() override;
  Json get_permissions(const std::string& object_type, const std::string& object_id) override;
  Json set_permissions(const std::string& object_type, const std::string& object_id,
                       const Json& access_control_list) override;
  Json update_permissions(const std::string& object_type, const std::string& object_id,
                          const Json& access_control_list) override;
  std::optional<Json> emulator_clock() override;

  std::vector<Json> list_clusters() override;
  std::vector<Json> list_cluster_policies() override;
  std::vector<Json> list_instance_pools() override;
  std::vector<Json> list_warehouses() override;
  std::vector<Json> list_service_principals(const std::string& scim_filter) override;
  std::vector<Json> list_metastores() override;
  std::vector<Json> list_alerts() override;
  std::vector<Json> list_queries() override;
  std::vector<Json> list_sql_dashboards() override;
  std::vector<Json> list_notification_destinations() override;

 private:
  Json call(Method method, const std::string& path, const Json& body = nullptr,
            const CallOptions& options = {});
  // A GET with `query` appended to `path`.
  Json get(const std::string& path, const Params& query);
  std::vector<Json> collect(const PagedList& list);
  // Follows next_page_token of a get call and appends the arrays named in `keys` (each a JSON
  // pointer) of every later page to the first page.
  Json get_merged(const std::string& path, Params query,
                  const std::vector<Json::json_pointer>& keys);

  std::unique_ptr<HttpTransport> m_owned_transport;
  std::unique_ptr<Clock> m_owned_clock;
  std::shared_ptr<Redactor> m_redactor;
  std::unique_ptr<LoggingTransport> m_logging;
  std::unique_ptr<RateLimiter> m_limiter;
  std::unique_ptr<RetryingSender> m_sender;
  std::unique_ptr<Credentials> m_credentials;
  std::unique_ptr<ApiClient> m_client;
};

}  // namespace bundlectl::api
