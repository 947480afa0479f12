// schedule.*: Quartz cron expressions that Databricks would reject or that never fire, and
// time zone ids that are not Java zone ids.
//
// Java zone ids are case-sensitive (java.time.ZoneId.of("utc") fails), so an id that only
// differs in case from a real one is an error with the right spelling suggested; the one
// exception is a spelling of UTC or GMT, a warning, because java.util.TimeZone would read it
// as GMT, the same clock. Development mode pauses schedules while loading, so an unpaused
// schedule there is not a finding.
#include <chrono>
#include <map>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"
#include "validate/quartz_cron.h"
#include "validate/schedule_sites.h"

namespace bundlectl::validate {

namespace {

using core::Severity;

const char* const k_timezone_key = "timezone_id";

bool is_utc_spelling(const std::string& id) {
  std::string lower = util::to_lower(id);
  return lower == "utc" || lower == "gmt" || lower == "z" || lower == "etc/utc" ||
         lower == "etc/gmt" || lower == "ut";
}

class ScheduleChecker {
 public:
  ScheduleChecker(const config::Bundle& bundle, std::filesystem::path zoneinfo_dir, Seconds now,
                  core::Diagnostics& diagnostics)
      : m_bundle(bundle), m_zoneinfo(std::move(zoneinfo_dir)), m_now(now), m_out(diagnostics) {}

  void check(const ScheduleSite& site) {
    if (const core::Value* cron = site.settings.find(site.expression_key)) {
      check_expression(*cron, site.path.key(site.expression_key));
    }
    if (const core::Value* zone = site.settings.find(k_timezone_key)) {
      check_zone(*zone, site.path.key(k_timezone_key));
    }
  }

 private:
  void check_expression(const core::Value& value, const core::Path& path) {
    if (!value.is_string() || is_unresolved(value)) return;
    const std::string& text = value.as_string();
    CronParse parsed = parse_quartz_cron(text);
    if (!parsed.expression) {
      m_out.add(finding(Severity::Error, "schedule.invalid-cron",
                        "invalid cron expression " + util::quoted(text) + ": " + parsed.error,
                        m_bundle, value, path));
      return;
    }
    if (!fires_ever(*parsed.expression)) {
      m_out.add(finding(Severity::Warning, "schedule.never-fires",
                        "cron expression " + util::quoted(text) +
                            " never fires: no date from 1970 to 2099 matches it",
                        m_bundle, value, path));
    } else if (!next_fire_time(*parsed.expression, m_now, TimeZone::utc())) {
      m_out.add(finding(Severity::Warning, "schedule.never-fires",
                        "cron expression " + util::quoted(text) +
                            " never fires again: every date it matches is in the past",
                        m_bundle, value, path));
    }
  }

  void check_zone(const core::Value& value, const core::Path& path) {
    if (!value.is_string() || is_unresolved(value)) return;
    const std::string& id = value.as_string();
    if (std::string region = java_short_id_region(id); !region.empty()) {
      m_out.add(finding(Severity::Warning, "schedule.deprecated-timezone",
                        "timezone_id " + util::quoted(id) +
                            " is a deprecated three-letter Java id, use " + util::quoted(region),
                        m_bundle, value, path));
      return;
    }
    ZoneLookup::Status status = lookup(id);
    if (status == ZoneLookup::Status::Found) return;
    if (status == ZoneLookup::Status::NoDatabase) {
      if (!m_reported_no_database) {
        m_reported_no_database = true;
        m_out.add(finding(Severity::Warning, "schedule.no-tz-database",
                          "cannot check timezone_id values: no time zone database in " +
                              m_zoneinfo.string() + " (install the tzdata package)",
                          m_bundle, value, path));
      }
      return;
    }
    std::string suggestion = suggest(id);
    bool utc = is_utc_spelling(id);
    m_out.add(
        finding(utc ? Severity::Warning : Severity::Error, "schedule.unknown-timezone",
                "unknown timezone_id " + util::quoted(id) +
                    (suggestion.empty() ? "" : ", did you mean " + util::quoted(suggestion) + "?"),
                m_bundle, value, path,
                "timezone_id is a Java zone id such as \"UTC\", \"Europe/Amsterdam\" or "
                "\"America/Los_Angeles\"; ids are case-sensitive"));
  }

  ZoneLookup::Status lookup(const std::string& id) {
    auto it = m_known.find(id);
    if (it != m_known.end()) return it->second;
    ZoneLookup::Status status = ZoneLookup::Status::Found;
    if (!zone_file_exists(id, m_zoneinfo) && !fixed_offset_of(id)) {
      status = find_zone(id, m_zoneinfo).status;
    }
    return m_known[id] = status;
  }

  // A different spelling of a real id, else the nearest one (loaded only when needed).
  std::string suggest(const std::string& id) {
    if (is_utc_spelling(id)) return "UTC";
    if (m_ids.empty()) m_ids = zone_ids(m_zoneinfo);
    std::string lower = util::to_lower(id);
    for (const std::string& candidate : m_ids) {
      if (util::to_lower(candidate) == lower) return candidate;
    }
    return util::nearest(id, m_ids);
  }

  const config::Bundle& m_bundle;
  std::filesystem::path m_zoneinfo;
  Seconds m_now;
  core::Diagnostics& m_out;
  std::map<std::string, ZoneLookup::Status> m_known;
  std::vector<std::string> m_ids;
  bool m_reported_no_database = false;
};

}  // namespace

void check_schedules_with(const config::Bundle& bundle, const std::filesystem::path& zoneinfo_dir,
                          Seconds now, core::Diagnostics& diagnostics) {
  ScheduleChecker checker(bundle, zoneinfo_dir, now, diagnostics);
  for_each_schedule(bundle, [&checker](const ScheduleSite& site) { checker.check(site); });
}

void check_schedules(const CheckContext& context, core::Diagnostics& diagnostics) {
  Seconds now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  check_schedules_with(context.bundle, k_zoneinfo_dir, now, diagnostics);
}

}  // namespace bundlectl::validate
