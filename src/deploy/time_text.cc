#include "deploy/time_text.h"

#include <cstdio>
#include <ctime>
#include <random>

namespace bundlectl::deploy {
namespace {

bool read_digits(const std::string& text, std::size_t& at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  at += count;
  return true;
}

bool expect(const std::string& text, std::size_t& at, char wanted) {
  if (at >= text.size() || text[at] != wanted) return false;
  ++at;
  return true;
}

// The offset east of UTC in seconds, read from "Z", "+HH:MM" or "-HH:MM".
std::optional<long> read_offset(const std::string& text, std::size_t at) {
  if (text.size() == at + 1 && (text[at] == 'Z' || text[at] == 'z')) return 0L;
  if (text.size() != at + 6 || (text[at] != '+' && text[at] != '-')) return std::nullopt;
  const long sign = text[at] == '+' ? 1 : -1;
  ++at;
  int hours = 0;
  int minutes = 0;
  if (!read_digits(text, at, 2, hours) || !expect(text, at, ':') ||
      !read_digits(text, at, 2, minutes)) {
    return std::nullopt;
  }
  return sign * (hours * 3600L + minutes * 60L);
}

}  // namespace

std::string rfc3339(WallTime time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::optional<WallTime> parse_rfc3339(const std::string& text) {
  std::tm parts{};
  std::size_t at = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, at, 4, year) || !expect(text, at, '-') ||
      !read_digits(text, at, 2, month) || !expect(text, at, '-') ||
      !read_digits(text, at, 2, day) || !(expect(text, at, 'T') || expect(text, at, 't')) ||
      !read_digits(text, at, 2, hour) || !expect(text, at, ':') ||
      !read_digits(text, at, 2, minute) || !expect(text, at, ':') ||
      !read_digits(text, at, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;  // below a second
  }
  const std::optional<long> offset = read_offset(text, at);
  if (!offset) return std::nullopt;
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_sec = second;
  const std::time_t utc = timegm(&parts) - *offset;
  return std::chrono::system_clock::from_time_t(utc);
}

std::string random_uuid() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> byte(0, 255);
  unsigned char bytes[16];
  for (unsigned char& b : bytes) b = static_cast<unsigned char>(byte(device));
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

}  // namespace bundlectl::deploy
