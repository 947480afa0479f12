// normalise_types: values take their field's type, as the Databricks CLI's typed configuration
// gives it to them.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

class TypeNormalisationTest : public StepTest {};

TEST_F(TypeNormalisationTest, StringsBecomeNumbersAndNumbersStrings) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {runs: {default: '3'}}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      name: 123\n"
              "      max_concurrent_runs: ${var.runs}\n"
              "      timeout_seconds: \"60\"\n"
              "      tags: {flag: true, size: 2}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "name"}), "\"123\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "max_concurrent_runs"}), "3");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "timeout_seconds"}), "60");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "tags"}),
            "{\"flag\":\"true\",\"size\":\"2\"}");
}

TEST_F(TypeNormalisationTest, AFractionInAnIntegerFieldIsDroppedWithTheCliWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {x: {default: 5.9}}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      max_concurrent_runs: ${var.x}\n"
              "      timeout_seconds: 12345678.5\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"warning: databricks.yml:6:28: cannot accurately represent \"5.9\" as "
                      "integer due to precision loss [resources.jobs.j.max_concurrent_runs]",
                      "warning: databricks.yml:7:24: cannot accurately represent "
                      "\"1.23456785e+07\" as integer due to precision loss "
                      "[resources.jobs.j.timeout_seconds]"}));
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "timeout_seconds"}), "<none>");
}

TEST_F(TypeNormalisationTest, AValueThatCannotHaveTheTypeIsDroppedWithAWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      name: [a, b]\n"
              "      timeout_seconds: soon\n"
              "      tags: [a]\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"warning: databricks.yml:5:13: expected string, found sequence "
                      "[resources.jobs.j.name]",
                      "warning: databricks.yml:6:24: cannot parse \"soon\" as an integer "
                      "[resources.jobs.j.timeout_seconds]",
                      "warning: databricks.yml:7:13: expected map, found sequence "
                      "[resources.jobs.j.tags]"}));
  // Dropped: the name is then the default the CLI gives a job without one.
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "name"}), "\"Untitled\"");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "timeout_seconds"}), "<none>");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "tags"}), "<none>");
}

TEST_F(TypeNormalisationTest, ReferencesAndInt64ExtremesAreKept) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      name: j\n"
              "      timeout_seconds: \"9223372036854775807\"\n"
              "      tasks:\n"
              "        - task_key: t\n"
              "          run_job_task: {job_id: '${resources.jobs.j.id}'}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "timeout_seconds"}), "9223372036854775807");
  const core::Value* task =
      &result.bundle.config.at({"resources", "jobs", "j", "tasks"})->items()[0];
  EXPECT_EQ(core::to_json(*task->at({"run_job_task", "job_id"})).dump(),
            "\"${resources.jobs.j.id}\"");
}

}  // namespace
}  // namespace bundlectl::config
