#include "emulator/notification_store.h"

#include <set>

#include "emulator/json_fields.h"
#include "emulator/loopback_url.h"
#include "emulator/pipeline_update.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS notifications (
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, job_id INTEGER NOT NULL,
  event_key TEXT NOT NULL, channel TEXT NOT NULL, destination_id TEXT NOT NULL,
  task_key TEXT NOT NULL, task_run_id INTEGER NOT NULL, event_type TEXT NOT NULL,
  happened_ms INTEGER NOT NULL, recipients TEXT NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, reason TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  UNIQUE (run_id, event_key, channel, destination_id));
CREATE INDEX IF NOT EXISTS notifications_by_job ON notifications (job_id, happened_ms);
CREATE INDEX IF NOT EXISTS notifications_to_deliver ON notifications (status, next_attempt_ms);
CREATE TABLE IF NOT EXISTS notification_watch (run_id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS notification_destinations (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, doc TEXT NOT NULL);
)sql";

// How long a claimed delivery stays claimed: longer than every attempt of one batch.
constexpr std::int64_t k_claim_ms = 30'000;

std::string describe(const NotificationEvent& event, const std::string& status,
                     const std::string& reason) {
  std::string line = "notification: run " + std::to_string(event.run_id);
  if (!event.task_key.empty()) line += " task " + event.task_key;
  line += " " + event.event_type + " at " + iso_time(event.at_ms) + " ";
  line += event.channel == "email"
              ? "email to " + std::to_string(event.recipients.size()) + " recipient(s)"
              : "webhook " + event.destination_id;
  line += ": " + status;
  if (!reason.empty()) line += " (" + reason + ")";
  return line;
}

json row_to_api(Statement& row) {
  json out = {{"id", row.column_int(0)},       {"run_id", row.column_int(1)},
              {"job_id", row.column_int(2)},   {"event_type", row.column_text(3)},
              {"channel", row.column_text(4)}, {"time", row.column_int(5)},
              {"status", row.column_text(6)},  {"delivery_attempts", row.column_int(7)}};
  if (!row.column_text(8).empty()) out["task_key"] = row.column_text(8);
  if (row.column_int(9) != 0) out["task_run_id"] = row.column_int(9);
  if (out["channel"] == "email") {
    out["recipients"] = json::parse(row.column_text(10));
  } else {
    out["destination_id"] = row.column_text(11);
  }
  if (!row.column_text(12).empty()) out["reason"] = row.column_text(12);
  return out;
}

}  // namespace

json webhook_payload(const NotificationEvent& event, const std::string& job_name) {
  json payload = {{"event_type", "jobs." + event.event_type},
                  {"workspace_id", "0"},
                  {"run", {{"run_id", std::to_string(event.run_id)}}},
                  {"job", {{"job_id", std::to_string(event.job_id)}, {"name", job_name}}}};
  if (!event.task_key.empty()) {
    payload["task"] = {{"task_key", event.task_key}, {"run_id", std::to_string(event.task_run_id)}};
  }
  return payload;
}

NotificationStore::NotificationStore(Store& store, Clock& clock,
                                     std::function<void(const std::string&)> log)
    : m_store(store), m_clock(clock), m_log(std::move(log)) {
  m_store.db().exec(k_schema);
}

void NotificationStore::record(const Run& run) {
  if (!has_notifications(run)) return;
  Database& db = m_store.db();
  std::vector<NotificationEvent> due = due_notifications(run, m_clock.now_ms());
  if (!due.empty()) {
    // Most looks find nothing new: one read instead of a write per event.
    Statement known =
        db.prepare("SELECT event_key, channel, destination_id FROM notifications WHERE run_id = ?");
    known.bind(1, run.run_id);
    std::set<std::string> recorded;
    while (known.step()) {
      recorded.insert(known.column_text(0) + '\n' + known.column_text(1) + '\n' +
                      known.column_text(2));
    }
    for (const NotificationEvent& event : due) {
      if (!recorded.count(event.key + '\n' + event.channel + '\n' + event.destination_id))
        insert(event, run.run_name);
    }
  }
  if (core::is_final(run.state.life_cycle)) {
    unwatch(run.run_id);
  } else {
    Statement watched = db.prepare("SELECT 1 FROM notification_watch WHERE run_id = ?");
    if (!watched.bind(1, run.run_id).step()) {
      db.prepare("INSERT INTO notification_watch (run_id) VALUES (?)").bind(1, run.run_id).run();
    }
  }
}

void NotificationStore::insert(const NotificationEvent& event, const std::string& run_name) {
  auto [status, reason] = initial_status(event);
  Statement stmt = m_store.db().prepare(
      "INSERT OR IGNORE INTO notifications (run_id, job_id, event_key, channel, destination_id, "
      "task_key, task_run_id, event_type, happened_ms, recipients, payload, status, reason) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt.bind(1, event.run_id).bind(2, event.job_id).bind(3, event.key).bind(4, event.channel);
  stmt.bind(5, event.destination_id).bind(6, event.task_key).bind(7, event.task_run_id);
  stmt.bind(8, event.event_type).bind(9, event.at_ms).bind(10, event.recipients.dump());
  stmt.bind(11, webhook_payload(event, run_name).dump()).bind(12, status).bind(13, reason);
  stmt.run();
  if (m_store.db().changes() > 0 && m_log) m_log(describe(event, status, reason));
}

std::pair<std::string, std::string> NotificationStore::initial_status(
    const NotificationEvent& event) {
  if (event.channel == "email") {
    return {"not_delivered", "The emulator records emails; it does not send them."};
  }
  std::optional<json> destination = this->destination(event.destination_id);
  if (!destination) {
    return {"not_delivered",
            "No notification destination has the id " + event.destination_id + "."};
  }
  std::string type = text_field(*destination, "destination_type");
  if (type != "WEBHOOK") {
    return {"not_delivered", "The emulator posts only to generic webhook destinations; " + type +
                                 " destinations are recorded."};
  }
  std::string reason;
  json webhook = object_field(object_field(*destination, "config"), "generic_webhook");
  if (!loopback_target(text_field(webhook, "url"), reason)) return {"not_delivered", reason};
  return {"pending", ""};
}

std::vector<std::int64_t> NotificationStore::watched_runs(std::size_t limit) {
  Statement stmt = m_store.db().prepare("SELECT run_id FROM notification_watch LIMIT ?");
  stmt.bind(1, static_cast<std::int64_t>(limit));
  std::vector<std::int64_t> ids;
  while (stmt.step()) ids.push_back(stmt.column_int(0));
  return ids;
}

void NotificationStore::unwatch(std::int64_t run_id) {
  m_store.db().prepare("DELETE FROM notification_watch WHERE run_id = ?").bind(1, run_id).run();
}

json NotificationStore::list(std::int64_t run_id, std::int64_t job_id, std::size_t limit) {
  Statement stmt = m_store.db().prepare(
      "SELECT id, run_id, job_id, event_type, channel, happened_ms, status, attempts, task_key, "
      "task_run_id, recipients, destination_id, reason FROM notifications "
      "WHERE (?1 = 0 OR run_id = ?1) AND (?2 = 0 OR job_id = ?2) "
      "ORDER BY happened_ms, id LIMIT ?3");
  stmt.bind(1, run_id).bind(2, job_id).bind(3, static_cast<std::int64_t>(limit));
  json out = json::array();
  while (stmt.step()) out.push_back(row_to_api(stmt));
  return out;
}

std::vector<PendingWebhook> NotificationStore::claim_pending(std::int64_t real_now_ms,
                                                             std::size_t limit) {
  Database& db = m_store.db();
  // Read first: an idle tick (nearly all of them) writes nothing.
  Statement select = db.prepare(
      "SELECT id, destination_id, payload, attempts FROM notifications "
      "WHERE status IN ('pending', 'sending') AND next_attempt_ms <= ? ORDER BY id LIMIT ?");
  select.bind(1, real_now_ms).bind(2, static_cast<std::int64_t>(limit));
  std::vector<PendingWebhook> due;
  while (select.step()) {
    due.push_back({select.column_int(0), select.column_text(1), select.column_text(2),
                   static_cast<int>(select.column_int(3))});
  }
  if (due.empty()) return due;
  // Another emulator on the same file may claim the same rows: each goes to one of them.
  Transaction transaction(db);
  Statement claim = db.prepare(
      "UPDATE notifications SET status = 'sending', next_attempt_ms = ? "
      "WHERE id = ? AND status IN ('pending', 'sending') AND next_attempt_ms <= ?");
  std::vector<PendingWebhook> claimed;
  for (PendingWebhook& item : due) {
    claim.bind(1, real_now_ms + k_claim_ms).bind(2, item.id).bind(3, real_now_ms).run();
    if (db.changes() > 0) claimed.push_back(std::move(item));
  }
  transaction.commit();
  return claimed;
}

void NotificationStore::delivered(std::int64_t id, int attempts) {
  m_store.db()
      .prepare(
          "UPDATE notifications SET status = 'delivered', reason = '', attempts = ? "
          "WHERE id = ?")
      .bind(1, attempts)
      .bind(2, id)
      .run();
}

void NotificationStore::attempt_failed(std::int64_t id, int attempts, const std::string& reason,
                                       std::optional<std::int64_t> retry_at_ms) {
  Statement stmt = m_store.db().prepare(
      "UPDATE notifications SET status = ?, reason = ?, attempts = ?, next_attempt_ms = ? "
      "WHERE id = ?");
  stmt.bind(1, std::string(retry_at_ms ? "pending" : "failed")).bind(2, reason);
  stmt.bind(3, attempts).bind(4, retry_at_ms.value_or(0)).bind(5, id).run();
}

void NotificationStore::release(std::int64_t id) {
  m_store.db()
      .prepare("UPDATE notifications SET status = 'pending', next_attempt_ms = 0 WHERE id = ?")
      .bind(1, id)
      .run();
}

void NotificationStore::put_destination(const std::string& id, const json& doc) {
  Statement stmt = m_store.db().prepare(
      "INSERT INTO notification_destinations (id, seq, doc) VALUES (?, "
      "(SELECT COALESCE(MAX(seq), 0) + 1 FROM notification_destinations), ?) "
      "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc");
  stmt.bind(1, id).bind(2, doc.dump()).run();
}

std::optional<json> NotificationStore::destination(const std::string& id) {
  Statement stmt = m_store.db().prepare("SELECT doc FROM notification_destinations WHERE id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) return std::nullopt;
  return json::parse(stmt.column_text(0));
}

bool NotificationStore::delete_destination(const std::string& id) {
  m_store.db().prepare("DELETE FROM notification_destinations WHERE id = ?").bind(1, id).run();
  return m_store.db().changes() > 0;
}

std::vector<json> NotificationStore::list_destinations(std::size_t offset, std::size_t limit) {
  Statement stmt = m_store.db().prepare(
      "SELECT doc FROM notification_destinations ORDER BY seq LIMIT ? OFFSET ?");
  stmt.bind(1, static_cast<std::int64_t>(limit)).bind(2, static_cast<std::int64_t>(offset));
  std::vector<json> out;
  while (stmt.step()) out.push_back(json::parse(stmt.column_text(0)));
  return out;
}

}  // namespace bundlectl::emulator
