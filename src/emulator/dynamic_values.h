// Dynamic value references in task parameters ("Parameterize jobs"): `{{job.parameters.x}}`,
// `{{job.start_time.iso_date}}`, `{{tasks.X.values.k}}` and the others listed in
// docs/emulator.md, resolved when a task starts. A reference the emulator cannot resolve is
// left as written, so a test sees exactly which one it was.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "emulator/run.h"

namespace bundlectl::emulator {

struct ValueScope {
  const Run& run;
  const TaskRun* task = nullptr;          // the task being resolved: {{task.name}}
  const nlohmann::json* input = nullptr;  // a for_each iteration's input: {{input}}
};

std::string resolve_references(const std::string& text, const ValueScope& scope);
// Resolves every string inside `value` (objects and arrays walked), keys untouched.
nlohmann::json resolve_all(const nlohmann::json& value, const ValueScope& scope);

// The UTC calendar fields of a millisecond timestamp, as `{{job.start_time.<field>}}` names
// them: iso_date, iso_datetime, year, month, day, hour, minute, second, timestamp_ms,
// iso_weekday (Monday 1 to Sunday 7), is_weekday. Empty for an unknown field.
std::string time_field(std::int64_t epoch_ms, const std::string& field);

}  // namespace bundlectl::emulator
