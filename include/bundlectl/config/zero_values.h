// The zero values the Databricks CLI shows for required fields a bundle leaves out.
#pragma once

#include "bundlectl/core/value.h"

namespace bundlectl::config {

// In every resource, each map that is an object of the Jobs, Pipelines or Compute APIs gets
// the zero value ("", 0, false) of each required scalar field it lacks: the CLI's typed
// configuration has those fields without `omitempty`, so its resolved configuration always
// shows them (a task without task_key has "task_key": ""). Applied to what validate prints,
// after the checks, which still report the field as not set.
void add_required_zero_values(core::Value& config);

}  // namespace bundlectl::config
