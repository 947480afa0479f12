// Everything bundlectl asks of a Databricks workspace, as typed calls. This interface (and its
// REST implementation) is the only place that knows URLs: Jobs API 2.2, Pipelines 2.0,
// Workspace 2.0, SCIM Me and Permissions. Calls return the API's JSON objects, with paging
// already followed; failures throw ApiError (typed: not found, already exists, ...),
// NetworkError or AuthError.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bundlectl/api/auth_config.h"
#include "bundlectl/api/clock.h"
#include "bundlectl/api/http.h"
#include "bundlectl/api/retry_policy.h"

namespace bundlectl::api {

using Json = nlohmann::json;

struct CurrentUser {
  std::string id;
  std::string user_name;  // an email for users, an application id for service principals
  std::string display_name;
  Json reported;  // the whole SCIM Me answer
};

struct RunListFilter {
  std::optional<std::int64_t> job_id;
  bool active_only = false;
  bool completed_only = false;
  std::size_t max_results = 0;  // 0: every page
  bool expand_tasks = false;    // each run with its tasks[]
};

class Workspace {
 public:
  virtual ~Workspace() = default;

  // Jobs (API 2.2). get_job and get_run merge the pages of their task lists.
  virtual std::int64_t create_job(const Json& settings) = 0;
  virtual Json get_job(std::int64_t job_id) = 0;
  virtual std::vector<Json> list_jobs(const std::string& name = "") = 0;
  virtual void reset_job(std::int64_t job_id, const Json& new_settings) = 0;
  virtual void delete_job(std::int64_t job_id) = 0;
  // `parameters` holds run-now fields (job_parameters, queue, ...). With a non-empty
  // idempotency token the call is retried safely; without one it is retried only when the
  // request cannot have been received.
  virtual std::int64_t run_now(std::int64_t job_id, const Json& parameters = Json::object(),
                               const std::string& idempotency_token = "") = 0;
  virtual Json get_run(std::int64_t run_id) = 0;
  virtual std::vector<Json> list_runs(const RunListFilter& filter = {}) = 0;
  virtual void cancel_run(std::int64_t run_id) = 0;
  virtual void cancel_all_runs(std::int64_t job_id) = 0;
  // `request` holds repair fields (rerun_tasks, rerun_all_failed_tasks, ...); returns repair_id.
  virtual std::int64_t repair_run(std::int64_t run_id, const Json& request) = 0;
  virtual Json get_run_output(std::int64_t run_id) = 0;

  // Pipelines (API 2.0).
  virtual std::string create_pipeline(const Json& spec) = 0;
  virtual Json get_pipeline(const std::string& pipeline_id) = 0;
  virtual void edit_pipeline(const std::string& pipeline_id, const Json& spec) = 0;
  virtual void delete_pipeline(const std::string& pipeline_id) = 0;
  virtual std::vector<Json> list_pipelines(const std::string& filter = "") = 0;
  virtual std::string start_update(const std::string& pipeline_id,
                                   const Json& request = Json::object()) = 0;
  virtual Json get_update(const std::string& pipeline_id, const std::string& update_id) = 0;
  virtual std::vector<Json> list_updates(const std::string& pipeline_id,
                                         std::size_t max_results = 0) = 0;
  virtual void stop_pipeline(const std::string& pipeline_id) = 0;
  virtual std::vector<Json> list_pipeline_events(const std::string& pipeline_id,
                                                 std::size_t max_results = 0) = 0;

  // Workspace files (API 2.0). Contents are raw bytes; base64 is handled here.
  virtual void mkdirs(const std::string& path) = 0;
  virtual void import_file(const std::string& path, const std::string& content,
                           bool overwrite = true, const std::string& format = "AUTO") = 0;
  virtual std::string export_file(const std::string& path,
                                  const std::string& format = "SOURCE") = 0;
  virtual Json get_status(const std::string& path) = 0;
  virtual std::vector<Json> list_directory(const std::string& path) = 0;
  virtual void delete_path(const std::string& path, bool recursive = false) = 0;
  // Writes `bytes` to the workspace file `path` (workspace-files/import-file, the call the
  // Databricks CLI's file sync makes; no base64, no 10 MB import limit). A notebook source
  // (a .py, .r, .scala or .sql file with its language's header line, or a Jupyter .ipynb)
  // becomes a notebook without its extension, as on Databricks. A missing parent folder is
  // made and the upload tried once more. Without `overwrite`, an existing object is an
  // ApiError with code AlreadyExists. The default, for fakes, imports with format AUTO.
  virtual void upload_file(const std::string& path, const std::string& bytes,
                           bool overwrite = true) {
    std::size_t slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0) mkdirs(path.substr(0, slash));
    import_file(path, bytes, overwrite, "AUTO");
  }

  // The emulator's clock document ({mode, now_ms}) when the host is bundlectl's emulator,
  // nullopt when it does not answer that emulator-only route (any real workspace). Lets a
  // command refuse emulator-only requests before it sends them elsewhere.
  virtual std::optional<Json> emulator_clock() { return std::nullopt; }
  // Identity and permissions. `object_type` is the path segment: jobs, pipelines,
  // directories, ...
  virtual CurrentUser current_user() = 0;
  virtual Json get_permissions(const std::string& object_type, const std::string& object_id) = 0;
  virtual Json set_permissions(const std::string& object_type, const std::string& object_id,
                               const Json& access_control_list) = 0;
  virtual Json update_permissions(const std::string& object_type, const std::string& object_id,
                                  const Json& access_control_list) = 0;

  // The named objects that `lookup` variables resolve, each list with its paging followed
  // (rest_workspace_directory.cc): clusters made through the API or the UI, cluster
  // policies, instance pools, SQL warehouses, service principals (SCIM; `scim_filter` as the
  // SCIM API takes it, e.g. displayName eq "x"), Unity Catalog metastores, SQL alerts and
  // queries, SQL dashboards, notification destinations.
  virtual std::vector<Json> list_clusters() = 0;
  virtual std::vector<Json> list_cluster_policies() = 0;
  virtual std::vector<Json> list_instance_pools() = 0;
  virtual std::vector<Json> list_warehouses() = 0;
  virtual std::vector<Json> list_service_principals(const std::string& scim_filter = "") = 0;
  virtual std::vector<Json> list_metastores() = 0;
  virtual std::vector<Json> list_alerts() = 0;
  virtual std::vector<Json> list_queries() = 0;
  virtual std::vector<Json> list_sql_dashboards() = 0;
  virtual std::vector<Json> list_notification_destinations() = 0;
};

// Seams for tests; production code leaves every field unset.
struct WorkspaceOptions {
  HttpTransport* transport = nullptr;  // unset: a CurlTransport configured from the AuthConfig
  Clock* clock = nullptr;              // unset: the system clock
  std::optional<RetryPolicy> retry;    // unset: defaults, budget from retry_timeout_seconds
  std::optional<double> rate_limit;    // requests per second; unset: config or default
  std::function<double()> uniform;     // jitter source; unset: random
};

// The workspace of `config` over REST. Throws AuthError when config.problem() is not empty.
std::unique_ptr<Workspace> make_workspace(const AuthConfig& config,
                                          const WorkspaceOptions& options = {});

}  // namespace bundlectl::api
