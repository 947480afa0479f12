#include "emulator/notifications.h"

#include <gtest/gtest.h>

#include "emulator/run_engine.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// "KEY CHANNEL@TIME" for each event, in order.
std::vector<std::string> summary(const std::vector<NotificationEvent>& events) {
  std::vector<std::string> out;
  for (const NotificationEvent& e : events) {
    out.push_back(e.key + " " + e.channel + "@" + std::to_string(e.at_ms));
  }
  return out;
}

class NotificationEventsTest : public ::testing::Test {
 protected:
  emulator::Run create(json extra, Admission admission = Admission::Start) {
    RunRequest request;
    request.job_id = 7;
    request.settings = {{"name", "job"}, {"tasks", {{{"task_key", "a"}}}}};
    for (const auto& [field, value] : extra.items()) request.settings[field] = value;
    request.admission = admission;
    return m_engine.create(request);
  }
  std::vector<std::string> due(emulator::Run& run) {
    m_engine.advance(run);
    return summary(due_notifications(run, m_clock.now_ms()));
  }

  FakeClock m_clock{1'000'000};
  SequentialIdGenerator m_ids{100};
  RunEngine m_engine{m_clock, m_ids, RunTiming{200, 300, {}}};
  json m_emails = {{"on_start", {"a@x"}}, {"on_success", {"a@x"}}, {"on_failure", {"a@x"}}};
};

TEST_F(NotificationEventsTest, EventsHappenAtTheirTimelineMomentsNotWhenNoticed) {
  emulator::Run run =
      create({{"email_notifications", m_emails},
              {"webhook_notifications", {{"on_success", {{{"id", "d1"}}, {{"id", "d2"}}}}}}});
  EXPECT_TRUE(due(run).empty());  // PENDING
  m_clock.advance(10'000);
  EXPECT_EQ(due(run), (std::vector<std::string>{
                          "job:0:on_start email@1000200", "job:0:on_success email@1000500",
                          "job:0:on_success webhook@1000500", "job:0:on_success webhook@1000500"}));
  std::vector<NotificationEvent> events = due_notifications(run, m_clock.now_ms());
  EXPECT_EQ(events[2].destination_id, "d1");
  EXPECT_EQ(events[3].destination_id, "d2");
  EXPECT_EQ(events[0].recipients, json::array({"a@x"}));
}

TEST_F(NotificationEventsTest, ARunCanceledWhilePendingNeverStartedButFailed) {
  emulator::Run run = create({{"email_notifications", m_emails}});
  m_clock.advance(50);
  m_engine.cancel(run);
  EXPECT_EQ(due(run), std::vector<std::string>{"job:0:on_failure email@1000050"});
}

TEST_F(NotificationEventsTest, ARepairSendsItsOwnJobEvents) {
  emulator::Run run = create({{"email_notifications", m_emails}});
  m_clock.advance(1000);
  m_engine.advance(run);
  m_engine.repair(run, {"a"}, false);
  m_clock.advance(1000);
  EXPECT_EQ(due(run), (std::vector<std::string>{"job:1:on_start email@1001000",
                                                "job:1:on_success email@1001300"}));
}

TEST_F(NotificationEventsTest, SkippedRunsAreFailuresUnlessSilenced) {
  json emails = m_emails;
  emulator::Run loud = create({{"email_notifications", emails}}, Admission::Skip);
  EXPECT_EQ(due(loud), std::vector<std::string>{"job:0:on_failure email@1000000"});
  emails["no_alert_for_skipped_runs"] = true;  // deprecated: silences emails only
  emulator::Run quiet = create({{"email_notifications", emails},
                                {"webhook_notifications", {{"on_failure", {{{"id", "d"}}}}}}},
                               Admission::Skip);
  EXPECT_EQ(due(quiet), std::vector<std::string>{"job:0:on_failure webhook@1000000"});
  emulator::Run silent = create({{"email_notifications", m_emails},
                                 {"notification_settings", {{"no_alert_for_skipped_runs", true}}}},
                                Admission::Skip);
  EXPECT_TRUE(due(silent).empty());
}

TEST_F(NotificationEventsTest, ATaskOutlastingItsHealthRuleWarnsOnceWhileRunning) {
  RunEngine slow_engine{m_clock, m_ids, RunTiming{200, 5000, {}}};
  RunRequest request;
  request.settings = {
      {"name", "job"},
      {"tasks",
       {{{"task_key", "a"},
         {"health",
          {{"rules",
            {{{"metric", "RUN_DURATION_SECONDS"}, {"op", "GREATER_THAN"}, {"value", 2}}}}}},
         {"webhook_notifications",
          {{"on_duration_warning_threshold_exceeded", {{{"id", "d"}}}}}}}}}};
  emulator::Run run = slow_engine.create(request);
  std::string attempt = std::to_string(run.tasks[0].run_id);
  m_clock.advance(200 + 1999);
  slow_engine.advance(run);
  EXPECT_TRUE(due_notifications(run, m_clock.now_ms()).empty());
  m_clock.advance(1);
  slow_engine.advance(run);
  std::vector<NotificationEvent> events = due_notifications(run, m_clock.now_ms());
  EXPECT_EQ(summary(events), std::vector<std::string>{"task:" + attempt +
                                                      ":on_duration_warning_threshold_exceeded "
                                                      "webhook@1002200"});
  EXPECT_EQ(events[0].task_key, "a");
  m_clock.advance(10'000);
  slow_engine.advance(run);
  EXPECT_EQ(due_notifications(run, m_clock.now_ms()).size(), 1u);
}

TEST_F(NotificationEventsTest, TheDurationThresholdIsTheSmallestRunDurationRule) {
  json health = {{"rules",
                  {{{"metric", "STREAMING_BACKLOG_SECONDS"}, {"op", "GREATER_THAN"}, {"value", 1}},
                   {{"metric", "RUN_DURATION_SECONDS"}, {"op", "GREATER_THAN"}, {"value", 60}},
                   {{"metric", "RUN_DURATION_SECONDS"}, {"op", "GREATER_THAN"}, {"value", 30}}}}};
  EXPECT_EQ(duration_threshold_ms(health), 30'000);
  EXPECT_EQ(duration_threshold_ms(json::object()), -1);
  EXPECT_EQ(notification_settings_of({{"name", "x"}, {"health", health}}),
            json({{"health", health}}));
}

}  // namespace
}  // namespace bundlectl::emulator
