#include "emulator/notifications.h"

#include <algorithm>
#include <limits>

#include "emulator/json_fields.h"

namespace bundlectl::emulator {
namespace {

using core::LifeCycleState;
using core::ResultState;
using nlohmann::json;

constexpr const char* k_on_start = "on_start";
constexpr const char* k_on_success = "on_success";
constexpr const char* k_on_failure = "on_failure";
constexpr const char* k_on_duration = "on_duration_warning_threshold_exceeded";

const char* const k_notification_fields[] = {"email_notifications", "webhook_notifications",
                                             "notification_settings", "health"};

// Who an event concerns, and the settings that name its recipients.
struct Subject {
  const Run& run;
  const json& settings;  // notification_settings_of(...) of the job or the task
  std::string task_key;
  std::int64_t task_run_id = 0;
  std::string key_prefix;  // "job:<repair>:" or "task:<attempt run id>:"
};

bool setting(const json& settings, const char* name) {
  return bool_field(object_field(settings, "notification_settings"), name, false);
}

// The deprecated email_notifications.no_alert_for_skipped_runs silences emails only.
bool email_skip_silenced(const json& settings) {
  return bool_field(object_field(settings, "email_notifications"), "no_alert_for_skipped_runs",
                    false);
}

void add_event(std::vector<NotificationEvent>& out, const Subject& subject, const char* type,
               std::int64_t at_ms, bool skipped_run = false) {
  NotificationEvent base;
  base.run_id = subject.run.run_id;
  base.job_id = subject.run.job_id;
  base.task_key = subject.task_key;
  base.task_run_id = subject.task_run_id;
  base.event_type = type;
  base.at_ms = at_ms;
  base.key = subject.key_prefix + type;
  json emails = array_field(object_field(subject.settings, "email_notifications"), type);
  json addresses = json::array();
  for (const json& address : emails) {
    if (address.is_string() && !address.get<std::string>().empty()) addresses.push_back(address);
  }
  if (!addresses.empty() && !(skipped_run && email_skip_silenced(subject.settings))) {
    NotificationEvent email = base;
    email.channel = "email";
    email.recipients = std::move(addresses);
    out.push_back(std::move(email));
  }
  for (const json& hook :
       array_field(object_field(subject.settings, "webhook_notifications"), type)) {
    std::string id = text_field(hook, "id");
    if (id.empty()) continue;
    NotificationEvent webhook = base;
    webhook.channel = "webhook";
    webhook.destination_id = std::move(id);
    out.push_back(std::move(webhook));
  }
}

// The event a run (or task run) that ended as `result` sends, or nullptr for none. `skipped`
// runs and canceled ones send on_failure unless their settings silence it.
const char* ending_event(const json& settings, ResultState result, bool skipped, bool errored) {
  if (skipped) return setting(settings, "no_alert_for_skipped_runs") ? nullptr : k_on_failure;
  if (errored) return k_on_failure;
  switch (result) {
    // "Succeeded with failures" counts as a success (Databricks, "Add notifications on a job").
    case ResultState::Success:
    case ResultState::SuccessWithFailures: return k_on_success;
    case ResultState::Failed:
    case ResultState::Timedout: return k_on_failure;
    case ResultState::Canceled:
    case ResultState::UpstreamCanceled:
      return setting(settings, "no_alert_for_canceled_runs") ? nullptr : k_on_failure;
    default: return nullptr;  // EXCLUDED, DISABLED, MAXIMUM_CONCURRENT_RUNS_REACHED
  }
}

void job_events(std::vector<NotificationEvent>& out, const Run& run, std::int64_t now) {
  std::size_t repair = run.repair_history.empty() ? 0 : run.repair_history.size() - 1;
  Subject subject{run, run.notifications, "", 0, "job:" + std::to_string(repair) + ":"};
  bool skipped = run.state.life_cycle == LifeCycleState::Skipped;
  bool ended = core::is_final(run.state.life_cycle);
  // The run starts when it leaves PENDING; one canceled before that never started.
  std::int64_t start = run.running_since;
  bool started = !run.queued && !skipped && start <= now && (!ended || start < run.end_time);
  if (started) add_event(out, subject, k_on_start, start);
  std::int64_t threshold = duration_threshold_ms(object_field(run.notifications, "health"));
  if (started && threshold >= 0) {
    std::int64_t at = start + threshold;
    if (at <= now && (!ended || run.end_time > at)) add_event(out, subject, k_on_duration, at);
  }
  if (!ended) return;
  const char* type = ending_event(run.notifications, run.state.result.value_or(ResultState::Failed),
                                  skipped, run.state.life_cycle == LifeCycleState::InternalError);
  if (type) add_event(out, subject, type, run.end_time, skipped);
}

void attempt_events(std::vector<NotificationEvent>& out, const Subject& subject,
                    const Attempt& attempt, bool retry, bool retried, std::int64_t now) {
  const json& settings = subject.settings;
  bool last_only = setting(settings, "alert_on_last_attempt");
  if (!attempt.executed) {
    // Never ran: skipped by its upstreams, or canceled before it started.
    bool skipped = attempt.result == ResultState::UpstreamFailed ||
                   attempt.result == ResultState::UpstreamCanceled;
    if (attempt.start_time > now || (!skipped && attempt.result != ResultState::Canceled)) return;
    const char* type = ending_event(settings, attempt.result, skipped, false);
    if (type) add_event(out, subject, type, attempt.start_time, skipped);
    return;
  }
  if (attempt.start_time > now) return;
  if (!(retry && last_only)) add_event(out, subject, k_on_start, attempt.start_time);
  std::int64_t threshold = duration_threshold_ms(object_field(settings, "health"));
  if (threshold >= 0) {
    std::int64_t at = attempt.start_time + threshold;
    if (at <= now && attempt.end_time > at) add_event(out, subject, k_on_duration, at);
  }
  if (attempt.end_time > now) return;
  const char* type = ending_event(settings, attempt.result, false, false);
  if (type == k_on_failure && retried && last_only) return;  // a retry follows
  if (type) add_event(out, subject, type, attempt.end_time);
}

void task_events(std::vector<NotificationEvent>& out, const Run& run, const TaskRun& task,
                 std::int64_t now) {
  json settings = notification_settings_of(task.spec);
  if (settings.empty()) return;
  for (std::size_t i = 0; i < task.attempts.size(); ++i) {
    const Attempt& attempt = task.attempts[i];
    Subject subject{run, settings, task.task_key, attempt.run_id,
                    "task:" + std::to_string(attempt.run_id) + ":"};
    bool retried = i + 1 < task.attempts.size();
    attempt_events(out, subject, attempt, i > 0, retried, now);
  }
}

}  // namespace

json notification_settings_of(const json& settings) {
  json out = json::object();
  if (!settings.is_object()) return out;
  for (const char* field : k_notification_fields) {
    auto found = settings.find(field);
    if (found != settings.end() && found->is_object() && !found->empty()) out[field] = *found;
  }
  return out;
}

bool has_notifications(const Run& run) {
  if (!run.notifications.empty()) return true;
  return std::any_of(run.tasks.begin(), run.tasks.end(), [](const TaskRun& task) {
    return task.spec.contains("email_notifications") || task.spec.contains("webhook_notifications");
  });
}

std::int64_t duration_threshold_ms(const json& health) {
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  for (const json& rule : array_field(health, "rules")) {
    if (text_field(rule, "metric") != "RUN_DURATION_SECONDS") continue;
    if (text_field(rule, "op") != "GREATER_THAN") continue;
    std::int64_t seconds = int_field(rule, "value", -1, 0, k_max_seconds);
    if (seconds >= 0) best = std::min(best, seconds * 1000);
  }
  return best == std::numeric_limits<std::int64_t>::max() ? -1 : best;
}

std::vector<NotificationEvent> due_notifications(const Run& run, std::int64_t now_ms) {
  std::vector<NotificationEvent> out;
  if (!run.notifications.empty()) job_events(out, run, now_ms);
  for (const TaskRun& task : run.tasks) task_events(out, run, task, now_ms);
  std::stable_sort(
      out.begin(), out.end(),
      [](const NotificationEvent& a, const NotificationEvent& b) { return a.at_ms < b.at_ms; });
  return out;
}

}  // namespace bundlectl::emulator
