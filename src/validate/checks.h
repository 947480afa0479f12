// The checks of the validate phase, one function per concern, each in its own file. The list
// in checks.cc runs them; each reads the bundle and reports all of its findings.
#pragma once

#include "bundlectl/validate/validate.h"

namespace bundlectl::validate {

struct CheckContext {
  const config::Bundle& bundle;
  const Options& options;
};

using CheckFunction = void (*)(const CheckContext& context, core::Diagnostics& diagnostics);

struct Check {
  const char* name;
  CheckFunction run;
};

// Jobs' tasks: keys, depends_on, cycles, run_if and outcome (task_graph.cc).
void check_task_graph(const CheckContext& context, core::Diagnostics& diagnostics);
// Jobs' tasks: one task type each, compute where the type needs it (task_types.cc).
void check_task_types(const CheckContext& context, core::Diagnostics& diagnostics);
// Jobs' tasks: job clusters, environments and jobs they name (task_references.cc).
void check_task_references(const CheckContext& context, core::Diagnostics& diagnostics);
// Jobs' for_each tasks: inputs, nested task, concurrency, retries (for_each.cc).
void check_for_each(const CheckContext& context, core::Diagnostics& diagnostics);
// schedule.*: Quartz cron expressions and time zone ids (schedules_check.cc).
void check_schedules(const CheckContext& context, core::Diagnostics& diagnostics);
// Dynamic value references, job parameters, notifications, paths, permissions, run_as.
void check_dynamic_refs(const CheckContext& context, core::Diagnostics& diagnostics);
void check_job_parameters(const CheckContext& context, core::Diagnostics& diagnostics);
void check_notifications(const CheckContext& context, core::Diagnostics& diagnostics);
void check_health(const CheckContext& context, core::Diagnostics& diagnostics);
void check_paths(const CheckContext& context, core::Diagnostics& diagnostics);
void check_permissions(const CheckContext& context, core::Diagnostics& diagnostics);
void check_run_as(const CheckContext& context, core::Diagnostics& diagnostics);
// Resources' identifiers, required fields, etags, reserved deployment fields, grants and
// serving endpoints, as the Databricks CLI checks them (check_resource_fields.cc).
void check_resource_fields(const CheckContext& context, core::Diagnostics& diagnostics);
// Settings that exclude each other: clusters of a serverless pipeline
// (check_exclusive_settings.cc).
void check_exclusive_settings(const CheckContext& context, core::Diagnostics& diagnostics);
// A root or state path under /Workspace/Shared (check_shared_paths.cc).
void check_shared_paths(const CheckContext& context, core::Diagnostics& diagnostics);
// A continuous job without continuous.task_retry_mode (check_continuous_retry.cc).
void check_continuous_retry(const CheckContext& context, core::Diagnostics& diagnostics);
// Workspace file or artifact path set with experimental.immutable_folder
// (check_immutable_folder.cc).
void check_immutable_folder(const CheckContext& context, core::Diagnostics& diagnostics);
// Serving endpoint settings the serving API would drop or fail on (check_serving_endpoints.cc).
void check_serving_endpoints(const CheckContext& context, core::Diagnostics& diagnostics);
// A vector search index without the spec block of its index_type, or with the other type's
// (check_vector_search_index_spec.cc).
void check_vector_search_index_spec(const CheckContext& context, core::Diagnostics& diagnostics);
// Job runs' depends_on entries that are not ${resources.job_runs.<key>.id} of a job run of the
// bundle (check_job_run_dependencies.cc).
void check_job_run_dependencies(const CheckContext& context, core::Diagnostics& diagnostics);
// References to a secret's value outside the secret (check_sensitive_references.cc).
void check_sensitive_references(const CheckContext& context, core::Diagnostics& diagnostics);
// experimental.record_deployment_history, not usable yet (check_deployment_history.cc).
void check_deployment_history(const CheckContext& context, core::Diagnostics& diagnostics);
// Timestamps and durations the API types natively, that do not parse
// (check_native_formats.cc).
void check_native_formats(const CheckContext& context, core::Diagnostics& diagnostics);
// Clusters with num_workers 0 that are not set up as single-node (check_single_node.cc).
void check_single_node(const CheckContext& context, core::Diagnostics& diagnostics);
// A pipeline's own `development` flag, deprecated for mode: development
// (check_pipeline_development.cc).
void check_pipeline_development(const CheckContext& context, core::Diagnostics& diagnostics);
// Workspace root, file, state or resource path under /Volumes (check_volume_paths.cc).
void check_volume_paths(const CheckContext& context, core::Diagnostics& diagnostics);
// The environment policy of the target (targets/*.yml, .bundlectl/policies/, --policy).
void check_policies(const CheckContext& context, core::Diagnostics& diagnostics);
// The bundle against the JSON Schemas of resources/schemas/ (schema_check.cc).
void check_schema(const CheckContext& context, core::Diagnostics& diagnostics);

// Every check, in the order checks.cc lists them.
const std::vector<Check>& checks();

}  // namespace bundlectl::validate
