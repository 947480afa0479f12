// The field diff of an update: which fields of a resource's spec changed between the spec
// last applied and the one rendered now, named so that a reviewer finds them in the YAML.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "bundlectl/deploy/plan.h"

namespace bundlectl::deploy {

// The fields that name an element of the lists bundles merge by key (tasks, job_clusters,
// environments, parameters, pipeline clusters) and of the task dependencies inside tasks.
inline constexpr std::array<const char*, 5> k_natural_keys = {"task_key", "job_cluster_key",
                                                              "environment_key", "name", "label"};

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
