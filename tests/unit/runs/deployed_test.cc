#include "bundlectl/runs/deployed.h"

#include <gtest/gtest.h>

#include "bundlectl/core/exit_code.h"

namespace bundlectl::runs {
namespace {

deploy::DeploymentState state_with(std::initializer_list<std::pair<std::string, std::string>> ids) {
  deploy::DeploymentState state;
  state.target = "dev";
  for (const auto& [key, id] : ids) state.resources[key].id = id;
  return state;
}

std::string failure(const std::function<void()>& call) {
  try {
    call();
  } catch (const core::Failure& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(DeployedTest, FindsAJobByNameOrByFullKey) {
  auto state = state_with({{"jobs.nightly", "42"}, {"pipelines.etl", "p-1"}});
  EXPECT_EQ(find_deployed(state, "nightly", "dev", "job").id, "42");
  EXPECT_EQ(find_deployed(state, "jobs.nightly", "dev", "job").kind, "jobs");
  DeployedResource pipeline = find_deployed(state, "etl", "dev", "pipeline");
  EXPECT_EQ(pipeline.kind, "pipelines");
  EXPECT_EQ(pipeline.id, "p-1");
}

TEST(DeployedTest, UnknownKeyListsTheDeployedOnesAndSuggestsTheNearest) {
  auto state = state_with({{"jobs.nightly", "42"}, {"pipelines.etl", "p-1"}, {"schemas.s", "x"}});
  EXPECT_EQ(failure([&] { find_deployed(state, "nightlx", "dev", "job"); }),
            "job \"nightlx\" is not deployed to target dev; run `bundlectl deploy` first "
            "(deployed: jobs.nightly, pipelines.etl), did you mean \"nightly\"?");
  EXPECT_EQ(failure([&] { find_deployed(state, "pipelines.nightly", "dev", "pipeline"); }),
            "pipeline \"pipelines.nightly\" is not deployed to target dev; run `bundlectl deploy` "
            "first (deployed: jobs.nightly, pipelines.etl)");
}

TEST(DeployedTest, NothingDeployedSaysSo) {
  EXPECT_EQ(failure([&] { find_deployed(std::nullopt, "nightly", "prod", "job"); }),
            "job \"nightly\" is not deployed to target prod; run `bundlectl deploy` first "
            "(nothing is deployed)");
}

TEST(DeployedTest, ANameThatIsBothAJobAndAPipelineMustBePrefixed) {
  auto state = state_with({{"jobs.daily", "1"}, {"pipelines.daily", "p"}});
  EXPECT_EQ(failure([&] { find_deployed(state, "daily", "dev", "job"); }),
            "\"daily\" is both a job and a pipeline; write jobs.daily or pipelines.daily");
}

TEST(DeployedTest, JobKeyOfAnIdComesFromTheState) {
  auto state = state_with({{"jobs.nightly", "42"}});
  EXPECT_EQ(job_key_of(state, 42), "nightly");
  EXPECT_EQ(job_key_of(state, 43), "");
}

TEST(DeployedTest, AJobIdThatIsNotANumberIsAFailureNotACrash) {
  DeployedResource job{"jobs", "nightly", "12ab"};
  EXPECT_EQ(failure([&] { job.job_id(); }),
            "the deployment state holds \"12ab\" as the id of jobs.nightly, which is not a job id");
  EXPECT_EQ((DeployedResource{"jobs", "nightly", "42"}.job_id()), 42);
}

}  // namespace
}  // namespace bundlectl::runs
