// What each task runs and on what: exactly one task type, and compute where the type needs it.
#include <algorithm>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"
#include "validate/task_walk.h"

namespace bundlectl::validate {

using core::Severity;
using core::Value;

namespace {

bool set_text(const Value* value) {
  return value && value->is_scalar() && !value->is_null() && !value->scalar_text().empty();
}

// Types that run code on a cluster and have no serverless form (spark-submit) or one that
// needs an environment_key (JAR tasks).
bool needs_cluster(const std::string& type) {
  return type == "spark_jar_task" || type == "spark_submit_task";
}

// Types that run on serverless compute without a cluster, but only with an environment.
bool needs_environment_on_serverless(const std::string& type) {
  return type == "spark_python_task" || type == "python_wheel_task" || type == "dbt_task";
}

void check_types(const TaskSite& site, const std::vector<std::string>& types,
                 const config::Bundle& bundle, core::Diagnostics& diagnostics) {
  std::string key = task_key_of(site.task);
  std::string name = key.empty() ? "the task" : "task " + util::quoted(key);
  if (types.empty()) {
    diagnostics.add(finding(Severity::Error, "tasks.no-type", name + " has no task type", bundle,
                            site.task, site.path(),
                            "Set exactly one of: " + util::join(task_type_fields(), ", ") + "."));
  } else if (types.size() > 1) {
    // Points at the second type: the first one is where most readers expect the type.
    diagnostics.add(finding(Severity::Error, "tasks.many-types",
                            name + " has more than one task type: " + util::join(types, ", "),
                            bundle, *site.task.find(types[1]), site.path().key(types[1]),
                            "A task runs one thing; split it into tasks that depend on each "
                            "other."));
  }
}

void check_compute(const TaskSite& site, const std::vector<std::string>& types,
                   const config::Bundle& bundle, core::Diagnostics& diagnostics) {
  const Value& task = site.task;
  const Value* existing = task.find("existing_cluster_id");
  if (existing && existing->is_string() && util::trim(existing->as_string()).empty()) {
    diagnostics.add(finding(Severity::Warning, "tasks.empty-existing-cluster-id",
                            "existing_cluster_id is empty", bundle, *existing,
                            site.path().key("existing_cluster_id"),
                            "An empty cluster id is left out when the job is deployed, as if "
                            "it were not set."));
  }
  const Value* new_cluster = task.find("new_cluster");
  // A target's cluster_id replaces the compute of tasks that have some, never adds one.
  bool cluster = set_text(task.find("job_cluster_key")) ||
                 (set_text(existing) && !util::trim(existing->scalar_text()).empty()) ||
                 (new_cluster && new_cluster->is_mapping());
  if (cluster) return;
  bool environment = set_text(task.find("environment_key"));
  if (types.size() != 1) return;  // reported by check_types
  const std::string& type = types[0];
  std::string key = task_key_of(task);
  if (needs_cluster(type) && !(type == "spark_jar_task" && environment)) {
    diagnostics.add(finding(
        Severity::Error, "tasks.missing-compute",
        "task " + util::quoted(key) + " has no cluster to run its " + type, bundle, task,
        site.path(),
        "Set job_cluster_key, existing_cluster_id or new_cluster" +
            std::string(type == "spark_jar_task" ? " (or environment_key for serverless)" : "") +
            "."));
  } else if (needs_environment_on_serverless(type) && !environment) {
    diagnostics.add(finding(
        Severity::Warning, "tasks.serverless-without-environment",
        "task " + util::quoted(key) + " runs its " + type +
            " on serverless compute without an environment_key",
        bundle, *task.find(type), site.path().key(type),
        "The Jobs API documents environment_key as required for Python script, Python wheel "
        "and dbt tasks on serverless compute. Add an entry to the job's environments and name "
        "it in environment_key, or give the task a cluster."));
  }
}

}  // namespace

void check_task_types(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_job_task(context.bundle, [&](const TaskSite& site) {
    std::vector<std::string> types = task_types_of(site.task);
    check_types(site, types, context.bundle, diagnostics);
    check_compute(site, types, context.bundle, diagnostics);
  });
}

}  // namespace bundlectl::validate
