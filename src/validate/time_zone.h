// Civil time arithmetic and the time zones schedules are resolved in: the IANA database as
// compiled into TZif files (/usr/share/zoneinfo), read directly rather than through the C
// library's process-wide TZ setting, so that concurrent checks can convert times safely.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bundlectl::validate {

// Seconds since 1970-01-01T00:00:00, either an instant (UTC) or a wall-clock reading
// (local time counted as if it were UTC).
using Seconds = std::int64_t;

struct CivilTime {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  int hour = 0;
  int minute = 0;
  int second = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
std::int64_t days_from_civil(int year, int month, int day);  // days since 1970-01-01
int weekday_of(std::int64_t days);                           // 0 = Sunday ... 6 = Saturday
Seconds to_seconds(const CivilTime& time);
CivilTime to_civil(Seconds seconds);
// "2026-11-24T02:00:00+01:00" for an instant shown at a UTC offset; "...Z" with utc_z and 0.
std::string iso8601(Seconds instant, int offset_seconds, bool utc_z = false);

// The default place of the compiled time zone database.
inline const char* const k_zoneinfo_dir = "/usr/share/zoneinfo";

// The rule of a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3"), which TZif files carry for
// the times after their last transition.
struct PosixRule {
  int std_offset = 0;  // seconds east of UTC
  int dst_offset = 0;
  bool has_dst = false;
  struct Date {
    char kind = 'M';  // 'J': Julian day 1-365 without Feb 29; 'D': day 0-365; 'M': month.week.day
    int day = 0, week = 0, month = 0;
    int time = 7200;  // seconds after local midnight; may be negative or beyond 24 h
  };
  Date start, end;
};
std::optional<PosixRule> parse_posix_rule(std::string_view text);

class TimeZone {
 public:
  static TimeZone utc() { return fixed(0); }
  static TimeZone fixed(int offset_seconds);
  // Reads a TZif file; nullopt when it is not one.
  static std::optional<TimeZone> from_tzif(const std::string& bytes);

  // The UTC offset in effect at an instant, in seconds east of UTC.
  int offset_at(Seconds instant) const;
  // The instants whose wall-clock reading is `local`, earliest first: none in a gap when
  // clocks spring forward, two in the hour that repeats when they fall back.
  std::vector<Seconds> instants_of(Seconds local) const;
  Seconds to_local(Seconds instant) const { return instant + offset_at(instant); }

 private:
  std::vector<Seconds> m_transitions;   // ascending
  std::vector<std::uint8_t> m_type_of;  // the type that starts at each transition
  std::vector<int> m_type_offsets;      // UTC offset of each type
  std::optional<PosixRule> m_rule;      // after the last transition
  int m_fixed = 0;
};

// What a `timezone_id` names. Java zone ids are the IANA names (links such as "US/Pacific"
// included), plus "Z", "UTC", "GMT", "UT" and fixed offsets ("+01:00", "GMT+2", "UTC-05:30").
struct ZoneLookup {
  enum class Status { Found, Unknown, NoDatabase };
  Status status = Status::Unknown;
  std::optional<TimeZone> zone;
};
ZoneLookup find_zone(const std::string& id, const std::filesystem::path& zoneinfo_dir);

// The region a deprecated three-letter Java id stands for ("PST" -> "America/Los_Angeles"),
// for the ids that are not also zones of the database; "" for any other id.
std::string java_short_id_region(std::string_view id);

// True when `id` is a file of the database: TZif, and not under posix/ or right/.
bool zone_file_exists(const std::string& id, const std::filesystem::path& zoneinfo_dir);
// A fixed-offset id in Java's grammar, as seconds east of UTC.
std::optional<int> fixed_offset_of(std::string_view id);
// Every zone id of the database, sorted, for suggestions.
std::vector<std::string> zone_ids(const std::filesystem::path& zoneinfo_dir);

}  // namespace bundlectl::validate
