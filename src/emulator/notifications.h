// Which notification events a run has reached by a given moment, from its planned timeline.
//
// A job's (and each task's) `email_notifications` and `webhook_notifications` name recipients
// per event: `on_start`, `on_success`, `on_failure` and `on_duration_warning_threshold_exceeded`
// (with a `health` rule on RUN_DURATION_SECONDS). `notification_settings` silences some:
// `no_alert_for_skipped_runs`, `no_alert_for_canceled_runs` and, for tasks,
// `alert_on_last_attempt`. Runs progress lazily (run_engine.h), so an event is whatever the
// timeline says happened by `now`, stamped with the moment it happened by that timeline; the
// caller records each one once (notification_store.h).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/run.h"

namespace bundlectl::emulator {

// One event for one channel: the email recipients of an event, or one webhook destination.
struct NotificationEvent {
  std::int64_t run_id = 0;
  std::int64_t job_id = 0;
  std::string task_key;          // empty for the job run's own events
  std::int64_t task_run_id = 0;  // the task attempt's run id; 0 for job events
  std::string event_type;        // on_start, on_success, on_failure, on_duration_warning_...
  std::int64_t at_ms = 0;        // when it happened by the run's timeline
  std::string channel;           // "email" or "webhook"
  nlohmann::json recipients = nlohmann::json::array();  // email addresses
  std::string destination_id;                           // webhook destination id
  // What makes the event unique within its run: recording it twice is a no-op.
  std::string key;
};

// The job-level notification fields of job (or runs/submit) settings, for Run::notifications:
// email_notifications, webhook_notifications, notification_settings and health; {} when none.
nlohmann::json notification_settings_of(const nlohmann::json& settings);

// True when the run or any of its tasks asks for notifications.
bool has_notifications(const Run& run);

// Every event of `run` that has happened by `now_ms`, in timeline order. The run must have
// been advanced to `now_ms` (its ending is read from its visible state).
std::vector<NotificationEvent> due_notifications(const Run& run, std::int64_t now_ms);

// The duration warning threshold of a `health` object in milliseconds: the smallest
// RUN_DURATION_SECONDS GREATER_THAN rule; -1 when there is none.
std::int64_t duration_threshold_ms(const nlohmann::json& health);

}  // namespace bundlectl::emulator
