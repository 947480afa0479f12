#include <gtest/gtest.h>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/deploy/apply.h"

namespace bundlectl::deploy {
namespace {

using Json = nlohmann::json;

std::string known(const std::string& address) {
  if (address == "jobs.upstream") return "1234";
  if (address == "pipelines.etl") return "a1b2-c3";
  return "";
}

TEST(FillResourceIdsTest, AWholeReferenceToANumericIdBecomesANumber) {
  const Json spec = {{"run_job_task", {{"job_id", "${resources.jobs.upstream.id}"}}},
                     {"pipeline_task", {{"pipeline_id", "${resources.pipelines.etl.id}"}}}};
  const Json filled = fill_resource_ids(spec, known);
  EXPECT_EQ(filled["run_job_task"]["job_id"], Json(1234));
  EXPECT_EQ(filled["pipeline_task"]["pipeline_id"], Json("a1b2-c3"));
}

TEST(FillResourceIdsTest, ReferencesInsideTextAndInArraysAreFilledOtherFieldsLeft) {
  const Json spec = {{"description", "after job ${resources.jobs.upstream.id} ends"},
                     {"list", {"${resources.pipelines.etl.id}", 3}},
                     {"name", "${resources.jobs.upstream.name}"}};
  const Json filled = fill_resource_ids(spec, known);
  EXPECT_EQ(filled["description"], "after job 1234 ends");
  EXPECT_EQ(filled["list"], Json({"a1b2-c3", 3}));
  EXPECT_EQ(filled["name"], "${resources.jobs.upstream.name}");
}

TEST(FillResourceIdsTest, AnUnknownIdIsAnErrorNamingTheReference) {
  const Json spec = {{"job_id", "${resources.jobs.missing.id}"}};
  try {
    fill_resource_ids(spec, known);
    FAIL() << "filled an unknown id";
  } catch (const core::Failure& error) {
    EXPECT_STREQ(error.what(),
                 "${resources.jobs.missing.id} refers to jobs.missing, which has no id yet (it is "
                 "not deployed)");
  }
}

}  // namespace
}  // namespace bundlectl::deploy
