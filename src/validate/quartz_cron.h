// Quartz cron expressions, as Databricks job schedules and pipeline triggers use them:
//
//   seconds minutes hours day-of-month month day-of-week [year]
//
// Each field is `*`, a value, a range `a-b` (wrapping when b < a, like `FRI-MON`), a step
// `a/n`, `*/n` or `a-b/n`, or a comma-separated list of those. Months are 1-12 or JAN-DEC,
// days of the week 1-7 (1 = Sunday) or SUN-SAT, names in any case. Exactly one of
// day-of-month and day-of-week is `?` (Quartz cannot combine them). Day-of-month also takes
// `L` (last day), `L-n` (n days before it), `nW` (the weekday nearest day n, within the
// month) and `LW`; day-of-week takes `L` (Saturday), `nL` (the last day n of the month) and
// `n#k` (the k-th day n of the month). Years are 1970-2099.
//
// Fire times are wall-clock times in the schedule's zone. When clocks spring forward, a time
// in the skipped hour does not exist and is skipped (the documented behaviour of Quartz
// CronTrigger: a 02:30 daily job does not run on that day); when clocks fall back, a time in
// the repeated hour fires once, at its first occurrence.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include "validate/time_zone.h"

namespace bundlectl::validate {

struct CronExpression {
  std::string text;
  std::bitset<60> seconds, minutes;
  std::bitset<24> hours;
  std::bitset<32> days_of_month;  // 1-31
  std::bitset<13> months;         // 1-12
  std::bitset<8> days_of_week;    // 1-7, 1 = Sunday
  std::bitset<130> years;         // 1970-2099, as year - 1970

  bool any_day_of_month = false;   // `?` (or `*`) in day-of-month
  bool any_day_of_week = false;    // `?` (or `*`) in day-of-week
  bool last_day_of_month = false;  // L, L-n, LW
  int last_day_offset = 0;         // n of L-n
  bool nearest_weekday = false;    // nW, LW
  int last_weekday = 0;            // n of nL, 1-7
  int nth_weekday = 0, nth = 0;    // n and k of n#k

  // The field texts as written, for descriptions.
  std::string fields[7];
  bool has_year = false;

  // Whether a local day matches the day-of-month, month, day-of-week and year fields.
  bool matches_day(int year, int month, int day) const;
};

struct CronParse {
  std::optional<CronExpression> expression;
  std::string error;  // "hour 25 is out of range 0-23"
};

CronParse parse_quartz_cron(std::string_view text);

// The first fire time strictly after `after`, in `zone`; nullopt when there is none before
// the end of 2099 (the search visits each matching day once, so it is quick even then).
std::optional<Seconds> next_fire_time(const CronExpression& expression, Seconds after,
                                      const TimeZone& zone);

// Whether any day from 1970 to 2099 matches (a Feb 30 schedule never fires).
bool fires_ever(const CronExpression& expression);

// "at 02:30, every day", "every 15 minutes, Monday to Friday", ...
std::string describe(const CronExpression& expression);

}  // namespace bundlectl::validate
