// Notification events and notification destinations in the emulator's SQLite file.
//
// Each event of notifications.h is recorded once (a unique key per run, event and recipient),
// in the transaction that saved the run, so it survives a restart and is never recorded twice.
// A webhook event to a loopback URL waits `pending` for the deliverer (webhook_deliverer.h);
// everything else is recorded `not_delivered` with the reason. Runs that have notifications
// and have not ended are listed in a small watch table, so the deliverer can bring exactly
// those up to the clock. The tables are created on open (IF NOT EXISTS), which is also the
// migration of a database file made before they existed. Callers hold Store::lock().
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/clock.h"
#include "emulator/notifications.h"
#include "emulator/store.h"

namespace bundlectl::emulator {

// A webhook event claimed for delivery.
struct PendingWebhook {
  std::int64_t id = 0;
  std::string destination_id;
  std::string payload;  // the JSON body
  int attempts = 0;     // made before this one
};

class NotificationStore {
 public:
  // `log` receives one line per recorded event (never a URL or a secret).
  NotificationStore(Store& store, Clock& clock, std::function<void(const std::string&)> log);

  // Records the events of `run` due by the clock; keeps the watch table in step. Called from
  // Store::save_run (inside its transaction) and by the deliverer.
  void record(const Run& run);
  // Runs with notifications that have not ended yet, oldest first, at most `limit`.
  std::vector<std::int64_t> watched_runs(std::size_t limit);
  void unwatch(std::int64_t run_id);

  // The events of one run and/or one job (0: any), in the order they happened.
  nlohmann::json list(std::int64_t run_id, std::int64_t job_id, std::size_t limit);

  // Delivery: claims up to `limit` pending webhook events due by `real_now_ms` (wall-clock
  // time, so retries keep their pace under a test's fake clock); a claim lapses after a while,
  // so an emulator that died mid-delivery leaves nothing stuck.
  std::vector<PendingWebhook> claim_pending(std::int64_t real_now_ms, std::size_t limit);
  void delivered(std::int64_t id, int attempts);
  // A failed attempt: retried after `retry_at_ms`, or failed for good when that is nullopt.
  void attempt_failed(std::int64_t id, int attempts, const std::string& reason,
                      std::optional<std::int64_t> retry_at_ms);
  // Gives back a claim that was never attempted (the deliverer is stopping).
  void release(std::int64_t id);

  // Notification destinations: the stored document holds the config as given (secrets too);
  // notification_destinations_api.cc decides what is shown.
  void put_destination(const std::string& id, const nlohmann::json& doc);
  std::optional<nlohmann::json> destination(const std::string& id);
  bool delete_destination(const std::string& id);
  std::vector<nlohmann::json> list_destinations(std::size_t offset, std::size_t limit);

 private:
  void insert(const NotificationEvent& event, const std::string& run_name);
  // The status and reason an event starts with, from its channel and destination.
  std::pair<std::string, std::string> initial_status(const NotificationEvent& event);

  Store& m_store;
  Clock& m_clock;
  std::function<void(const std::string&)> m_log;
};

// The body POSTed to a webhook for `event`: Databricks' job notification payload.
nlohmann::json webhook_payload(const NotificationEvent& event, const std::string& job_name);

}  // namespace bundlectl::emulator
