// Finding a zone by its Java id, and the POSIX TZ rule of TZif footers.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <system_error>

#include "bundlectl/util/file_read.h"
#include "validate/time_zone.h"

namespace bundlectl::validate {

namespace {

namespace fs = std::filesystem;

class Reader {
 public:
  explicit Reader(std::string_view text) : m_text(text) {}
  bool done() const { return m_at >= m_text.size(); }
  char peek() const { return done() ? '\0' : m_text[m_at]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++m_at;
    return true;
  }
  std::optional<int> number() {
    if (!std::isdigit(static_cast<unsigned char>(peek()))) return std::nullopt;
    int value = 0;
    while (std::isdigit(static_cast<unsigned char>(peek())) && value < 100000) {
      value = value * 10 + (m_text[m_at++] - '0');
    }
    return value;
  }
  // A zone abbreviation: letters, or anything between < and >.
  bool name() {
    if (take('<')) {
      while (!done() && peek() != '>') ++m_at;
      return take('>');
    }
    std::size_t start = m_at;
    while (std::isalpha(static_cast<unsigned char>(peek()))) ++m_at;
    return m_at - start >= 3;
  }
  // [+-]hh[:mm[:ss]] as seconds.
  std::optional<int> duration() {
    int sign = take('-') ? -1 : (take('+'), 1);
    std::optional<int> hours = number();
    if (!hours) return std::nullopt;
    int total = *hours * 3600;
    for (int scale : {60, 1}) {
      if (!take(':')) break;
      std::optional<int> part = number();
      if (!part) return std::nullopt;
      total += *part * scale;
    }
    return sign * total;
  }
  std::optional<PosixRule::Date> date() {
    PosixRule::Date date;
    if (take('J')) {
      date.kind = 'J';
    } else if (take('M')) {
      std::optional<int> month = number(), week, day;
      if (month && take('.')) week = number();
      if (week && take('.')) day = number();
      if (!day || *month < 1 || *month > 12 || *week < 1 || *week > 5 || *day > 6)
        return std::nullopt;
      date.month = *month;
      date.week = *week;
      date.day = *day;
    } else {
      date.kind = 'D';
    }
    if (date.kind != 'M') {
      std::optional<int> day = number();
      if (!day || *day > 365) return std::nullopt;
      date.day = *day;
    }
    if (take('/')) {
      std::optional<int> time = duration();
      if (!time) return std::nullopt;
      date.time = *time;
    }
    return date;
  }

 private:
  std::string_view m_text;
  std::size_t m_at = 0;
};

// A zone file is a few KiB; anything much larger is not one.
constexpr std::size_t k_max_zone_file_bytes = std::size_t{1} << 20;

std::optional<std::string> read_file(const fs::path& path) {
  return util::read_input_file(path, k_max_zone_file_bytes).text;
}

bool is_database_id(const std::string& id) {
  if (id.empty() || id.front() == '/' || id.front() == '.' || id.find("..") != std::string::npos)
    return false;
  // posix/ and right/ are copies for the C library; posixrules and localtime are not zones.
  for (const char* excluded : {"posix/", "right/"}) {
    if (id.rfind(excluded, 0) == 0) return false;
  }
  return id != "posixrules" && id != "localtime" && id != "posix" && id != "right";
}

}  // namespace

std::optional<PosixRule> parse_posix_rule(std::string_view text) {
  Reader reader(text);
  PosixRule rule;
  if (!reader.name()) return std::nullopt;
  std::optional<int> std_offset = reader.duration();
  if (!std_offset) return std::nullopt;
  rule.std_offset = -*std_offset;  // POSIX counts west of UTC as positive
  if (reader.done()) return rule;
  if (!reader.name()) return std::nullopt;
  rule.has_dst = true;
  rule.dst_offset = rule.std_offset + 3600;
  if (reader.peek() != ',' && !reader.done()) {
    std::optional<int> dst_offset = reader.duration();
    if (!dst_offset) return std::nullopt;
    rule.dst_offset = -*dst_offset;
  }
  if (!reader.take(',')) {
    // No rule given: the United States rule POSIX implementations default to.
    rule.start = {'M', 0, 2, 3, 7200};
    rule.end = {'M', 0, 1, 11, 7200};
    return reader.done() ? std::optional<PosixRule>(rule) : std::nullopt;
  }
  std::optional<PosixRule::Date> start = reader.date();
  if (!start || !reader.take(',')) return std::nullopt;
  std::optional<PosixRule::Date> end = reader.date();
  if (!end || !reader.done()) return std::nullopt;
  rule.start = *start;
  rule.end = *end;
  return rule;
}

// Java's ZoneId grammar for offsets: Z, +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, each optionally
// after UTC, GMT or UT (which also stand alone).
std::optional<int> fixed_offset_of(std::string_view id) {
  if (id == "Z" || id == "UTC" || id == "GMT" || id == "UT") return 0;
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (id.substr(0, prefix.size()) == prefix) {
      id.remove_prefix(prefix.size());
      break;
    }
  }
  if (id.size() < 2 || (id[0] != '+' && id[0] != '-')) return std::nullopt;
  int sign = id[0] == '-' ? -1 : 1;
  std::string digits;
  std::string_view rest = id.substr(1);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != ':' || i == 0 || i + 1 == rest.size()) {
      return std::nullopt;
    }
  }
  if (digits.size() != 1 && digits.size() != 2 && digits.size() != 4 && digits.size() != 6)
    return std::nullopt;
  if (digits.size() == 1) digits = "0" + digits;
  int hours = std::stoi(digits.substr(0, 2));
  int minutes = digits.size() >= 4 ? std::stoi(digits.substr(2, 2)) : 0;
  int seconds = digits.size() == 6 ? std::stoi(digits.substr(4, 2)) : 0;
  if (hours > 18 || minutes > 59 || seconds > 59) return std::nullopt;
  int total = hours * 3600 + minutes * 60 + seconds;
  if (total > 18 * 3600) return std::nullopt;
  return sign * total;
}

std::string java_short_id_region(std::string_view id) {
  // java.time.ZoneId.SHORT_IDS, less EST, MST and HST, which the database has as zones.
  static constexpr std::pair<const char*, const char*> k_short_ids[] = {
      {"ACT", "Australia/Darwin"},
      {"AET", "Australia/Sydney"},
      {"AGT", "America/Argentina/Buenos_Aires"},
      {"ART", "Africa/Cairo"},
      {"AST", "America/Anchorage"},
      {"BET", "America/Sao_Paulo"},
      {"BST", "Asia/Dhaka"},
      {"CAT", "Africa/Harare"},
      {"CNT", "America/St_Johns"},
      {"CST", "America/Chicago"},
      {"CTT", "Asia/Shanghai"},
      {"EAT", "Africa/Addis_Ababa"},
      {"ECT", "Europe/Paris"},
      {"IET", "America/Indiana/Indianapolis"},
      {"IST", "Asia/Kolkata"},
      {"JST", "Asia/Tokyo"},
      {"MIT", "Pacific/Apia"},
      {"NET", "Asia/Yerevan"},
      {"NST", "Pacific/Auckland"},
      {"PLT", "Asia/Karachi"},
      {"PNT", "America/Phoenix"},
      {"PRT", "America/Puerto_Rico"},
      {"PST", "America/Los_Angeles"},
      {"SST", "Pacific/Guadalcanal"},
      {"VST", "Asia/Ho_Chi_Minh"}};
  for (const auto& [short_id, region] : k_short_ids) {
    if (id == short_id) return region;
  }
  return "";
}

bool zone_file_exists(const std::string& id, const fs::path& zoneinfo_dir) {
  if (!is_database_id(id)) return false;
  std::error_code error;
  fs::path path = zoneinfo_dir / id;
  if (!fs::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

ZoneLookup find_zone(const std::string& id, const fs::path& zoneinfo_dir) {
  ZoneLookup lookup;
  std::error_code error;
  if (zone_file_exists(id, zoneinfo_dir)) {
    if (std::optional<std::string> bytes = read_file(zoneinfo_dir / id)) {
      lookup.zone = TimeZone::from_tzif(*bytes);
    }
    if (lookup.zone) lookup.status = ZoneLookup::Status::Found;
    return lookup;
  }
  if (std::optional<int> offset = fixed_offset_of(id)) {
    lookup.status = ZoneLookup::Status::Found;
    lookup.zone = TimeZone::fixed(*offset);
    return lookup;
  }
  if (!fs::is_directory(zoneinfo_dir, error) || !zone_file_exists("UTC", zoneinfo_dir)) {
    lookup.status = ZoneLookup::Status::NoDatabase;
  }
  return lookup;
}

std::vector<std::string> zone_ids(const fs::path& zoneinfo_dir) {
  std::vector<std::string> ids;
  std::error_code error;
  fs::recursive_directory_iterator it(zoneinfo_dir, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::string id = it->path().lexically_relative(zoneinfo_dir).generic_string();
    if (it->is_directory(error)) {
      if (id == "posix" || id == "right") it.disable_recursion_pending();
      continue;
    }
    // Zone ids start with a capital letter; the database's tables (zone.tab, ...) do not.
    if (is_database_id(id) && std::isupper(static_cast<unsigned char>(id[0])) &&
        id.find('.') == std::string::npos) {
      ids.push_back(id);
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace bundlectl::validate
