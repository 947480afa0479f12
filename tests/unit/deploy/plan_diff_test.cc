// diff_specs: the changed fields of an update, as a reviewer reads them.
#include "deploy/plan_diff.h"

#include <gtest/gtest.h>

namespace bundlectl::deploy {
namespace {

using nlohmann::json;

// "path: before -> after" per change, values as compact JSON.
std::vector<std::string> lines(const json& before, const json& after) {
  std::vector<std::string> out;
  for (const FieldChange& change : diff_specs(before, after)) {
    out.push_back(change.path + ": " + change.before.dump() + " -> " + change.after.dump());
  }
  return out;
}

TEST(PlanDiffTest, EqualSpecsHaveNoChanges) {
  json spec = json::parse(R"({"name": "a", "tasks": [{"task_key": "x"}]})");
  EXPECT_TRUE(diff_specs(spec, spec).empty());
}

TEST(PlanDiffTest, ScalarsShowOldAndNewAndNestedFieldsTheirWholePath) {
  EXPECT_EQ(
      lines(json::parse(R"({"max_concurrent_runs": 1, "queue": {"enabled": true},
                                  "timeout_seconds": 60})"),
            json::parse(R"({"max_concurrent_runs": 2, "queue": {"enabled": false},
                                  "description": "new"})")),
      (std::vector<std::string>{"description: null -> \"new\"", "max_concurrent_runs: 1 -> 2",
                                "queue.enabled: true -> false", "timeout_seconds: 60 -> null"}));
}

TEST(PlanDiffTest, TasksAreMatchedByTaskKeyWhateverTheirOrder) {
  json before = json::parse(R"({"tasks": [
      {"task_key": "ingest", "notebook_task": {"notebook_path": "/a"}},
      {"task_key": "report", "depends_on": [{"task_key": "ingest"}]},
      {"task_key": "old"}]})");
  json after = json::parse(R"({"tasks": [
      {"task_key": "new", "max_retries": 1},
      {"task_key": "report", "depends_on": [{"task_key": "ingest"}, {"task_key": "new"}]},
      {"task_key": "ingest", "notebook_task": {"notebook_path": "/b"}}]})");
  EXPECT_EQ(lines(before, after),
            (std::vector<std::string>{
                "tasks[task_key='new']: null -> {\"max_retries\":1,\"task_key\":\"new\"}",
                "tasks[task_key='report'].depends_on[task_key='new']: null -> "
                "{\"task_key\":\"new\"}",
                "tasks[task_key='ingest'].notebook_task.notebook_path: \"/a\" -> \"/b\"",
                "tasks[task_key='old']: {\"task_key\":\"old\"} -> null"}));
}

TEST(PlanDiffTest, ClustersEnvironmentsAndParametersAreMatchedByTheirKeys) {
  json before = json::parse(R"({
      "job_clusters": [{"job_cluster_key": "spark", "new_cluster": {"num_workers": 2}}],
      "environments": [{"environment_key": "default", "spec": {"client": "1"}}],
      "parameters": [{"name": "day", "default": "today"}, {"name": "x", "default": "1"}]})");
  json after = json::parse(R"({
      "job_clusters": [{"job_cluster_key": "spark", "new_cluster": {"num_workers": 8}}],
      "environments": [{"environment_key": "default", "spec": {"client": "2"}}],
      "parameters": [{"name": "x", "default": "1"}, {"name": "day", "default": "yesterday"}]})");
  EXPECT_EQ(lines(before, after),
            (std::vector<std::string>{
                "environments[environment_key='default'].spec.client: \"1\" -> \"2\"",
                "job_clusters[job_cluster_key='spark'].new_cluster.num_workers: 2 -> 8",
                "parameters[name='day'].default: \"today\" -> \"yesterday\""}));
}

TEST(PlanDiffTest, ArraysWithoutAKeyAreComparedByPositionAndValueListsWhole) {
  json before = json::parse(R"({"libraries": [{"notebook": {"path": "/a"}}],
                                "email_notifications": {"on_failure": ["a@x.com"]}})");
  json after =
      json::parse(R"({"libraries": [{"notebook": {"path": "/b"}}, {"file": {"path": "/c"}}],
                               "email_notifications": {"on_failure": ["a@x.com", "b@x.com"]}})");
  EXPECT_EQ(lines(before, after),
            (std::vector<std::string>{
                "email_notifications.on_failure: [\"a@x.com\"] -> [\"a@x.com\",\"b@x.com\"]",
                "libraries[0].notebook.path: \"/a\" -> \"/b\"",
                "libraries[1]: null -> {\"file\":{\"path\":\"/c\"}}"}));
}

TEST(PlanDiffTest, DuplicateKeysFallBackToPositionsAndDottedKeysAreQuoted) {
  json before = json::parse(R"({"tasks": [{"task_key": "a", "x": 1}, {"task_key": "a", "x": 2}],
                                "spark_conf": {"spark.sql.shuffle.partitions": "8"}})");
  json after = json::parse(R"({"tasks": [{"task_key": "a", "x": 1}, {"task_key": "a", "x": 3}],
                               "spark_conf": {"spark.sql.shuffle.partitions": "16"}})");
  EXPECT_EQ(lines(before, after),
            (std::vector<std::string>{"spark_conf['spark.sql.shuffle.partitions']: \"8\" -> \"16\"",
                                      "tasks[1].x: 2 -> 3"}));
}

TEST(PlanDiffTest, ABeforeThatIsNoObjectCountsAsEmpty) {
  EXPECT_EQ(lines(nullptr, json::parse(R"({"name": "a"})")),
            std::vector<std::string>{"name: null -> \"a\""});
}

TEST(PlanDiffTest, AChangeOfKindIsOneChange) {
  EXPECT_EQ(
      lines(json::parse(R"({"trigger": {"periodic": {"interval": 1}}})"),
            json::parse(R"({"trigger": "${var.trigger}"})")),
      std::vector<std::string>{"trigger: {\"periodic\":{\"interval\":1}} -> \"${var.trigger}\""});
}

}  // namespace
}  // namespace bundlectl::deploy
