#include "validate/schedule_sites.h"

#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

struct SiteKind {
  const char* resource_type;
  const char* key;     // the settings: resource.key, or resource.key.subkey
  const char* subkey;  // nullptr when the settings are resource.key
  const char* expression_key;
  bool has_pause_status;
};

// A job's trigger has no cron (the Jobs API schedules a job with `schedule`; the Databricks
// CLI reports `trigger.cron` as an unknown field), so it is not a site.

const SiteKind k_sites[] = {
    {"jobs", "schedule", nullptr, "quartz_cron_expression", true},
    {"pipelines", "trigger", "cron", "quartz_cron_schedule", false},
    {"quality_monitors", "schedule", nullptr, "quartz_cron_expression", true},
    {"alerts", "schedule", nullptr, "quartz_cron_schedule", true},
};

}  // namespace

bool is_unresolved(const core::Value& value) {
  return value.is_string() && value.as_string().find("${") != std::string::npos;
}

void for_each_schedule(const config::Bundle& bundle,
                       const std::function<void(const ScheduleSite&)>& visit) {
  // Resources in file order, each with its sites in the order of k_sites.
  for (const char* type : {"jobs", "pipelines", "quality_monitors", "alerts"}) {
    for_each_resource(bundle, type,
                      [&](const std::string&, const core::Value& resource, const core::Path& path) {
                        for (const SiteKind& kind : k_sites) {
                          if (std::string_view(kind.resource_type) != type) continue;
                          const core::Value* settings = resource.find(kind.key);
                          core::Path site_path = path.key(kind.key);
                          if (settings && kind.subkey) {
                            settings = settings->find(kind.subkey);
                            site_path = site_path.key(kind.subkey);
                          }
                          if (!settings || !settings->is_mapping()) continue;
                          const core::Value* pause =
                              kind.has_pause_status ? settings->find("pause_status") : nullptr;
                          visit(ScheduleSite{*settings, site_path, kind.expression_key, pause,
                                             kind.has_pause_status});
                        }
                      });
  }
}

}  // namespace bundlectl::validate
