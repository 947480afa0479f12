#include "emulator/store.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS jobs (
  job_id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_time INTEGER NOT NULL,
  run_counter INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS jobs_by_seq ON jobs (seq);
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL, start_time INTEGER NOT NULL,
  life_cycle TEXT NOT NULL, active INTEGER NOT NULL, run_type TEXT NOT NULL, seq INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS runs_by_job ON runs (job_id, seq);
CREATE INDEX IF NOT EXISTS runs_by_seq ON runs (seq);
CREATE INDEX IF NOT EXISTS runs_active ON runs (active);
CREATE TABLE IF NOT EXISTS task_runs (task_run_id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS task_runs_by_run ON task_runs (run_id);
CREATE TABLE IF NOT EXISTS idempotency_tokens (token TEXT PRIMARY KEY, run_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS trigger_cursors (job_id INTEGER PRIMARY KEY, cursor_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pipelines (
  pipeline_id TEXT PRIMARY KEY, created INTEGER NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pipeline_updates (
  update_id TEXT PRIMARY KEY, pipeline_id TEXT NOT NULL, creation_time INTEGER NOT NULL,
  seq INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS updates_by_pipeline ON pipeline_updates (pipeline_id, seq);
CREATE TABLE IF NOT EXISTS workspace_objects (
  path TEXT PRIMARY KEY, object_type TEXT NOT NULL, object_id INTEGER NOT NULL,
  language TEXT NOT NULL, content BLOB NOT NULL, created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS permissions (object_key TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS access_tokens (token_hash TEXT PRIMARY KEY, expires INTEGER NOT NULL);
)sql";

std::vector<json> documents(Statement& stmt, int column) {
  std::vector<json> out;
  while (stmt.step()) out.push_back(json::parse(stmt.column_text(column)));
  return out;
}

}  // namespace

Store::Store(const std::string& path)
    : m_db(path),
      m_select_run((m_db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"),
                    create_schema(), m_db.prepare("SELECT doc FROM runs WHERE run_id = ?"))),
      m_upsert_run(m_db.prepare(
          "INSERT INTO runs (run_id, job_id, start_time, life_cycle, active, doc, run_type, seq) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM runs)) ON CONFLICT "
          "(run_id) "
          "DO UPDATE SET "
          "life_cycle = excluded.life_cycle, active = excluded.active, doc = excluded.doc")),
      m_data_version(m_db.prepare("PRAGMA data_version")) {}

std::int64_t Store::runs_version() {
  // data_version moves only for other connections' commits, so local writes count apart;
  // the two are combined into one number that changes when either does.
  std::int64_t external = m_data_version.step() ? m_data_version.column_int(0) : 0;
  m_data_version.reset();
  return (external << 32) ^ m_local_run_writes;
}

void Store::create_schema() { m_db.exec(k_schema); }

void Store::put_job(std::int64_t job_id, const json& job) {
  Statement stmt = m_db.prepare(
      "INSERT INTO jobs (job_id, name, created_time, doc, seq) VALUES (?, ?, ?, ?, "
      "(SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs)) "
      "ON CONFLICT (job_id) DO UPDATE SET name = excluded.name, doc = excluded.doc");
  std::string name = job["settings"].value("name", "Untitled");
  stmt.bind(1, job_id).bind(2, name).bind(3, job.value("created_time", std::int64_t{0}));
  stmt.bind(4, job.dump()).run();
}

std::optional<json> Store::job(std::int64_t job_id) {
  Statement stmt = m_db.prepare("SELECT doc FROM jobs WHERE job_id = ?");
  stmt.bind(1, job_id);
  if (!stmt.step()) return std::nullopt;
  return json::parse(stmt.column_text(0));
}

bool Store::delete_job(std::int64_t job_id) {
  m_db.prepare("DELETE FROM jobs WHERE job_id = ?").bind(1, job_id).run();
  return m_db.changes() > 0;
}

std::vector<json> Store::list_jobs(const std::string& name, std::size_t offset, std::size_t limit) {
  Statement stmt = m_db.prepare(
      "SELECT doc FROM jobs WHERE (?1 = '' OR name = ?1 COLLATE NOCASE) ORDER BY seq "
      "LIMIT ?2 OFFSET ?3");
  stmt.bind(1, name).bind(2, static_cast<std::int64_t>(limit));
  stmt.bind(3, static_cast<std::int64_t>(offset));
  return documents(stmt, 0);
}

std::int64_t Store::next_run_number(std::int64_t job_id) {
  Statement stmt = m_db.prepare(
      "UPDATE jobs SET run_counter = run_counter + 1 WHERE job_id = ? RETURNING run_counter");
  stmt.bind(1, job_id);
  std::int64_t number = stmt.step() ? stmt.column_int(0) : 0;
  stmt.run();
  return number;
}

void Store::save_run(const Run& run) {
  Transaction transaction(m_db);
  m_upsert_run.bind(1, run.run_id).bind(2, run.job_id).bind(3, run.start_time);
  m_upsert_run.bind(4, std::string(core::to_string(run.state.life_cycle)));
  m_upsert_run.bind(5, std::int64_t{core::is_final(run.state.life_cycle) ? 0 : 1});
  m_upsert_run.bind(6, to_document(run).dump());
  m_upsert_run.bind(7, run.run_type);
  m_upsert_run.run();
  ++m_local_run_writes;
  Statement index =
      m_db.prepare("INSERT OR IGNORE INTO task_runs (task_run_id, run_id) VALUES (?, ?)");
  // Every task run id is addressable: current attempts, retries, repaired-over attempts and
  // for_each iterations.
  for (std::int64_t task_run_id : all_task_run_ids(run)) {
    index.bind(1, task_run_id).bind(2, run.run_id).run();
  }
  if (m_run_saved) m_run_saved(run);
  transaction.commit();
}

std::optional<Run> Store::run(std::int64_t run_id) {
  m_select_run.bind(1, run_id);
  if (!m_select_run.step()) {
    m_select_run.reset();
    return std::nullopt;
  }
  Run run = run_from_document(json::parse(m_select_run.column_text(0)));
  m_select_run.reset();
  return run;
}

std::optional<std::int64_t> Store::run_of_task_run(std::int64_t task_run_id) {
  Statement stmt = m_db.prepare("SELECT run_id FROM task_runs WHERE task_run_id = ?");
  stmt.bind(1, task_run_id);
  if (!stmt.step()) return std::nullopt;
  return stmt.column_int(0);
}

bool Store::delete_run(std::int64_t run_id) {
  Transaction transaction(m_db);
  m_db.prepare("DELETE FROM runs WHERE run_id = ?").bind(1, run_id).run();
  bool deleted = m_db.changes() > 0;
  ++m_local_run_writes;
  m_db.prepare("DELETE FROM task_runs WHERE run_id = ?").bind(1, run_id).run();
  transaction.commit();
  return deleted;
}

std::vector<Run> Store::list_runs(const RunFilter& filter) {
  Statement stmt = m_db.prepare(
      "SELECT doc FROM runs WHERE (?1 IS NULL OR job_id = ?1) AND (?2 = 0 OR active = 1) "
      "AND (?3 = 0 OR active = 0) AND (?4 = '' OR run_type = ?4) "
      "AND (?5 IS NULL OR start_time >= ?5) AND (?6 IS NULL OR start_time <= ?6) "
      "ORDER BY seq DESC LIMIT ?7 OFFSET ?8");
  auto bind_optional = [&stmt](int index, const std::optional<std::int64_t>& value) {
    if (value)
      stmt.bind(index, *value);
    else
      stmt.bind_null(index);
  };
  bind_optional(1, filter.job_id);
  stmt.bind(2, std::int64_t{filter.active_only}).bind(3, std::int64_t{filter.completed_only});
  stmt.bind(4, filter.run_type);
  bind_optional(5, filter.start_time_from);
  bind_optional(6, filter.start_time_to);
  stmt.bind(7, static_cast<std::int64_t>(filter.limit));
  stmt.bind(8, static_cast<std::int64_t>(filter.offset));
  std::vector<Run> runs;
  for (const json& doc : documents(stmt, 0)) runs.push_back(run_from_document(doc));
  return runs;
}

std::vector<std::int64_t> Store::active_run_ids() {
  Statement stmt = m_db.prepare("SELECT run_id FROM runs WHERE active = 1");
  std::vector<std::int64_t> ids;
  while (stmt.step()) ids.push_back(stmt.column_int(0));
  return ids;
}

ActiveRunCounts Store::active_run_counts(std::int64_t job_id) {
  Statement stmt = m_db.prepare(
      "SELECT COUNT(*), COALESCE(SUM(life_cycle = 'QUEUED'), 0) FROM runs "
      "WHERE job_id = ? AND active = 1");
  stmt.bind(1, job_id);
  ActiveRunCounts counts;
  if (stmt.step()) counts = {stmt.column_int(0), stmt.column_int(1)};
  return counts;
}

std::map<std::string, std::int64_t> Store::count_runs_by_state() {
  Statement stmt = m_db.prepare("SELECT life_cycle, COUNT(*) FROM runs GROUP BY life_cycle");
  std::map<std::string, std::int64_t> counts;
  while (stmt.step()) counts[stmt.column_text(0)] = stmt.column_int(1);
  return counts;
}

std::optional<std::int64_t> Store::run_for_idempotency_token(const std::string& token) {
  Statement stmt = m_db.prepare("SELECT run_id FROM idempotency_tokens WHERE token = ?");
  stmt.bind(1, token);
  if (!stmt.step()) return std::nullopt;
  return stmt.column_int(0);
}

void Store::remember_idempotency_token(const std::string& token, std::int64_t run_id) {
  m_db.prepare("INSERT OR REPLACE INTO idempotency_tokens (token, run_id) VALUES (?, ?)")
      .bind(1, token)
      .bind(2, run_id)
      .run();
}

std::optional<std::int64_t> Store::trigger_cursor(std::int64_t job_id) {
  Statement stmt = m_db.prepare("SELECT cursor_ms FROM trigger_cursors WHERE job_id = ?");
  stmt.bind(1, job_id);
  if (!stmt.step()) return std::nullopt;
  return stmt.column_int(0);
}

void Store::set_trigger_cursor(std::int64_t job_id, std::int64_t cursor_ms) {
  m_db.prepare("INSERT OR REPLACE INTO trigger_cursors (job_id, cursor_ms) VALUES (?, ?)")
      .bind(1, job_id)
      .bind(2, cursor_ms)
      .run();
}

void Store::put_pipeline(const std::string& id, const json& doc) {
  Statement stmt = m_db.prepare(
      "INSERT INTO pipelines (pipeline_id, created, doc, seq) VALUES (?, ?, ?, "
      "(SELECT COALESCE(MAX(seq), 0) + 1 FROM pipelines)) "
      "ON CONFLICT (pipeline_id) DO UPDATE SET doc = excluded.doc");
  stmt.bind(1, id).bind(2, doc.value("created_time", std::int64_t{0})).bind(3, doc.dump()).run();
}

std::optional<json> Store::pipeline(const std::string& id) {
  Statement stmt = m_db.prepare("SELECT doc FROM pipelines WHERE pipeline_id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) return std::nullopt;
  return json::parse(stmt.column_text(0));
}

bool Store::delete_pipeline(const std::string& id) {
  Transaction transaction(m_db);
  m_db.prepare("DELETE FROM pipelines WHERE pipeline_id = ?").bind(1, id).run();
  bool deleted = m_db.changes() > 0;
  m_db.prepare("DELETE FROM pipeline_updates WHERE pipeline_id = ?").bind(1, id).run();
  transaction.commit();
  return deleted;
}

std::vector<json> Store::list_pipelines() {
  Statement stmt = m_db.prepare("SELECT doc FROM pipelines ORDER BY seq");
  return documents(stmt, 0);
}

void Store::put_update(const std::string& pipeline_id, const std::string& update_id,
                       std::int64_t creation_time, const json& doc) {
  Statement stmt = m_db.prepare(
      "INSERT INTO pipeline_updates (update_id, pipeline_id, creation_time, doc, seq) VALUES "
      "(?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM pipeline_updates)) ON CONFLICT "
      "(update_id) DO UPDATE SET doc = excluded.doc");
  stmt.bind(1, update_id).bind(2, pipeline_id).bind(3, creation_time).bind(4, doc.dump()).run();
}

std::optional<json> Store::update(const std::string& pipeline_id, const std::string& id) {
  Statement stmt =
      m_db.prepare("SELECT doc FROM pipeline_updates WHERE update_id = ? AND pipeline_id = ?");
  stmt.bind(1, id).bind(2, pipeline_id);
  if (!stmt.step()) return std::nullopt;
  return json::parse(stmt.column_text(0));
}

std::vector<json> Store::list_updates(const std::string& pipeline_id) {
  Statement stmt = m_db.prepare(
      "SELECT doc FROM pipeline_updates WHERE pipeline_id = ? "
      "ORDER BY seq DESC");
  stmt.bind(1, pipeline_id);
  return documents(stmt, 0);
}

}  // namespace bundlectl::emulator
