// The body of a run: jobs/run-now from `run`'s job flags (job parameters, or the legacy task
// parameter flags of the Databricks CLI), and a pipeline update request from its pipeline
// flags. Bad combinations are usage errors (core::UsageError) named as the flags are.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bundlectl::runs {

struct JobRunFlags {
  std::vector<std::string> params;  // --params k=v,...: job_parameters
  std::vector<std::string> only;    // --only task,...: run only these tasks
  // Legacy task parameters, for jobs without job parameters.
  std::vector<std::string> dbt_commands;
  std::vector<std::string> jar_params;
  std::vector<std::string> notebook_params;      // k=v
  std::vector<std::string> pipeline_params;      // full_refresh=<bool> only
  std::vector<std::string> python_named_params;  // k=v
  std::vector<std::string> python_params;
  std::vector<std::string> spark_submit_params;
  std::vector<std::string> sql_params;  // k=v
};

struct PipelineRunFlags {
  std::vector<std::string> refresh;  // --refresh t,...
  bool refresh_all = false;
  std::vector<std::string> full_refresh;  // --full-refresh t,...
  bool full_refresh_all = false;
  bool validate_only = false;
};

// `job_defines_parameters`: the job's settings have `parameters`. As the Databricks CLI:
// job parameters only for a job that defines them, task parameters only for one that does
// not.
nlohmann::json run_now_request(const JobRunFlags& flags, bool job_defines_parameters);

nlohmann::json pipeline_update_request(const PipelineRunFlags& flags);

// True when any pipeline flag is set (a job run refuses them) / any job flag is set.
bool any_pipeline_flag(const PipelineRunFlags& flags);
bool any_job_flag(const JobRunFlags& flags);

// "k=v" items into an object; "--params: "x" is not of the form key=value" otherwise.
nlohmann::json key_values(const std::vector<std::string>& items, const std::string& flag);

}  // namespace bundlectl::runs
