// The emulator's workspace state in one SQLite file (WAL mode; the schema is created on open).
//
// Objects are stored as JSON documents beside the few columns that queries filter or sort
// on. Listings follow `seq`, the order of creation: ids are random and clock milliseconds
// tie, so neither orders objects made in one burst. One connection serves every thread: callers
// hold `lock()` around each request's reads and writes, which also makes each request's
// read-modify-write atomic within the process. A second process on the same file (a served emulator
// beside an embedded one) sees every committed write; SQLite's own locking orders the two.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/run.h"
#include "emulator/sqlite_db.h"

namespace bundlectl::emulator {

struct RunFilter {
  std::optional<std::int64_t> job_id;
  bool active_only = false;
  bool completed_only = false;
  std::string run_type;                         // JOB_RUN, SUBMIT_RUN, WORKFLOW_RUN; empty for all
  std::optional<std::int64_t> start_time_from;  // inclusive, epoch milliseconds
  std::optional<std::int64_t> start_time_to;    // inclusive
  std::size_t offset = 0;
  std::size_t limit = 25;
};

// A job's runs as stored: those not ended when last saved, and the QUEUED among them.
struct ActiveRunCounts {
  std::int64_t active = 0;
  std::int64_t queued = 0;
};

struct WorkspaceObject {
  std::string path;
  std::string object_type;  // DIRECTORY, FILE, NOTEBOOK
  std::int64_t object_id = 0;
  std::string language;  // notebooks only
  std::string content;   // raw bytes
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};

class Store {
 public:
  explicit Store(const std::string& path);

  std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(m_mutex); }
  Database& db() { return m_db; }

  // Jobs: the document is the API's Job object.
  void put_job(std::int64_t job_id, const nlohmann::json& job);
  std::optional<nlohmann::json> job(std::int64_t job_id);
  bool delete_job(std::int64_t job_id);
  std::vector<nlohmann::json> list_jobs(const std::string& name, std::size_t offset,
                                        std::size_t limit);
  std::int64_t next_run_number(std::int64_t job_id);

  // Runs, with an index from each task run id to its run.
  void save_run(const Run& run);
  // Called inside save_run's transaction after the run is written, so what it writes commits
  // with the run (notification events: notification_store.h).
  void set_run_saved_hook(std::function<void(const Run&)> hook) { m_run_saved = std::move(hook); }
  std::optional<Run> run(std::int64_t run_id);
  std::optional<std::int64_t> run_of_task_run(std::int64_t task_run_id);
  bool delete_run(std::int64_t run_id);
  std::vector<Run> list_runs(const RunFilter& filter);
  std::vector<std::int64_t> active_run_ids();
  std::map<std::string, std::int64_t> count_runs_by_state();
  ActiveRunCounts active_run_counts(std::int64_t job_id);
  std::optional<std::int64_t> run_for_idempotency_token(const std::string& token);
  // Changes whenever a run may have changed: a run written here, or anything committed by
  // another connection to the file. Cached run answers are valid while it stays the same.
  std::int64_t runs_version();
  void remember_idempotency_token(const std::string& token, std::int64_t run_id);

  // How far a job's schedule has been fired (epoch ms), for the scheduler.
  std::optional<std::int64_t> trigger_cursor(std::int64_t job_id);
  void set_trigger_cursor(std::int64_t job_id, std::int64_t cursor_ms);

  // Pipelines and their updates: the documents are the API's objects.
  void put_pipeline(const std::string& id, const nlohmann::json& doc);
  std::optional<nlohmann::json> pipeline(const std::string& id);
  bool delete_pipeline(const std::string& id);
  std::vector<nlohmann::json> list_pipelines();
  void put_update(const std::string& pipeline_id, const std::string& update_id,
                  std::int64_t creation_time, const nlohmann::json& doc);
  std::optional<nlohmann::json> update(const std::string& pipeline_id, const std::string& id);
  std::vector<nlohmann::json> list_updates(const std::string& pipeline_id);  // newest first

  // Workspace tree, keyed by absolute path.
  std::optional<WorkspaceObject> object(const std::string& path);
  void put_object(const WorkspaceObject& object);
  std::vector<WorkspaceObject> children(const std::string& path);
  std::size_t delete_tree(const std::string& path);

  std::optional<nlohmann::json> permissions(const std::string& object_key);
  void put_permissions(const std::string& object_key, const nlohmann::json& doc);

  // OAuth access tokens issued by the token endpoint.
  void add_access_token(const std::string& token_hash, std::int64_t expires_ms);
  bool access_token_valid(const std::string& token_hash, std::int64_t now_ms);

 private:
  void create_schema();

  std::mutex m_mutex;
  Database m_db;
  // runs/get is the hot path: its statements are prepared once.
  Statement m_select_run;
  Statement m_upsert_run;
  Statement m_data_version;
  std::int64_t m_local_run_writes = 0;
  std::function<void(const Run&)> m_run_saved;
};

}  // namespace bundlectl::emulator
