// What every group of handlers needs: the store, the run engine and the workspace identity.
#pragma once

#include <string>
#include <unordered_map>

#include "emulator/clock.h"
#include "emulator/router.h"
#include "emulator/run_engine.h"
#include "emulator/store.h"

namespace bundlectl::emulator {

struct ApiContext {
  Store& store;
  RunEngine& engine;
  Clock& clock;
  IdGenerator& ids;
  std::string base_url;  // http://host:port, set once the server has bound its port
  std::string user_name = "emulator-user@example.com";
  std::string token;  // the workspace token; also the OAuth client secret

  // Serialized runs/get answers, each kept until the run's next change of state (forever
  // for ended runs): polling is the hot path. Emptied whenever Store::runs_version() moves.
  struct CachedAnswer {
    std::string body;
    std::int64_t valid_until_ms;
  };
  std::unordered_map<std::string, CachedAnswer> run_answers;
  std::int64_t run_answers_version = -1;

  // Loads a run and brings it up to date, saving it when it moved.
  std::optional<Run> current_run(std::int64_t run_id);
  // Advances every active run: for listings, /metrics and the dashboard.
  void advance_active_runs();
};

// Each group registers its routes (under every API version prefix it serves).
void add_jobs_routes(Router& router, ApiContext& context);
void add_runs_routes(Router& router, ApiContext& context);
void add_pipelines_routes(Router& router, ApiContext& context);
void add_workspace_routes(Router& router, ApiContext& context);
void add_workspace_files_routes(Router& router, ApiContext& context);
void add_identity_routes(Router& router, ApiContext& context);
// Clusters, policies, pools, warehouses, service principals, metastores, SQL alerts, queries
// and dashboards: created and listed by name (directory_objects_api.cc).
void add_directory_object_routes(Router& router, ApiContext& context);

// The default access control list of a new job or pipeline: its creator owns it.
void set_owner_permissions(ApiContext& context, const std::string& object_key,
                           const std::string& object_type, const nlohmann::json& acl);

}  // namespace bundlectl::emulator
