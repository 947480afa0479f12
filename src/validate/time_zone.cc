#include "validate/time_zone.h"

#include <algorithm>
#include <cstdio>

namespace bundlectl::validate {

namespace {

constexpr Seconds k_day = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Big-endian integers of a TZif file.
std::int64_t read_be(const std::string& bytes, std::size_t at, int width) {
  std::uint64_t value = 0;
  for (int i = 0; i < width; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  }
  if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
  return static_cast<std::int64_t>(value);
}

// The local day (days since the epoch) a rule date falls on in `year`.
std::int64_t rule_day(const PosixRule::Date& date, int year) {
  std::int64_t jan1 = days_from_civil(year, 1, 1);
  if (date.kind == 'J') {
    // 1-365, February 29 never counted.
    int day = date.day;
    if (is_leap_year(year) && day >= 60) ++day;
    return jan1 + day - 1;
  }
  if (date.kind == 'D') return jan1 + date.day;
  std::int64_t first = days_from_civil(year, date.month, 1);
  int offset = (date.day - weekday_of(first) + 7) % 7;
  int day = 1 + offset + 7 * (date.week - 1);
  while (day > days_in_month(year, date.month)) day -= 7;
  return first + day - 1;
}

int rule_offset_at(const PosixRule& rule, Seconds instant) {
  if (!rule.has_dst) return rule.std_offset;
  int year = to_civil(instant + rule.std_offset).year;
  Seconds start = rule_day(rule.start, year) * k_day + rule.start.time - rule.std_offset;
  Seconds end = rule_day(rule.end, year) * k_day + rule.end.time - rule.dst_offset;
  bool dst =
      start < end ? (instant >= start && instant < end) : !(instant >= end && instant < start);
  return dst ? rule.dst_offset : rule.std_offset;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : k_days[month - 1];
}

// Days since the epoch, counting eras of 400 years (146097 days) from 0000-03-01 so that
// the leap day ends each counted year.
std::int64_t days_from_civil(int year, int month, int day) {
  std::int64_t y = month <= 2 ? year - 1 : year;
  std::int64_t era = floor_div(y, 400);
  std::int64_t year_of_era = y - era * 400;
  std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

int weekday_of(std::int64_t days) {
  std::int64_t weekday = (days + 4) % 7;  // 1970-01-01 was a Thursday
  return static_cast<int>(weekday < 0 ? weekday + 7 : weekday);
}

Seconds to_seconds(const CivilTime& time) {
  return days_from_civil(time.year, time.month, time.day) * k_day + time.hour * 3600 +
         time.minute * 60 + time.second;
}

CivilTime to_civil(Seconds seconds) {
  std::int64_t days = floor_div(seconds, k_day);
  std::int64_t rest = seconds - days * k_day;
  std::int64_t z = days + 719468;
  std::int64_t era = floor_div(z, 146097);
  std::int64_t day_of_era = z - era * 146097;
  std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  std::int64_t mp = (5 * day_of_year + 2) / 153;
  CivilTime time;
  time.day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  time.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  time.year = static_cast<int>(year_of_era + era * 400 + (time.month <= 2 ? 1 : 0));
  time.hour = static_cast<int>(rest / 3600);
  time.minute = static_cast<int>(rest / 60 % 60);
  time.second = static_cast<int>(rest % 60);
  return time;
}

std::string iso8601(Seconds instant, int offset_seconds, bool utc_z) {
  CivilTime t = to_civil(instant + offset_seconds);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour,
                t.minute, t.second);
  std::string result = text;
  if (utc_z && offset_seconds == 0) return result + "Z";
  int magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  std::snprintf(text, sizeof text, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', magnitude / 3600,
                magnitude / 60 % 60);
  result += text;
  if (magnitude % 60) {
    std::snprintf(text, sizeof text, ":%02d", magnitude % 60);
    result += text;
  }
  return result;
}

TimeZone TimeZone::fixed(int offset_seconds) {
  TimeZone zone;
  zone.m_fixed = offset_seconds;
  return zone;
}

// RFC 8536: a version 1 block of 32-bit times, then (version 2 and later) the same data with
// 64-bit times, then a POSIX TZ string between newlines for the times after the last one.
std::optional<TimeZone> TimeZone::from_tzif(const std::string& bytes) {
  auto header = [&](std::size_t at, std::size_t counts[6]) {
    if (bytes.size() < at + 44 || bytes.compare(at, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; ++i)
      counts[i] = static_cast<std::size_t>(read_be(bytes, at + 20 + 4 * i, 4));
    return true;
  };
  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  std::size_t counts[6];
  if (!header(0, counts)) return std::nullopt;
  auto block_size = [&](int time_width) {
    return counts[3] * (time_width + 1) + counts[4] * 6 + counts[5] + counts[2] * (time_width + 4) +
           counts[1] + counts[0];
  };
  std::size_t at = 44;
  int width = 4;
  if (bytes[4] >= '2') {
    at += block_size(4);
    if (!header(at, counts)) return std::nullopt;
    at += 44;
    width = 8;
  }
  if (bytes.size() < at + block_size(width) || counts[4] == 0) return std::nullopt;
  TimeZone zone;
  std::size_t time_count = counts[3];
  for (std::size_t i = 0; i < time_count; ++i) {
    zone.m_transitions.push_back(read_be(bytes, at + i * width, width));
  }
  at += time_count * width;
  for (std::size_t i = 0; i < time_count; ++i) {
    auto type = static_cast<std::uint8_t>(bytes[at + i]);
    if (type >= counts[4]) return std::nullopt;
    zone.m_type_of.push_back(type);
  }
  at += time_count;
  for (std::size_t i = 0; i < counts[4]; ++i) {
    zone.m_type_offsets.push_back(static_cast<int>(read_be(bytes, at + i * 6, 4)));
  }
  at += block_size(width) - time_count * (width + 1);
  if (width == 8 && at < bytes.size() && bytes[at] == '\n') {
    std::size_t end = bytes.find('\n', at + 1);
    if (end != std::string::npos)
      zone.m_rule = parse_posix_rule(bytes.substr(at + 1, end - at - 1));
  }
  zone.m_fixed = zone.m_type_offsets[0];
  return zone;
}

int TimeZone::offset_at(Seconds instant) const {
  if (m_transitions.empty() || instant < m_transitions.front()) {
    if (m_transitions.empty() && m_rule) return rule_offset_at(*m_rule, instant);
    return m_type_offsets.empty() ? m_fixed : m_type_offsets[0];
  }
  if (instant >= m_transitions.back() && m_rule) return rule_offset_at(*m_rule, instant);
  auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), instant);
  std::size_t index = static_cast<std::size_t>(it - m_transitions.begin()) - 1;
  return m_type_offsets[m_type_of[index]];
}

// An instant t shows `local` when t + offset_at(t) == local. The offsets around `local`
// are the candidates; transitions less than a day apart do not occur in current rules.
std::vector<Seconds> TimeZone::instants_of(Seconds local) const {
  std::vector<Seconds> found;
  for (Seconds probe : {local - k_day, local, local + k_day}) {
    Seconds candidate = local - offset_at(probe);
    if (candidate + offset_at(candidate) == local &&
        std::find(found.begin(), found.end(), candidate) == found.end()) {
      found.push_back(candidate);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace bundlectl::validate
