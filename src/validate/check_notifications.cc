// Notifications of jobs, tasks and pipelines: well-formed email addresses, webhook
// destinations that name their id, pipeline alerts the Pipelines API knows, and duration or
// backlog notifications that a health rule can actually trigger.
#include <algorithm>
#include <cctype>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Path;
using core::Severity;
using core::Value;

const std::vector<std::string> k_email_events = {"on_start", "on_success", "on_failure",
                                                 "on_duration_warning_threshold_exceeded",
                                                 "on_streaming_backlog_exceeded"};
const std::vector<std::string> k_pipeline_alerts = {"on-update-success", "on-update-failure",
                                                    "on-update-fatal-failure", "on-flow-failure"};

// Left as written by loading (a workspace value, an unresolved variable): not ours to judge.
bool unresolved(const std::string& text) {
  return text.find("${") != std::string::npos || text.find("{{") != std::string::npos;
}

// local@domain.tld with no spaces; what the Jobs and Pipelines APIs accept in practice.
bool is_email(const std::string& text) {
  std::size_t at = text.find('@');
  if (at == std::string::npos || at == 0 || text.find('@', at + 1) != std::string::npos) {
    return false;
  }
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' ||
        c == '>') {
      return false;
    }
  }
  std::string domain = text.substr(at + 1);
  std::size_t dot = domain.find('.');
  return dot != std::string::npos && dot != 0 && domain.back() != '.' &&
         domain.find("..") == std::string::npos;
}

class Notifications {
 public:
  Notifications(const CheckContext& context, core::Diagnostics& diagnostics)
      : m_context(context), m_diagnostics(diagnostics) {}

  void emails(const Value& list, const Path& path) {
    if (!list.is_sequence()) return;
    for (std::size_t i = 0; i < list.items().size(); ++i) {
      const Value& address = list.items()[i];
      if (!address.is_string() || unresolved(address.as_string()) || is_email(address.as_string()))
        continue;
      m_diagnostics.add(finding(Severity::Error, "notifications.invalid-email",
                                "not a valid email address: " + util::quoted(address.as_string()),
                                m_context.bundle, address, path.index(i)));
    }
  }

  // A job's or a task's email_notifications and webhook_notifications; `health` is the
  // owner's health rules, `job_health` the job's when the owner is a task.
  void owner(const Value& owner, const Path& path, const Value* job_health) {
    if (const Value* email = owner.find("email_notifications"); email && email->is_mapping()) {
      Path base = path.key("email_notifications");
      for (const std::string& event : k_email_events) {
        if (const Value* list = email->find(event)) emails(*list, base.key(event));
      }
      warn_without_rule(*email, base, owner.find("health"), job_health);
    }
    if (const Value* hooks = owner.find("webhook_notifications"); hooks && hooks->is_mapping()) {
      Path base = path.key("webhook_notifications");
      for (const core::MapEntry& event : hooks->entries()) {
        if (!event.value.is_sequence()) continue;
        for (std::size_t i = 0; i < event.value.items().size(); ++i) {
          const Value& hook = event.value.items()[i];
          const Value* id = hook.find("id");
          if (hook.is_mapping() && id && !(id->is_string() && id->as_string().empty())) continue;
          m_diagnostics.add(
              finding(Severity::Error, "notifications.webhook-without-id",
                      "webhook notification has no destination id", m_context.bundle, hook,
                      base.key(event.key).index(i),
                      "Each entry names a notification destination: {id: <destination id>}."));
        }
      }
      warn_without_rule(*hooks, base, owner.find("health"), job_health);
    }
  }

  void pipeline(const Value& pipeline, const Path& path) {
    const Value* notifications = pipeline.find("notifications");
    if (!notifications || !notifications->is_sequence()) return;
    for (std::size_t i = 0; i < notifications->items().size(); ++i) {
      const Value& item = notifications->items()[i];
      Path base = path.key("notifications").index(i);
      if (const Value* recipients = item.find("email_recipients")) {
        emails(*recipients, base.key("email_recipients"));
      }
      const Value* alerts = item.find("alerts");
      if (!alerts || !alerts->is_sequence()) continue;
      for (std::size_t j = 0; j < alerts->items().size(); ++j) {
        const Value& alert = alerts->items()[j];
        if (!alert.is_string() || unresolved(alert.as_string())) continue;
        const std::string& name = alert.as_string();
        if (std::find(k_pipeline_alerts.begin(), k_pipeline_alerts.end(), name) !=
            k_pipeline_alerts.end())
          continue;
        m_diagnostics.add(
            finding(Severity::Error, "notifications.unknown-pipeline-alert",
                    "unknown pipeline alert: " + name + util::did_you_mean(name, k_pipeline_alerts),
                    m_context.bundle, alert, base.key("alerts").index(j),
                    "Pipeline alerts are " + util::join(k_pipeline_alerts, ", ") + "."));
      }
    }
  }

 private:
  static bool has_metric(const Value* health, bool (*wanted)(const std::string&)) {
    const Value* rules = health ? health->find("rules") : nullptr;
    if (!rules || !rules->is_sequence()) return false;
    for (const Value& rule : rules->items()) {
      const Value* metric = rule.find("metric");
      if (metric && metric->is_string() &&
          (wanted(metric->as_string()) || unresolved(metric->as_string())))
        return true;
    }
    return false;
  }

  // The Jobs service sends these notifications only when a health rule of the matching metric
  // exists, on the task or on its job.
  void warn_without_rule(const Value& events, const Path& base, const Value* health,
                         const Value* job_health) {
    struct Need {
      const char* event;
      bool (*wanted)(const std::string&);
      const char* metric;
    };
    static const Need needs[] = {
        {"on_duration_warning_threshold_exceeded",
         [](const std::string& m) { return m == "RUN_DURATION_SECONDS"; }, "RUN_DURATION_SECONDS"},
        {"on_streaming_backlog_exceeded",
         [](const std::string& m) { return util::starts_with(m, "STREAMING_BACKLOG_"); },
         "STREAMING_BACKLOG_*"}};
    for (const Need& need : needs) {
      const Value* list = events.find(need.event);
      if (!list || !list->is_sequence() || list->items().empty()) continue;
      if (has_metric(health, need.wanted) || has_metric(job_health, need.wanted)) continue;
      m_diagnostics.add(
          finding(Severity::Warning, "notifications.without-health-rule",
                  std::string(need.event) + " is never sent: no health rule of " + need.metric,
                  m_context.bundle, *list, base.key(need.event),
                  std::string("Add a health rule with metric ") + need.metric +
                      " so that this notification has a threshold to exceed."));
    }
  }

  const CheckContext& m_context;
  core::Diagnostics& m_diagnostics;
};

}  // namespace

void check_notifications(const CheckContext& context, core::Diagnostics& diagnostics) {
  Notifications notifications(context, diagnostics);
  for_each_resource(context.bundle, "jobs",
                    [&](const std::string&, const Value& job, const Path& path) {
                      notifications.owner(job, path, nullptr);
                      const Value* job_health = job.find("health");
                      for_each_task(job, path, [&](const Value& task, const Path& task_path) {
                        notifications.owner(task, task_path, job_health);
                      });
                    });
  for_each_resource(context.bundle, "pipelines",
                    [&](const std::string&, const Value& pipeline, const Path& path) {
                      notifications.pipeline(pipeline, path);
                    });
}

}  // namespace bundlectl::validate
