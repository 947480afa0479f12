#include "cli/instant_flag.h"

#include <cstdio>
#include <ctime>

namespace bundlectl::cli {

namespace {

// Days from 1970-01-01 to a civil date, proleptic Gregorian (Howard Hinnant's algorithm).
long long days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<long long>(day_of_era) - 719468;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_instant(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
      consumed != 10) {
    return std::nullopt;
  }
  std::string rest = text.substr(10);
  long long offset = 0;
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
    int read = 0;
    if (std::sscanf(rest.c_str() + 1, "%2d:%2d%n", &hour, &minute, &read) != 2 || read != 5) {
      return std::nullopt;
    }
    std::string zone = rest.substr(6);
    if (zone.size() >= 3 && zone[0] == ':') {
      if (std::sscanf(zone.c_str(), ":%2d%n", &second, &read) != 1 || read != 3) {
        return std::nullopt;
      }
      zone = zone.substr(3);
    }
    int offset_hours = 0, offset_minutes = 0;
    if (zone == "Z") {
      offset = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
               std::sscanf(zone.c_str() + 1, "%2d:%2d", &offset_hours, &offset_minutes) == 2) {
      offset = (zone[0] == '-' ? -1 : 1) * (offset_hours * 3600LL + offset_minutes * 60LL);
    } else {
      return std::nullopt;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  long long seconds =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400LL +
      hour * 3600LL + minute * 60LL + second - offset;
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

}  // namespace bundlectl::cli
