// Where a bundle schedules things with Quartz cron: job schedules, pipeline cron triggers, quality
// monitor and alert schedules. The schedule check and `validate --explain-schedules` walk them the
// same way.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "bundlectl/config/bundle.h"
#include "bundlectl/core/diagnostic.h"
#include "validate/time_zone.h"

namespace bundlectl::validate {

struct ScheduleSite {
  const core::Value& settings;      // the mapping holding the expression and the zone
  core::Path path;                  // resources.jobs.x.schedule
  const char* expression_key;       // quartz_cron_expression, or quartz_cron_schedule
  const core::Value* pause_status;  // nullptr when the resource has none (pipelines)
  bool has_pause_status;            // whether the resource type has a pause status at all
};

void for_each_schedule(const config::Bundle& bundle,
                       const std::function<void(const ScheduleSite&)>& visit);

// A string value that interpolation left as written ("${var.cron}"): nothing to check.
bool is_unresolved(const core::Value& value);

// The schedule check with its inputs spelled out, for tests: the zone database to use and
// the time "never fires again" is measured from.
void check_schedules_with(const config::Bundle& bundle, const std::filesystem::path& zoneinfo_dir,
                          Seconds now, core::Diagnostics& diagnostics);

}  // namespace bundlectl::validate
