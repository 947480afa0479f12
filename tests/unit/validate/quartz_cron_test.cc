// Vectors for the Quartz cron parser, fire times across zones and DST, and zone handling.
#include "validate/quartz_cron.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

namespace bundlectl::validate {
namespace {

Seconds at(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
  return to_seconds(CivilTime{year, month, day, hour, minute, second});
}

CronExpression parsed(const std::string& text) {
  CronParse result = parse_quartz_cron(text);
  EXPECT_TRUE(result.expression) << text << ": " << result.error;
  return result.expression ? *result.expression : CronExpression{};
}

TimeZone zone(const std::string& id) {
  ZoneLookup lookup = find_zone(id, k_zoneinfo_dir);
  EXPECT_TRUE(lookup.zone) << id;
  return lookup.zone ? *lookup.zone : TimeZone::utc();
}

// The next `count` fire times after `after`, as UTC ISO 8601.
std::vector<std::string> fires(const std::string& text, Seconds after, const TimeZone& in,
                               int count = 1) {
  CronExpression expression = parsed(text);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::optional<Seconds> next = next_fire_time(expression, after, in);
    if (!next) break;
    out.push_back(iso8601(*next, 0, true));
    after = *next;
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(QuartzCronTest, AcceptsTheQuartzTutorialExpressions) {
  for (const char* text : {"0 0 12 * * ?",
                           "0 15 10 ? * *",
                           "0 15 10 * * ? 2005",
                           "0 * 14 * * ?",
                           "0 0/5 14,18 * * ?",
                           "0 0-5 14 * * ?",
                           "0 10,44 14 ? 3 WED",
                           "0 15 10 ? * MON-FRI",
                           "0 15 10 15 * ?",
                           "0 15 10 L * ?",
                           "0 15 10 L-2 * ?",
                           "0 15 10 ? * 6L",
                           "0 15 10 ? * 6#3",
                           "0 0 12 1/5 * ?",
                           "0 11 11 11 11 ?",
                           "0 0 12 ? * sun",
                           "0 0 0 LW * ?",
                           "0 0 0 15W * ?",
                           "*/5 * * * * ?",
                           "0 10-50/10 * * * ?",
                           "0 0 22-2 * * ?",
                           "0 0 0 ? jan-Mar FRI-MON",
                           "0 0 8 ? * L",
                           "  0   0 8 * * ?  ",
                           "0 0 8 ? * 2,4,6 2026-2030/2",
                           "0 /20 * * * ?"}) {
    CronParse result = parse_quartz_cron(text);
    EXPECT_TRUE(result.expression) << text << ": " << result.error;
  }
}

TEST(QuartzCronTest, RejectsWithTheFieldAndTheReason) {
  const std::pair<const char*, const char*> vectors[] = {
      {"0 0 25 * * ?", "hour 25 is out of range 0-23"},
      {"60 0 1 * * ?", "second 60 is out of range 0-59"},
      {"0 0 1 32 * ?", "day-of-month 32 is out of range 1-31"},
      {"0 0 1 ? 13 *", "month 13 is out of range 1-12"},
      {"0 0 8 ? * 0", "day-of-week 0 is out of range 1-7 (1 = Sunday)"},
      {"0 0 8 * * ? 2100", "year 2100 is out of range 1970-2099"},
      {"0 0 8 * * *",
       "day-of-month \"*\" and day-of-week \"*\" are both set; Quartz needs \"?\" in one of them"},
      {"0 0 8 ? * ?", "day-of-month and day-of-week are both \"?\"; exactly one of them must be"},
      {"0 8 * * *",
       "it has 5 fields; Quartz needs 6 or 7: second minute hour day-of-month month day-of-week "
       "[year]"},
      {"0 0 8 * * ? 2026 x",
       "it has 8 fields; Quartz needs 6 or 7: second minute hour day-of-month month day-of-week "
       "[year]"},
      {"? 0 8 * * ?", "second cannot be \"?\": only day-of-month or day-of-week can"},
      {"0 0/0 8 * * ?", "minute step 0 is out of range 1-59"},
      {"0 0/60 8 * * ?", "minute step 60 is out of range 1-59"},
      {"0 0 */24 * * ?", "hour step 24 is out of range 1-23"},
      {"0 0 8 ? * FRY", "day-of-week \"FRY\" is not a day name (SUN-SAT) or number 1-7"},
      {"0 0 8 ? JUNE MON", "month \"JUNE\" is not a month name (JAN-DEC) or number 1-12"},
      {"0 X 8 * * ?", "minute \"X\" is not a number"},
      {"0 0 8 ? * 6#6", "day-of-week \"6#6\": the week after # must be 1-5"},
      {"0 0 8 1,15W * ?", "day-of-month \"15W\" cannot be combined with other values in a list"},
      {"0 0 8 L-31 * ?", "day-of-month \"L-31\": after L only -n (n from 0 to 30) or W can follow"},
      {"0 0 8 1-5W * ?", "day-of-month \"1-5W\": W must follow a single day (15W) or L (LW)"},
      {"0 0 8 * * ? 2030-2025", "year range 2030-2025 runs backwards"},
      {"0 0 8 1,,2 * ?", "day-of-month has an empty list item in \"1,,2\""},
      {"0 0 8 ?,1 * *", "day-of-month \"?\" cannot be combined with other values in a list"},
  };
  for (const auto& [text, error] : vectors) {
    CronParse result = parse_quartz_cron(text);
    EXPECT_FALSE(result.expression) << text;
    EXPECT_EQ(result.error, error) << text;
  }
}

TEST(QuartzCronTest, ParsesFieldsIntoAllowedSets) {
  CronExpression e = parsed("0 10-50/10 22-2 ? jan-MAR FRI-MON");
  EXPECT_EQ(e.minutes.to_string().find('1'), 60u - 51u);  // highest is 50
  EXPECT_EQ(e.minutes.count(), 5u);
  EXPECT_EQ(e.hours.count(), 5u);  // 22, 23, 0, 1, 2
  EXPECT_TRUE(e.hours.test(23) && e.hours.test(0) && e.hours.test(2) && !e.hours.test(3));
  EXPECT_EQ(e.months.count(), 3u);
  EXPECT_EQ(e.days_of_week.count(), 4u);  // FRI, SAT, SUN, MON
  EXPECT_TRUE(e.days_of_week.test(6) && e.days_of_week.test(7) && e.days_of_week.test(1) &&
              e.days_of_week.test(2));
  EXPECT_TRUE(e.any_day_of_month);
  EXPECT_FALSE(e.any_day_of_week);
}

TEST(QuartzCronTest, DailyScheduleFiresInItsZone) {
  EXPECT_EQ(fires("0 0 2 * * ?", at(2026, 11, 23, 12), zone("Europe/Amsterdam"), 2),
            (Strings{"2026-11-24T01:00:00Z", "2026-11-25T01:00:00Z"}));
  EXPECT_EQ(fires("0 0 8 * * ?", at(2026, 11, 23, 7, 59, 59), TimeZone::utc()),
            (Strings{"2026-11-23T08:00:00Z"}));
  EXPECT_EQ(fires("0 0 8 * * ?", at(2026, 11, 23, 8), TimeZone::utc()),
            (Strings{"2026-11-24T08:00:00Z"}));
}

TEST(QuartzCronTest, SpringForwardSkipsTheMissingLocalTime) {
  // 2026-03-08 02:30 does not exist in New York: clocks go from 02:00 EST to 03:00 EDT.
  EXPECT_EQ(fires("0 30 2 * * ?", at(2026, 3, 6, 12), zone("America/New_York"), 3),
            (Strings{"2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"}));
  // 2026-03-29 02:30 does not exist in Amsterdam.
  EXPECT_EQ(fires("0 30 2 * * ?", at(2026, 3, 28, 12), zone("Europe/Amsterdam"), 2),
            (Strings{"2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"}));
  // 03:00 exists on both sides.
  EXPECT_EQ(fires("0 0 3 * * ?", at(2026, 3, 28, 12), zone("Europe/Amsterdam"), 2),
            (Strings{"2026-03-29T01:00:00Z", "2026-03-30T01:00:00Z"}));
}

TEST(QuartzCronTest, FallBackFiresTheRepeatedTimeOnce) {
  // 2026-11-01 01:30 happens twice in New York (EDT, then EST): the job runs at the first.
  EXPECT_EQ(fires("0 30 1 * * ?", at(2026, 10, 31, 12), zone("America/New_York"), 3),
            (Strings{"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z", "2026-11-03T06:30:00Z"}));
  // Every 15 minutes: after 01:45 EDT the next wall-clock time is 02:00 EST, an hour later.
  EXPECT_EQ(fires("0 0/15 * * * ?", at(2026, 11, 1, 5, 40), zone("America/New_York"), 3),
            (Strings{"2026-11-01T05:45:00Z", "2026-11-01T07:00:00Z", "2026-11-01T07:15:00Z"}));
  // Starting inside the repeated hour finds the time still to come.
  EXPECT_EQ(fires("0 0/15 * * * ?", at(2026, 11, 1, 6, 10), zone("America/New_York"), 1),
            (Strings{"2026-11-01T06:15:00Z"}));
}

TEST(QuartzCronTest, LastDayNearestWeekdayAndNthWeekday) {
  TimeZone utc = TimeZone::utc();
  EXPECT_EQ(fires("0 0 0 L * ?", at(2028, 2, 10), utc), (Strings{"2028-02-29T00:00:00Z"}));
  EXPECT_EQ(fires("0 0 0 L-3 * ?", at(2026, 4, 1), utc), (Strings{"2026-04-27T00:00:00Z"}));
  // 2026-05-31 is a Sunday: the last weekday is Friday the 29th.
  EXPECT_EQ(fires("0 0 0 LW * ?", at(2026, 5, 1), utc), (Strings{"2026-05-29T00:00:00Z"}));
  // 2026-08-15 and 2026-08-01 are Saturdays; W does not leave the month.
  EXPECT_EQ(fires("0 0 0 15W * ?", at(2026, 8, 1), utc), (Strings{"2026-08-14T00:00:00Z"}));
  EXPECT_EQ(fires("0 0 0 1W * ?", at(2026, 7, 31), utc), (Strings{"2026-08-03T00:00:00Z"}));
  EXPECT_EQ(fires("0 0 9 ? * 6#3", at(2026, 11, 1), utc), (Strings{"2026-11-20T09:00:00Z"}));
  EXPECT_EQ(fires("0 0 9 ? * FRIL", at(2026, 11, 1), utc), (Strings{"2026-11-27T09:00:00Z"}));
  EXPECT_EQ(fires("0 0 9 ? * 6L", at(2026, 11, 1), utc, 2),
            (Strings{"2026-11-27T09:00:00Z", "2026-12-25T09:00:00Z"}));
  EXPECT_EQ(fires("0 0 9 ? * MON-FRI", at(2026, 11, 20, 10), utc, 2),
            (Strings{"2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z"}));
  EXPECT_EQ(fires("0 0 9 ? * 1", at(2026, 11, 20), utc), (Strings{"2026-11-22T09:00:00Z"}));
}

TEST(QuartzCronTest, YearFieldBoundsTheFireTimes) {
  EXPECT_EQ(fires("0 0 12 1 1 ? 2030", at(2026, 11, 23), TimeZone::utc(), 3),
            (Strings{"2030-01-01T12:00:00Z"}));
  EXPECT_EQ(fires("0 0 12 29 2 ? 2026-2099", at(2026, 1, 1), TimeZone::utc()),
            (Strings{"2028-02-29T12:00:00Z"}));
  EXPECT_TRUE(fires("0 0 12 * * ? 2020", at(2026, 11, 23), TimeZone::utc()).empty());
}

TEST(QuartzCronTest, ImpossibleDatesNeverFireAndTheSearchEndsQuickly) {
  auto start = std::chrono::steady_clock::now();
  for (const char* text :
       {"0 0 0 30 2 ?", "0 0 0 31 4,6,9,11 ?", "0 0 0 ? 2 2#5 2026", "0 0 0 31 2 ? 1970-2099"}) {
    EXPECT_FALSE(fires_ever(parsed(text))) << text;
    EXPECT_FALSE(next_fire_time(parsed(text), at(2026, 1, 1), zone("Europe/Amsterdam")));
  }
  EXPECT_TRUE(fires_ever(parsed("0 0 0 29 2 ?")));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

TEST(QuartzCronTest, DescribesCommonShapesInPlainEnglish) {
  const std::pair<const char*, const char*> vectors[] = {
      {"0 0 2 * * ?", "at 02:00, every day"},
      {"0 30 8,20 ? * MON-FRI", "at 08:30 and 20:30, on Monday to Friday"},
      {"0 0/15 * * * ?", "every 15 minutes, every day"},
      {"0 0/15 8-17 ? * MON,WED,FRI",
       "every 15 minutes, hours 8-17, on Monday, Wednesday and Friday"},
      {"0 5 * * * ?", "at minute 5 of every hour, every day"},
      {"0 0 0 L * ?", "at 00:00, on the last day of the month"},
      {"0 0 0 L-3 * ?", "at 00:00, on 3 days before the last day of the month"},
      {"0 0 0 LW * ?", "at 00:00, on the last weekday of the month"},
      {"0 0 0 15W * ?", "at 00:00, on the weekday nearest day 15 of the month"},
      {"0 0 9 ? * 6#3", "at 09:00, on the third Friday of the month"},
      {"0 0 9 ? * 6L", "at 09:00, on the last Friday of the month"},
      {"0 0 9 1,15 JAN-MAR,JUL ?",
       "at 09:00, on days 1 and 15 of the month, in January to March and July"},
      {"30 0 12 1 1 ? 2030", "at 12:00:30, on day 1 of the month, in January, in 2030"},
  };
  for (const auto& [text, description] : vectors) {
    EXPECT_EQ(describe(parsed(text)), description) << text;
  }
}

TEST(TimeZoneTest, FooterRuleGovernsTimesAfterTheLastTransition) {
  TimeZone amsterdam = zone("Europe/Amsterdam");
  EXPECT_EQ(amsterdam.offset_at(at(2050, 7, 1)), 7200);
  EXPECT_EQ(amsterdam.offset_at(at(2050, 1, 1)), 3600);
  EXPECT_EQ(amsterdam.offset_at(at(2026, 10, 25, 0, 59, 59)), 7200);
  EXPECT_EQ(amsterdam.offset_at(at(2026, 10, 25, 1)), 3600);
  TimeZone sydney = zone("Australia/Sydney");
  EXPECT_EQ(sydney.offset_at(at(2060, 1, 1)), 11 * 3600);
  EXPECT_EQ(sydney.offset_at(at(2060, 7, 1)), 10 * 3600);
}

TEST(TimeZoneTest, ParsesPosixRules) {
  std::optional<PosixRule> rule = parse_posix_rule("CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->std_offset, 3600);
  EXPECT_EQ(rule->dst_offset, 7200);
  EXPECT_EQ(rule->end.time, 3 * 3600);
  rule = parse_posix_rule("<+0330>-3:30");
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->std_offset, 12600);
  EXPECT_FALSE(rule->has_dst);
  EXPECT_TRUE(parse_posix_rule("EST5EDT"));
  EXPECT_TRUE(parse_posix_rule("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1"));
  EXPECT_FALSE(parse_posix_rule("CET-1CEST,M13.5.0,M10.5.0"));
  EXPECT_FALSE(parse_posix_rule(""));
}

TEST(TimeZoneTest, FindsJavaZoneIds) {
  for (const char* id : {"UTC", "GMT", "Etc/UTC", "US/Pacific", "America/Los_Angeles", "Z",
                         "+01:00", "UTC+05:30", "GMT-8", "Asia/Kolkata"}) {
    EXPECT_EQ(find_zone(id, k_zoneinfo_dir).status, ZoneLookup::Status::Found) << id;
  }
  for (const char* id : {"utc", "Europe/Amsterdm", "posix/UTC", "../zoneinfo/UTC", "zone.tab",
                         "+19:00", "Mars/Olympus", ""}) {
    EXPECT_EQ(find_zone(id, k_zoneinfo_dir).status, ZoneLookup::Status::Unknown) << id;
  }
  EXPECT_EQ(find_zone("Europe/Paris", "/nonexistent/zoneinfo").status,
            ZoneLookup::Status::NoDatabase);
  EXPECT_EQ(fixed_offset_of("UTC-05:30"), -19800);
  EXPECT_EQ(iso8601(at(2026, 11, 24, 1), 3600), "2026-11-24T02:00:00+01:00");
  EXPECT_EQ(iso8601(at(2026, 11, 24, 1), -19800), "2026-11-23T19:30:00-05:30");
}

TEST(TimeZoneTest, ZoneIdsListsZonesOnly) {
  std::vector<std::string> ids = zone_ids(k_zoneinfo_dir);
  auto has = [&ids](const char* id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
  EXPECT_TRUE(has("Europe/Amsterdam"));
  EXPECT_TRUE(has("US/Pacific"));
  EXPECT_FALSE(has("zone.tab"));
  EXPECT_FALSE(has("posix/Europe/Amsterdam"));
  EXPECT_FALSE(has("posixrules"));
}

}  // namespace
}  // namespace bundlectl::validate
