// Plain-English descriptions of Quartz cron expressions: exact for the common shapes (a time
// of day, every n minutes, weekdays, the last day of the month), literal for the rest.
#include <cstdio>
#include <vector>

#include "bundlectl/util/strings.h"
#include "validate/quartz_cron.h"

namespace bundlectl::validate {

namespace {

constexpr const char* k_months[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};
constexpr const char* k_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                  "Thursday", "Friday", "Saturday"};
constexpr const char* k_ordinals[] = {"first", "second", "third", "fourth", "fifth"};

template <std::size_t N>
std::vector<int> values_of(const std::bitset<N>& bits) {
  std::vector<int> values;
  for (std::size_t i = 0; i < N; ++i) {
    if (bits.test(i)) values.push_back(static_cast<int>(i));
  }
  return values;
}

std::string two_digits(int value) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", value);
  return text;
}

// "a", "a and b", "a, b and c"
std::string listing(const std::vector<std::string>& words) {
  if (words.size() <= 1) return words.empty() ? "" : words[0];
  std::vector<std::string> head(words.begin(), words.end() - 1);
  return util::join(head, ", ") + " and " + words.back();
}

// Names of the allowed values, runs of three or more as "x to y".
std::vector<std::string> named_runs(const std::vector<int>& values, const char* const* names,
                                    int first_value) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < values.size();) {
    std::size_t j = i;
    while (j + 1 < values.size() && values[j + 1] == values[j] + 1) ++j;
    if (j - i >= 2) {
      words.push_back(std::string(names[values[i] - first_value]) + " to " +
                      names[values[j] - first_value]);
    } else {
      for (std::size_t k = i; k <= j; ++k) words.push_back(names[values[k] - first_value]);
    }
    i = j + 1;
  }
  return words;
}

// "*/15" or "0/15" in a field whose values start at 0: every 15.
int simple_step(const std::string& field) {
  std::size_t slash = field.find('/');
  if (slash == std::string::npos) return 0;
  std::string start = field.substr(0, slash);
  if (start != "*" && start != "0" && !start.empty()) return 0;
  return std::atoi(field.c_str() + slash + 1);
}

std::string describe_time(const CronExpression& e) {
  std::vector<int> hours = values_of(e.hours), minutes = values_of(e.minutes),
                   seconds = values_of(e.seconds);
  if (hours.size() * minutes.size() * seconds.size() <= 4) {
    std::vector<std::string> times;
    for (int h : hours) {
      for (int m : minutes) {
        for (int s : seconds) {
          times.push_back(two_digits(h) + ":" + two_digits(m) + (s ? ":" + two_digits(s) : ""));
        }
      }
    }
    return "at " + listing(times);
  }
  std::vector<std::string> parts;
  if (seconds.size() == 60) {
    parts.push_back("every second");
  } else if (int step = simple_step(e.fields[0])) {
    parts.push_back("every " + std::to_string(step) + " seconds");
  } else if (seconds != std::vector<int>{0}) {
    parts.push_back("at second " + e.fields[0]);
  }
  if (minutes.size() == 60) {
    if (parts.empty()) parts.push_back("every minute");
  } else if (int step = simple_step(e.fields[1]); step && seconds.size() == 1) {
    parts.push_back("every " + std::to_string(step) + " minutes");
  } else if (minutes.size() == 1 && hours.size() == 24) {
    parts.push_back("at minute " + std::to_string(minutes[0]) + " of every hour");
  } else {
    parts.push_back("at minute " + e.fields[1]);
  }
  if (hours.size() == 1) {
    parts.push_back("during hour " + two_digits(hours[0]));
  } else if (hours.size() != 24) {
    parts.push_back("hours " + e.fields[2]);
  }
  return util::join(parts, ", ");
}

std::string describe_days(const CronExpression& e) {
  std::string text;
  if (e.last_day_of_month) {
    text = e.nearest_weekday ? "the weekday nearest " : "";
    text += e.last_day_offset ? std::to_string(e.last_day_offset) + " days before the last day"
                              : "the last day";
    text = "on " + text + " of the month";
    if (e.nearest_weekday && !e.last_day_offset) text = "on the last weekday of the month";
  } else if (e.nearest_weekday) {
    text = "on the weekday nearest day " + std::to_string(values_of(e.days_of_month).front()) +
           " of the month";
  } else if (e.last_weekday) {
    text = std::string("on the last ") + k_days[e.last_weekday - 1] + " of the month";
  } else if (e.nth) {
    text = std::string("on the ") + k_ordinals[e.nth - 1] + " " + k_days[e.nth_weekday - 1] +
           " of the month";
  } else if (!e.any_day_of_month) {
    std::vector<std::string> days;
    for (int day : values_of(e.days_of_month)) days.push_back(std::to_string(day));
    text = (days.size() == 1 ? "on day " : "on days ") + listing(days) + " of the month";
  } else if (!e.any_day_of_week) {
    text = "on " + listing(named_runs(values_of(e.days_of_week), k_days, 1));
  } else {
    text = "every day";
  }
  if (e.months.count() != 12) {
    text += ", in " + listing(named_runs(values_of(e.months), k_months, 1));
  }
  if (e.has_year) text += ", in " + (e.years.count() == 1 ? e.fields[6] : "years " + e.fields[6]);
  return text;
}

}  // namespace

std::string describe(const CronExpression& expression) {
  return describe_time(expression) + ", " + describe_days(expression);
}

}  // namespace bundlectl::validate
