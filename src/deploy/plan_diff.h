// The field diff of an update: which fields of a resource's spec changed between the spec
// last applied and the one rendered now, named so that a reviewer finds them in the YAML.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "bundlectl/deploy/plan.h"

namespace bundlectl::deploy {

// Changed leaves and subtrees, in the order of `after` (then what only `before` has):
//  - objects are compared field by field ("timeout_seconds", "queue.enabled");
//  - arrays of objects with a natural key are matched by it, whatever their order
//    ("tasks[task_key='ingest'].notebook_task.notebook_path"); other arrays of objects and of
//    arrays by position ("libraries[0].notebook.path"); arrays of scalars as one value;
//  - a field only one side has is one change whose other side is null (added or removed);
//  - a scalar that differs is one change, old and new.
// A `before` that is not an object (a resource adopted without a spec) counts as empty.
std::vector<FieldChange> diff_specs(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace bundlectl::deploy
