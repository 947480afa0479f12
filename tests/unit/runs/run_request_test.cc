#include "bundlectl/runs/run_request.h"

#include <gtest/gtest.h>

#include "bundlectl/core/exit_code.h"

namespace bundlectl::runs {
namespace {

using nlohmann::json;

std::string usage_error(const std::function<void()>& call) {
  try {
    call();
  } catch (const core::UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RunRequestTest, ParamsBecomeJobParametersAndOnlyTheTaskList) {
  JobRunFlags flags;
  flags.params = {"mode=full", "day=2026-12-05", "empty="};
  flags.only = {"extract", "load"};
  EXPECT_EQ(run_now_request(flags, true),
            (json{{"job_parameters", {{"mode", "full"}, {"day", "2026-12-05"}, {"empty", ""}}},
                  {"only", {"extract", "load"}}}));
}

TEST(RunRequestTest, LegacyTaskParametersKeepTheirApiFields) {
  JobRunFlags flags;
  flags.notebook_params = {"a=1"};
  flags.python_params = {"--x", "y"};
  flags.pipeline_params = {"full_refresh=true"};
  flags.sql_params = {"s=t"};
  EXPECT_EQ(run_now_request(flags, false), (json{{"notebook_params", {{"a", "1"}}},
                                                 {"python_params", {"--x", "y"}},
                                                 {"pipeline_params", {{"full_refresh", true}}},
                                                 {"sql_params", {{"s", "t"}}}}));
}

TEST(RunRequestTest, JobAndTaskParametersAreMutuallyExclusiveAsInTheDatabricksCli) {
  JobRunFlags task;
  task.jar_params = {"x"};
  EXPECT_EQ(usage_error([&] { run_now_request(task, true); }),
            "the job to run defines job parameters; specifying task parameters is not allowed "
            "(use --params)");
  JobRunFlags job;
  job.params = {"a=b"};
  EXPECT_EQ(usage_error([&] { run_now_request(job, false); }),
            "the job to run does not define job parameters; specifying job parameters is not "
            "allowed");
}

TEST(RunRequestTest, MalformedPairsAreNamedWithTheirFlag) {
  JobRunFlags flags;
  flags.params = {"mode"};
  EXPECT_EQ(usage_error([&] { run_now_request(flags, true); }),
            "--params: \"mode\" is not of the form key=value");
  JobRunFlags pipeline;
  pipeline.pipeline_params = {"full_refresh=maybe"};
  EXPECT_EQ(usage_error([&] { run_now_request(pipeline, false); }),
            "--pipeline-params only supports full_refresh=<bool>");
}

TEST(RunRequestTest, PipelineFlagsBecomeTheUpdateRequest) {
  PipelineRunFlags flags;
  flags.refresh = {"a", "b"};
  flags.full_refresh = {"c"};
  EXPECT_EQ(pipeline_update_request(flags),
            (json{{"refresh_selection", {"a", "b"}}, {"full_refresh_selection", {"c"}}}));
  PipelineRunFlags all;
  all.full_refresh_all = true;
  EXPECT_EQ(pipeline_update_request(all), (json{{"full_refresh", true}}));
  PipelineRunFlags validate;
  validate.validate_only = true;
  EXPECT_EQ(pipeline_update_request(validate), (json{{"validate_only", true}}));
  EXPECT_EQ(pipeline_update_request({}), json::object());
}

TEST(RunRequestTest, ConflictingPipelineFlagsAreAUsageError) {
  PipelineRunFlags flags;
  flags.refresh_all = true;
  flags.validate_only = true;
  EXPECT_EQ(usage_error([&] { pipeline_update_request(flags); }),
            "choose one of --refresh/--full-refresh (together allowed), --refresh-all, "
            "--full-refresh-all, --validate-only");
}

}  // namespace
}  // namespace bundlectl::runs
