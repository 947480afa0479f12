#include "bundlectl/runs/run_request.h"

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::runs {
namespace {

using nlohmann::json;

bool any_task_parameter(const JobRunFlags& flags) {
  return !flags.dbt_commands.empty() || !flags.jar_params.empty() ||
         !flags.notebook_params.empty() || !flags.pipeline_params.empty() ||
         !flags.python_named_params.empty() || !flags.python_params.empty() ||
         !flags.spark_submit_params.empty() || !flags.sql_params.empty();
}

json pipeline_params(const std::vector<std::string>& items) {
  const std::string only_form = "--pipeline-params only supports full_refresh=<bool>";
  json given = key_values(items, "--pipeline-params");
  if (given.size() != 1 || !given.contains("full_refresh")) throw core::UsageError(only_form);
  std::string value = util::to_lower(given["full_refresh"].get<std::string>());
  if (value == "true" || value == "1") return {{"full_refresh", true}};
  if (value == "false" || value == "0") return {{"full_refresh", false}};
  throw core::UsageError(only_form);
}

void put_list(json& body, const char* field, const std::vector<std::string>& items) {
  if (!items.empty()) body[field] = items;
}

void put_map(json& body, const char* field, const std::vector<std::string>& items,
             const std::string& flag) {
  if (!items.empty()) body[field] = key_values(items, flag);
}

}  // namespace

json key_values(const std::vector<std::string>& items, const std::string& flag) {
  json out = json::object();
  for (const std::string& item : items) {
    std::size_t equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw core::UsageError(flag + ": " + util::quoted(item) + " is not of the form key=value");
    }
    out[item.substr(0, equals)] = item.substr(equals + 1);
  }
  return out;
}

bool any_pipeline_flag(const PipelineRunFlags& flags) {
  return !flags.refresh.empty() || flags.refresh_all || !flags.full_refresh.empty() ||
         flags.full_refresh_all || flags.validate_only;
}

bool any_job_flag(const JobRunFlags& flags) {
  return !flags.params.empty() || !flags.only.empty() || any_task_parameter(flags);
}

json run_now_request(const JobRunFlags& flags, bool job_defines_parameters) {
  if (job_defines_parameters && any_task_parameter(flags)) {
    throw core::UsageError(
        "the job to run defines job parameters; specifying task parameters is not allowed "
        "(use --params)");
  }
  if (!job_defines_parameters && !flags.params.empty()) {
    throw core::UsageError(
        "the job to run does not define job parameters; specifying job parameters is not "
        "allowed");
  }
  json body = json::object();
  put_map(body, "job_parameters", flags.params, "--params");
  put_list(body, "only", flags.only);
  put_list(body, "dbt_commands", flags.dbt_commands);
  put_list(body, "jar_params", flags.jar_params);
  put_map(body, "notebook_params", flags.notebook_params, "--notebook-params");
  if (!flags.pipeline_params.empty())
    body["pipeline_params"] = pipeline_params(flags.pipeline_params);
  put_map(body, "python_named_params", flags.python_named_params, "--python-named-params");
  put_list(body, "python_params", flags.python_params);
  put_list(body, "spark_submit_params", flags.spark_submit_params);
  put_map(body, "sql_params", flags.sql_params, "--sql-params");
  return body;
}

json pipeline_update_request(const PipelineRunFlags& flags) {
  int chosen = (flags.refresh.empty() ? 0 : 1) + (flags.refresh_all ? 1 : 0) +
               (flags.full_refresh_all ? 1 : 0) + (flags.validate_only ? 1 : 0);
  // --refresh and --full-refresh may be combined: some tables refreshed, some rebuilt.
  if (chosen > 1 || (flags.full_refresh_all && !flags.full_refresh.empty()) ||
      ((flags.refresh_all || flags.validate_only) && !flags.full_refresh.empty())) {
    throw core::UsageError(
        "choose one of --refresh/--full-refresh (together allowed), --refresh-all, "
        "--full-refresh-all, --validate-only");
  }
  json body = json::object();
  if (!flags.refresh.empty()) body["refresh_selection"] = flags.refresh;
  if (!flags.full_refresh.empty()) body["full_refresh_selection"] = flags.full_refresh;
  if (flags.full_refresh_all) body["full_refresh"] = true;
  if (flags.validate_only) body["validate_only"] = true;
  return body;
}

}  // namespace bundlectl::runs
