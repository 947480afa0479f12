// check_notifications: email addresses, webhook ids, pipeline alerts, notifications that a
// health rule must enable.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsNotificationsTest : public RefsCheckTest {};

TEST_F(RefsNotificationsTest, MalformedEmailIsAnErrorAndUnresolvedOnesAreLeftAlone) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      email_notifications:\n"
              "        on_failure: [ops@example.com, \"ops at example.com\", "
              "\"${workspace.current_user.userName}\"]\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          email_notifications: {on_start: [\"jane@example\"]}\n"
              "  pipelines:\n"
              "    p:\n"
              "      notifications:\n"
              "        - email_recipients: [\"a@b.com;c@d.com\"]\n"
              "          alerts: [on-update-failure]\n");
  EXPECT_EQ(run(check_notifications),
            (Messages{"error notifications.invalid-email: databricks.yml:6:39: not a valid email "
                      "address: \"ops at example.com\" "
                      "[resources.jobs.j.email_notifications.on_failure[1]]",
                      "error notifications.invalid-email: databricks.yml:9:44: not a valid email "
                      "address: \"jane@example\" "
                      "[resources.jobs.j.tasks[0].email_notifications.on_start[0]]",
                      "error notifications.invalid-email: databricks.yml:13:30: not a valid email "
                      "address: \"a@b.com;c@d.com\" "
                      "[resources.pipelines.p.notifications[0].email_recipients[0]]"}));
}

TEST_F(RefsNotificationsTest, WebhookWithoutIdIsAnError) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      webhook_notifications:\n"
              "        on_failure:\n"
              "          - id: 0481e838-0a59-4eff-9541-a4ca6f149574\n"
              "          - name: pagerduty\n");
  EXPECT_EQ(run(check_notifications),
            (Messages{"error notifications.webhook-without-id: databricks.yml:8:13: webhook "
                      "notification has no destination id "
                      "[resources.jobs.j.webhook_notifications.on_failure[1]]"}));
}

TEST_F(RefsNotificationsTest, UnknownPipelineAlertIsAnError) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  pipelines:\n"
              "    p:\n"
              "      notifications:\n"
              "        - email_recipients: [ops@example.com]\n"
              "          alerts: [on-update-failur, on-flow-failure]\n");
  EXPECT_EQ(run(check_notifications),
            (Messages{"error notifications.unknown-pipeline-alert: databricks.yml:7:20: unknown "
                      "pipeline alert: on-update-failur, did you mean \"on-update-failure\"? "
                      "[resources.pipelines.p.notifications[0].alerts[0]]"}));
}

TEST_F(RefsNotificationsTest, DurationWarningWithoutADurationRuleIsAWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      email_notifications:\n"
              "        on_duration_warning_threshold_exceeded: [ops@example.com]\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          health: {rules: [{metric: RUN_DURATION_SECONDS, op: GREATER_THAN, "
              "value: 60}]}\n"
              "          email_notifications:\n"
              "            on_duration_warning_threshold_exceeded: [ops@example.com]\n"
              "            on_streaming_backlog_exceeded: [ops@example.com]\n");
  EXPECT_EQ(run(check_notifications),
            (Messages{"warning notifications.without-health-rule: databricks.yml:6:49: "
                      "on_duration_warning_threshold_exceeded is never sent: no health rule of "
                      "RUN_DURATION_SECONDS [resources.jobs.j.email_notifications."
                      "on_duration_warning_threshold_exceeded]",
                      "warning notifications.without-health-rule: databricks.yml:12:44: "
                      "on_streaming_backlog_exceeded is never sent: no health rule of "
                      "STREAMING_BACKLOG_* [resources.jobs.j.tasks[0].email_notifications."
                      "on_streaming_backlog_exceeded]"}));
}

}  // namespace
}  // namespace bundlectl::validate
