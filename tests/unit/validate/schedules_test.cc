// The schedule check and --explain-schedules on small bundles written to a temp folder.
#include "bundlectl/validate/schedules.h"

#include <gtest/gtest.h>

#include <sstream>

#include "bundlectl/config/load.h"
#include "support/stand_in_sources.h"
#include "support/temp_dir.h"
#include "validate/checks.h"
#include "validate/schedule_sites.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

// 2026-11-23T12:00:00Z
constexpr Seconds k_now = 1795435200;

class SchedulesTest : public ::testing::Test {
 protected:
  config::LoadResult load(const std::string& target = "") {
    config::LoadOptions options;
    options.chdir = m_dir.path();
    options.target = target;
    options.user = "jane.doe@example.com";
    options.environment = [](const std::string&) -> std::optional<std::string> {
      return std::nullopt;
    };
    testing::write_stand_in_sources(m_dir);
    config::LoadResult result = config::load_bundle(options);
    EXPECT_TRUE(result.complete);
    return result;
  }

  // Every finding as "severity: file:line:col: summary [path] (rule)", sorted.
  Messages check(const std::string& yaml, const std::string& target = "",
                 const std::filesystem::path& zoneinfo = k_zoneinfo_dir) {
    m_dir.write("databricks.yml", yaml);
    config::LoadResult result = load(target);
    core::Diagnostics found;
    check_schedules_with(result.bundle, zoneinfo, k_now, found);
    found.sort();
    Messages out;
    for (const core::Diagnostic& d : found) {
      std::string where;
      for (const core::SourceLocation& l : d.locations) {
        where += result.bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
                 std::to_string(l.column) + ": ";
      }
      out.push_back(std::string(core::severity_name(d.severity)) + ": " + where + d.summary + " [" +
                    d.paths.at(0).to_string() + "] (" + d.rule + ")");
    }
    return out;
  }

  static std::string job(const std::string& cron, const std::string& zone) {
    return "bundle: {name: b}\n"
           "resources:\n"
           "  jobs:\n"
           "    nightly:\n"
           "      name: nightly\n"
           "      schedule:\n"
           "        quartz_cron_expression: \"" +
           cron +
           "\"\n"
           "        timezone_id: " +
           zone + "\n";
  }

  testing::TempDir m_dir;
};

TEST_F(SchedulesTest, InvalidCronIsAnErrorNamingTheFieldAndTheReason) {
  EXPECT_EQ(check(job("0 0 25 * * ?", "UTC")),
            (Messages{"error: databricks.yml:7:33: invalid cron expression \"0 0 25 * * ?\": hour "
                      "25 is out of range 0-23 [resources.jobs.nightly.schedule."
                      "quartz_cron_expression] (schedule.invalid-cron)"}));
}

TEST_F(SchedulesTest, StarInBothDayFieldsIsRejectedAsQuartzDoes) {
  EXPECT_EQ(check(job("0 0 8 * * *", "UTC")),
            (Messages{"error: databricks.yml:7:33: invalid cron expression \"0 0 8 * * *\": "
                      "day-of-month \"*\" and day-of-week \"*\" are both set; Quartz needs \"?\" "
                      "in one of them [resources.jobs.nightly.schedule.quartz_cron_expression] "
                      "(schedule.invalid-cron)"}));
}

TEST_F(SchedulesTest, UnknownTimezoneSuggestsTheNearestZone) {
  EXPECT_EQ(check(job("0 0 2 * * ?", "Europe/Amsterdm")),
            (Messages{"error: databricks.yml:8:22: unknown timezone_id \"Europe/Amsterdm\", did "
                      "you mean \"Europe/Amsterdam\"? [resources.jobs.nightly.schedule."
                      "timezone_id] (schedule.unknown-timezone)"}));
}

TEST_F(SchedulesTest, ZoneIdsAreCaseSensitiveButLowerCaseUtcIsOnlyAWarning) {
  EXPECT_EQ(check(job("0 0 2 * * ?", "europe/amsterdam")),
            (Messages{"error: databricks.yml:8:22: unknown timezone_id \"europe/amsterdam\", did "
                      "you mean \"Europe/Amsterdam\"? [resources.jobs.nightly.schedule."
                      "timezone_id] (schedule.unknown-timezone)"}));
  EXPECT_EQ(check(job("0 0 2 * * ?", "utc")),
            (Messages{"warning: databricks.yml:8:22: unknown timezone_id \"utc\", did you mean "
                      "\"UTC\"? [resources.jobs.nightly.schedule.timezone_id] "
                      "(schedule.unknown-timezone)"}));
}

TEST_F(SchedulesTest, JavaZoneIdsThatAreNotPlainRegionsAreAccepted) {
  for (const char* zone : {"UTC", "GMT", "US/Pacific", "\"+01:00\"", "Etc/GMT-3", "EST"}) {
    EXPECT_EQ(check(job("0 0 2 * * ?", zone)), Messages{}) << zone;
  }
}

TEST_F(SchedulesTest, DeprecatedThreeLetterJavaIdIsAWarningNamingTheRegion) {
  EXPECT_EQ(check(job("0 0 2 * * ?", "PST")),
            (Messages{"warning: databricks.yml:8:22: timezone_id \"PST\" is a deprecated "
                      "three-letter Java id, use \"America/Los_Angeles\" [resources.jobs.nightly."
                      "schedule.timezone_id] (schedule.deprecated-timezone)"}));
}

TEST_F(SchedulesTest, ImpossibleDateNeverFires) {
  EXPECT_EQ(check(job("0 0 0 30 2 ?", "UTC")),
            (Messages{"warning: databricks.yml:7:33: cron expression \"0 0 0 30 2 ?\" never "
                      "fires: no date from 1970 to 2099 matches it [resources.jobs.nightly."
                      "schedule.quartz_cron_expression] (schedule.never-fires)"}));
}

TEST_F(SchedulesTest, YearsInThePastNeverFireAgain) {
  EXPECT_EQ(check(job("0 0 8 * * ? 2020", "UTC")),
            (Messages{"warning: databricks.yml:7:33: cron expression \"0 0 8 * * ? 2020\" never "
                      "fires again: every date it matches is in the past [resources.jobs."
                      "nightly.schedule.quartz_cron_expression] (schedule.never-fires)"}));
}

TEST_F(SchedulesTest, MissingZoneDatabaseIsReportedOnceAsAWarning) {
  std::string yaml =
      job("0 0 2 * * ?", "Europe/Paris") +
      "    weekly:\n"
      "      name: weekly\n"
      "      schedule: {quartz_cron_expression: \"0 0 2 ? * MON\", timezone_id: "
      "Asia/Tokyo}\n"
      "    utc:\n"
      "      name: utc\n"
      "      schedule: {quartz_cron_expression: \"0 0 2 ? * MON\", timezone_id: UTC}\n";
  EXPECT_EQ(check(yaml, "", "/nonexistent/zoneinfo"),
            (Messages{"warning: databricks.yml:8:22: cannot check timezone_id values: no time "
                      "zone database in /nonexistent/zoneinfo (install the tzdata package) "
                      "[resources.jobs.nightly.schedule.timezone_id] (schedule.no-tz-database)"}));
}

TEST_F(SchedulesTest, PipelineTriggersQualityMonitorsAndAlertsAreChecked) {
  EXPECT_EQ(check("bundle: {name: b}\n"
                  "resources:\n"
                  "  pipelines:\n"
                  "    p:\n"
                  "      trigger:\n"
                  "        cron: {quartz_cron_schedule: \"0 0 8 ? * MONDAY\", timezone_id: UTC}\n"
                  "  quality_monitors:\n"
                  "    m:\n"
                  "      table_name: main.a.b\n"
                  "      schedule: {quartz_cron_expression: \"0 0 8 * * ?\", timezone_id: Mars}\n"),
            (Messages{"error: databricks.yml:6:38: invalid cron expression \"0 0 8 ? * MONDAY\": "
                      "day-of-week \"MONDAY\" is not a day name (SUN-SAT) or number 1-7 "
                      "[resources.pipelines.p.trigger.cron.quartz_cron_schedule] "
                      "(schedule.invalid-cron)",
                      "error: databricks.yml:10:70: unknown timezone_id \"Mars\" "
                      "[resources.quality_monitors.m.schedule.timezone_id] "
                      "(schedule.unknown-timezone)"}));
}

// The Jobs API has no trigger.cron (a job is scheduled by `schedule`); the schema reports the
// field as unknown, and the schedule check leaves it alone.
TEST_F(SchedulesTest, JobTriggerCronIsNotASchedule) {
  EXPECT_EQ(
      check("bundle: {name: b}\n"
            "resources:\n"
            "  jobs:\n"
            "    j:\n"
            "      trigger:\n"
            "        cron: {quartz_cron_expression: \"0 0 8 ? * MONDAY\", timezone_id: Mars}\n"),
      Messages{});
}

TEST_F(SchedulesTest, UnpausedScheduleInDevelopmentModeIsFine) {
  std::string yaml = job("0 0 2 * * ?", "Europe/Amsterdam") +
                     "        pause_status: UNPAUSED\n"
                     "targets:\n"
                     "  dev:\n"
                     "    mode: development\n"
                     "    default: true\n";
  EXPECT_EQ(check(yaml, "dev"), Messages{});
}

TEST_F(SchedulesTest, TheCheckIsInTheList) {
  m_dir.write("databricks.yml", job("0 0 25 * * ?", "UTC"));
  config::LoadResult result = load();
  core::Diagnostics found = run_checks(result.bundle, Options{});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.items()[0].rule, "schedule.invalid-cron");
}

TEST_F(SchedulesTest, ExplainListsNextFireTimesInTheZoneAndInUtc) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    nightly:\n"
              "      name: nightly\n"
              "      schedule:\n"
              "        quartz_cron_expression: \"0 30 2 * * ?\"\n"
              "        timezone_id: America/New_York\n"
              "    monthly:\n"
              "      name: monthly\n"
              "      schedule: {quartz_cron_expression: \"0 0 9 ? * 6L\", timezone_id: UTC, "
              "pause_status: PAUSED}\n"
              "    broken:\n"
              "      name: broken\n"
              "      schedule: {quartz_cron_expression: \"0 0 0 30 2 ?\", timezone_id: Nowhere}\n"
              "  pipelines:\n"
              "    p:\n"
              "      trigger:\n"
              "        cron: {quartz_cron_schedule: \"0 0/30 * * * ?\", timezone_id: "
              "Asia/Kolkata}\n");
  config::LoadResult result = load();
  std::ostringstream out;
  explain_schedules(result.bundle, out,
                    std::chrono::system_clock::time_point(std::chrono::seconds(k_now)), 3);
  EXPECT_EQ(out.str(),
            "resources.jobs.nightly.schedule (databricks.yml:7:9)\n"
            "  cron:      0 30 2 * * ?  (at 02:30, every day)\n"
            "  time zone: America/New_York\n"
            "  pause:     UNPAUSED\n"
            "  next runs: 2026-11-24T02:30:00-05:00  2026-11-24T07:30:00Z\n"
            "             2026-11-25T02:30:00-05:00  2026-11-25T07:30:00Z\n"
            "             2026-11-26T02:30:00-05:00  2026-11-26T07:30:00Z\n"
            "\n"
            "resources.jobs.monthly.schedule (databricks.yml:11:17)\n"
            "  cron:      0 0 9 ? * 6L  (at 09:00, on the last Friday of the month)\n"
            "  time zone: UTC\n"
            "  pause:     PAUSED\n"
            "  next runs: 2026-11-27T09:00:00+00:00  2026-11-27T09:00:00Z\n"
            "             2026-12-25T09:00:00+00:00  2026-12-25T09:00:00Z\n"
            "             2027-01-29T09:00:00+00:00  2027-01-29T09:00:00Z\n"
            "\n"
            "resources.jobs.broken.schedule (databricks.yml:14:17)\n"
            "  cron:      0 0 0 30 2 ?  (at 00:00, on day 30 of the month, in February)\n"
            "  time zone: Nowhere\n"
            "  pause:     UNPAUSED\n"
            "  next runs: unknown time zone Nowhere\n"
            "\n"
            "resources.pipelines.p.trigger.cron (databricks.yml:18:15)\n"
            "  cron:      0 0/30 * * * ?  (every 30 minutes, every day)\n"
            "  time zone: Asia/Kolkata\n"
            "  next runs: 2026-11-23T18:00:00+05:30  2026-11-23T12:30:00Z\n"
            "             2026-11-23T18:30:00+05:30  2026-11-23T13:00:00Z\n"
            "             2026-11-23T19:00:00+05:30  2026-11-23T13:30:00Z\n");
}

TEST_F(SchedulesTest, ExplainSaysWhenAScheduleNeverFires) {
  m_dir.write("databricks.yml", job("0 0 0 30 2 ?", "UTC"));
  config::LoadResult result = load();
  std::ostringstream out;
  explain_schedules(result.bundle, out,
                    std::chrono::system_clock::time_point(std::chrono::seconds(k_now)));
  EXPECT_NE(out.str().find("  next runs: never fires\n"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace bundlectl::validate
