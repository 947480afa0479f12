// When a Quartz cron expression fires: matching days, then times of day, in wall-clock time,
// then the instants those wall-clock times denote in the schedule's zone.
#include "validate/quartz_cron.h"

namespace bundlectl::validate {

namespace {

constexpr int k_first_year = 1970;
constexpr int k_last_year = 2099;

// The weekday (Monday to Friday) nearest `day`, without leaving the month.
int weekday_nearest(int year, int month, int day) {
  int last = days_in_month(year, month);
  int weekday = weekday_of(days_from_civil(year, month, day));
  if (weekday == 6) return day == 1 ? 3 : day - 1;           // Saturday
  if (weekday == 0) return day == last ? day - 2 : day + 1;  // Sunday
  return day;
}

bool year_allowed(const CronExpression& e, int year) {
  return year >= k_first_year && year <= k_last_year &&
         e.years.test(static_cast<std::size_t>(year - k_first_year));
}

// The first time of day at or after h:m:s that the expression allows.
bool next_time_of_day(const CronExpression& e, int& hour, int& minute, int& second) {
  for (int h = hour; h < 24; ++h) {
    if (!e.hours.test(static_cast<std::size_t>(h))) continue;
    for (int m = h == hour ? minute : 0; m < 60; ++m) {
      if (!e.minutes.test(static_cast<std::size_t>(m))) continue;
      for (int s = (h == hour && m == minute) ? second : 0; s < 60; ++s) {
        if (e.seconds.test(static_cast<std::size_t>(s))) {
          hour = h;
          minute = m;
          second = s;
          return true;
        }
      }
    }
  }
  return false;
}

// The first wall-clock time at or after `from` that the expression allows.
std::optional<Seconds> next_local_match(const CronExpression& e, Seconds from) {
  CivilTime t = to_civil(from);
  if (t.year < k_first_year) t = CivilTime{k_first_year, 1, 1, 0, 0, 0};
  auto next_day = [&t] {
    t.day += 1;
    t.hour = t.minute = t.second = 0;
  };
  while (t.year <= k_last_year) {
    if (!year_allowed(e, t.year)) {
      t = CivilTime{t.year + 1, 1, 1, 0, 0, 0};
    } else if (t.day > days_in_month(t.year, t.month) ||
               !e.months.test(static_cast<std::size_t>(t.month))) {
      t = t.month == 12 ? CivilTime{t.year + 1, 1, 1, 0, 0, 0}
                        : CivilTime{t.year, t.month + 1, 1, 0, 0, 0};
    } else if (!e.matches_day(t.year, t.month, t.day)) {
      next_day();
    } else if (next_time_of_day(e, t.hour, t.minute, t.second)) {
      return to_seconds(t);
    } else {
      next_day();
    }
  }
  return std::nullopt;
}

}  // namespace

bool CronExpression::matches_day(int year, int month, int day) const {
  if (!year_allowed(*this, year) || !months.test(static_cast<std::size_t>(month))) return false;
  int last = days_in_month(year, month);
  bool day_of_month = any_day_of_month;
  if (!day_of_month && last_day_of_month) {
    int target = last - last_day_offset;
    if (target >= 1 && nearest_weekday) target = weekday_nearest(year, month, target);
    day_of_month = day == target;
  } else if (!day_of_month && nearest_weekday) {
    for (int n = 1; n <= last; ++n) {
      if (days_of_month.test(static_cast<std::size_t>(n)) &&
          day == weekday_nearest(year, month, n)) {
        day_of_month = true;
      }
    }
  } else if (!day_of_month) {
    day_of_month = days_of_month.test(static_cast<std::size_t>(day));
  }
  if (!day_of_month) return false;
  if (any_day_of_week) return true;
  int weekday = weekday_of(days_from_civil(year, month, day)) + 1;  // 1 = Sunday
  if (last_weekday) return weekday == last_weekday && day + 7 > last;
  if (nth) return weekday == nth_weekday && (day - 1) / 7 + 1 == nth;
  return days_of_week.test(static_cast<std::size_t>(weekday));
}

std::optional<Seconds> next_fire_time(const CronExpression& expression, Seconds after,
                                      const TimeZone& zone) {
  Seconds from = zone.to_local(after) + 1;
  // Each round moves `from` past a wall-clock time that does not exist (or that already
  // passed, in a repeated hour), so the loop ends.
  for (;;) {
    std::optional<Seconds> local = next_local_match(expression, from);
    if (!local) return std::nullopt;
    for (Seconds instant : zone.instants_of(*local)) {
      if (instant > after) return instant;
    }
    from = *local + 1;
  }
}

bool fires_ever(const CronExpression& expression) {
  return next_local_match(expression, to_seconds(CivilTime{})).has_value();
}

}  // namespace bundlectl::validate
