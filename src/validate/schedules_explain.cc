#include <string>
#include <vector>

#include "bundlectl/validate/schedules.h"
#include "validate/quartz_cron.h"
#include "validate/schedule_sites.h"

namespace bundlectl::validate {

namespace {

constexpr const char* k_indent = "             ";  // lines up with the values below

std::string text_of(const core::Value* value) {
  return value && value->is_scalar() ? value->scalar_text() : "";
}

// The zone a schedule resolves in, or why there is none.
std::optional<TimeZone> resolve_zone(const std::string& id, std::string& shown, std::string& why) {
  if (id.empty()) {
    shown = "(not set, UTC assumed)";
    return TimeZone::utc();
  }
  shown = id;
  if (id.find("${") != std::string::npos) {
    why = "unknown until " + id + " is resolved";
    return std::nullopt;
  }
  std::string lookup_id = id;
  if (std::string region = java_short_id_region(id); !region.empty()) {
    shown += " (deprecated Java id for " + region + ")";
    lookup_id = region;
  }
  ZoneLookup lookup = find_zone(lookup_id, k_zoneinfo_dir);
  if (lookup.zone) return lookup.zone;
  why = lookup.status == ZoneLookup::Status::NoDatabase
            ? std::string("the time zone database is not installed")
            : "unknown time zone " + id;
  return std::nullopt;
}

void explain_site(const config::Bundle& bundle, const ScheduleSite& site, std::ostream& out,
                  Seconds now, int count) {
  out << site.path.to_string();
  if (site.settings.location().known()) {
    const core::Location& at = site.settings.location();
    out << " (" << bundle.display_path(bundle.files.path(at.file)) << ":" << at.line << ":"
        << at.column << ")";
  }
  out << "\n";
  std::string text = text_of(site.settings.find(site.expression_key));
  CronParse parsed;
  if (text.find("${") == std::string::npos) parsed = parse_quartz_cron(text);
  out << "  cron:      " << (text.empty() ? "(not set)" : text);
  if (parsed.expression) out << "  (" << describe(*parsed.expression) << ")";
  out << "\n";
  std::string zone_shown, why;
  std::optional<TimeZone> zone =
      resolve_zone(text_of(site.settings.find("timezone_id")), zone_shown, why);
  out << "  time zone: " << zone_shown << "\n";
  if (site.has_pause_status) {
    std::string pause = text_of(site.pause_status);
    out << "  pause:     " << (pause.empty() ? "UNPAUSED (default)" : pause) << "\n";
  }
  if (!parsed.expression) {
    why = text.empty() || text.find("${") != std::string::npos
              ? "unknown until the expression is set"
              : "invalid cron expression: " + parsed.error;
  }
  std::vector<std::string> lines;
  if (why.empty()) {
    Seconds after = now;
    for (int i = 0; i < count; ++i) {
      std::optional<Seconds> next = next_fire_time(*parsed.expression, after, *zone);
      if (!next) break;
      lines.push_back(iso8601(*next, zone->offset_at(*next)) + "  " + iso8601(*next, 0, true));
      after = *next;
    }
    if (lines.empty()) why = fires_ever(*parsed.expression) ? "never fires again" : "never fires";
  }
  if (!why.empty()) lines = {why};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out << (i == 0 ? "  next runs: " : k_indent) << lines[i] << "\n";
  }
}

}  // namespace

void explain_schedules(const config::Bundle& bundle, std::ostream& out,
                       std::chrono::system_clock::time_point now, int count) {
  Seconds seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  bool first = true;
  for_each_schedule(bundle, [&](const ScheduleSite& site) {
    if (!first) out << "\n";
    first = false;
    explain_site(bundle, site, out, seconds, count);
  });
  if (first) out << "No schedules.\n";
}

}  // namespace bundlectl::validate
