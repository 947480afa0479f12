// Unit tests of the task checks (task_graph.cc, task_types.cc, task_references.cc,
// for_each.cc) on small bundles written to a temp folder and loaded for real.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "bundlectl/config/load.h"
#include "support/check_findings.h"
#include "support/stand_in_sources.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {
namespace {

using Messages = std::vector<std::string>;

class TasksTest : public ::testing::Test {
 protected:
  // Writes databricks.yml with one job "j" whose tasks are `tasks` (list items indented by 8).
  void write_job(const std::string& tasks, const std::string& job_extra = "",
                 const std::string& rest = "") {
    m_dir.write("databricks.yml",
                "bundle: {name: b}\n"
                "resources:\n"
                "  jobs:\n"
                "    j:\n" +
                    job_extra + "      tasks:\n" + tasks + rest);
  }

  // Every finding of the task checks as "severity: file:line:col ...: summary [path] (rule)",
  // sorted; loading must succeed without errors.
  Messages check(const std::string& target = "") {
    testing::write_stand_in_sources(m_dir);
    config::LoadResult loaded =
        config::load_bundle(testing::test_load_options(m_dir.path(), target));
    EXPECT_TRUE(loaded.complete);
    EXPECT_FALSE(loaded.diagnostics.has_errors());
    Options validate_options;
    CheckContext context{loaded.bundle, validate_options};
    core::Diagnostics found;
    for (CheckFunction run :
         {check_task_graph, check_task_types, check_task_references, check_for_each}) {
      run(context, found);
    }
    return testing::finding_lines(std::move(found), loaded.bundle);
  }

  testing::TempDir m_dir;
};

const char* const k_notebook = "          notebook_task: {notebook_path: ./nb.py}\n";

// --- task_graph.cc ---

TEST_F(TasksTest, ValidGraphHasNoFindings) {
  write_job(std::string("        - task_key: a\n") + k_notebook + "        - task_key: b\n" +
            k_notebook +
            "          depends_on: [{task_key: a}]\n"
            "          run_if: ALL_DONE\n");
  EXPECT_EQ(check(), Messages{});
}

TEST_F(TasksTest, DuplicateKeyInOneListIsMergedWithAWarning) {
  write_job(std::string("        - task_key: a\n") + k_notebook +
            "        - task_key: a\n"
            "          max_retries: 2\n");
  EXPECT_EQ(check(), (Messages{"warning: databricks.yml:8:21 databricks.yml:6:21: task_key "
                               "\"a\" is used by two tasks of one list "
                               "[resources.jobs.j.tasks[0].task_key] (tasks.duplicate-key)"}));
}

TEST_F(TasksTest, TaskOverriddenByATargetIsNotADuplicate) {
  write_job(std::string("        - task_key: a\n") + k_notebook, "",
            "targets:\n"
            "  dev:\n"
            "    resources:\n"
            "      jobs:\n"
            "        j:\n"
            "          tasks:\n"
            "            - task_key: a\n"
            "              max_retries: 2\n");
  EXPECT_EQ(check("dev"), Messages{});
}

TEST_F(TasksTest, UnknownDependencySuggestsTheNearestTask) {
  write_job(std::string("        - task_key: extract\n") + k_notebook +
            "        - task_key: load\n" + k_notebook +
            "          depends_on:\n"
            "            - task_key: extrct\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:11:25: depends_on names a task that does "
                               "not exist: extrct, did you mean \"extract\"? "
                               "[resources.jobs.j.tasks[1].depends_on[0].task_key] "
                               "(tasks.unknown-dependency)"}));
}

TEST_F(TasksTest, CycleIsPrintedWhole) {
  write_job(std::string("        - task_key: a\n") + k_notebook +
            "          depends_on: [{task_key: b}]\n"
            "        - task_key: b\n" +
            k_notebook +
            "          depends_on: [{task_key: c}]\n"
            "        - task_key: c\n" +
            k_notebook + "          depends_on: [{task_key: a}]\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:14:35: tasks depend on each other in a "
                               "cycle: a -> b -> c -> a "
                               "[resources.jobs.j.tasks[2].depends_on[0].task_key] "
                               "(tasks.cycle)"}));
}

TEST_F(TasksTest, TaskThatDependsOnItselfIsACycle) {
  write_job(std::string("        - task_key: a\n") + k_notebook +
            "          depends_on: [{task_key: a}]\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:8:35: tasks depend on each other in a "
                               "cycle: a -> a [resources.jobs.j.tasks[0].depends_on[0].task_key] "
                               "(tasks.cycle)"}));
}

// 10,000 chained tasks: the search keeps its own stack, so depth costs heap, not call stack.
TEST_F(TasksTest, LongChainIsCheckedWithoutRecursion) {
  const int count = 10000;
  std::string tasks;
  for (int i = 0; i < count; ++i) {
    tasks += "        - task_key: t" + std::to_string(i) + "\n" + k_notebook;
    // t0 depends on t1, ..., the last one on t0: one cycle through every task.
    tasks += "          depends_on: [{task_key: t" + std::to_string((i + 1) % count) + "}]\n";
  }
  write_job(tasks);
  Messages found = check();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rfind("error: ", 0), 0u);
  EXPECT_NE(found[0].find("cycle: t0 -> t1 -> t2 -> t3 -> "), std::string::npos)
      << found[0].substr(0, 200);
  EXPECT_NE(found[0].find(" -> t9999 -> t0 ["), std::string::npos);
}

// An unknown run_if is left to the schema's enum warning (as the Databricks CLI reports it);
// the task checks neither fail on it nor judge it against the upstreams.
TEST_F(TasksTest, InvalidRunIfIsLeftToTheSchemaEnumWarning) {
  write_job(std::string("        - task_key: a\n") + k_notebook +
            "          run_if: ALL_DONEE\n"
            "        - task_key: b\n" +
            k_notebook +
            "          depends_on: [{task_key: a}]\n"
            "          run_if: ALL_DONEE\n");
  EXPECT_EQ(check(), Messages{});
}

TEST_F(TasksTest, RunIfWithoutUpstreamHasNoEffect) {
  write_job(std::string("        - task_key: a\n") + k_notebook +
            "          run_if: ALL_DONE\n"
            "        - task_key: b\n" +
            k_notebook + "          run_if: ALL_SUCCESS\n");
  EXPECT_EQ(check(), (Messages{"warning: databricks.yml:8:19: run_if ALL_DONE has no effect on a "
                               "task without depends_on [resources.jobs.j.tasks[0].run_if] "
                               "(tasks.run-if-without-upstream)"}));
}

TEST_F(TasksTest, OutcomeNeedsAConditionTaskParent) {
  write_job(std::string("        - task_key: a\n") + k_notebook + "        - task_key: b\n" +
            k_notebook + "          depends_on: [{task_key: a, outcome: \"true\"}]\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:10:47: outcome is set, but \"a\" is not a "
                               "condition_task [resources.jobs.j.tasks[1].depends_on[0].outcome] "
                               "(tasks.outcome-without-condition)"}));
}

const char* const k_condition =
    "        - task_key: check\n"
    "          condition_task: {op: EQUAL_TO, left: \"1\", right: \"1\"}\n";

TEST_F(TasksTest, OutcomeIsTrueOrFalse) {
  write_job(std::string(k_condition) + "        - task_key: b\n" + k_notebook +
            "          depends_on: [{task_key: check, outcome: yes}]\n"
            "        - task_key: c\n" +
            k_notebook + "          depends_on: [{task_key: check, outcome: false}]\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:10:51: outcome must be \"true\" or "
                               "\"false\": yes [resources.jobs.j.tasks[0].depends_on[0].outcome] "
                               "(tasks.invalid-outcome)"}));
}

TEST_F(TasksTest, DependencyOnAConditionWithoutOutcomeIsAWarning) {
  write_job(std::string(k_condition) + "        - task_key: b\n" + k_notebook +
            "          depends_on: [{task_key: check}]\n");
  EXPECT_EQ(check(), (Messages{"warning: databricks.yml:10:35: depends_on names the "
                               "condition_task \"check\" without an outcome "
                               "[resources.jobs.j.tasks[0].depends_on[0].task_key] "
                               "(tasks.condition-without-outcome)"}));
}

// --- task_types.cc ---

TEST_F(TasksTest, TaskWithoutATypeIsAnError) {
  write_job(
      "        - task_key: a\n"
      "          max_retries: 1\n");
  Messages found = check();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0],
            "error: databricks.yml:6:11: task \"a\" has no task type "
            "[resources.jobs.j.tasks[0]] (tasks.no-type)");
}

TEST_F(TasksTest, TaskWithTwoTypesPointsAtTheSecond) {
  write_job(std::string("        - task_key: a\n") + k_notebook +
                "          spark_python_task: {python_file: ./main.py}\n"
                "          environment_key: default\n",
            "      environments: [{environment_key: default, spec: {client: \"1\"}}]\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:9:30: task \"a\" has more than one task "
                               "type: notebook_task, spark_python_task "
                               "[resources.jobs.j.tasks[0].spark_python_task] "
                               "(tasks.many-types)"}));
}

TEST_F(TasksTest, JarTaskWithoutComputeIsAnError) {
  write_job(
      "        - task_key: jar\n"
      "          spark_jar_task: {main_class_name: com.example.Main}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:6:11: task \"jar\" has no cluster to run "
                               "its spark_jar_task [resources.jobs.j.tasks[0]] "
                               "(tasks.missing-compute)"}));
}

// A target's cluster_id replaces the compute of tasks that have some (their job_cluster_key
// is dropped), but gives none to a task without: the Databricks CLI's OverrideCompute.
TEST_F(TasksTest, BundleClusterIdReplacesTaskComputeButAddsNone) {
  write_job(
      "        - task_key: jar\n"
      "          spark_jar_task: {main_class_name: com.example.Main}\n"
      "        - task_key: nb\n"
      "          notebook_task: {notebook_path: ./nb.py}\n"
      "          job_cluster_key: missing\n",
      "", "targets:\n  dev:\n    mode: development\n    cluster_id: 0123-456789-abc\n");
  EXPECT_EQ(check("dev"), (Messages{"error: databricks.yml:6:11: task \"jar\" has no cluster to "
                                    "run its spark_jar_task [resources.jobs.j.tasks[0]] "
                                    "(tasks.missing-compute)"}));
}

TEST_F(TasksTest, PythonTaskOnServerlessWithoutEnvironmentIsAWarning) {
  write_job(
      "        - task_key: py\n"
      "          spark_python_task: {python_file: ./main.py}\n"
      "        - task_key: nb\n" +
      std::string(k_notebook));
  EXPECT_EQ(check(), (Messages{"warning: databricks.yml:7:30: task \"py\" runs its "
                               "spark_python_task on serverless compute without an "
                               "environment_key [resources.jobs.j.tasks[1].spark_python_task] "
                               "(tasks.serverless-without-environment)"}));
}

TEST_F(TasksTest, EmptyExistingClusterIdIsAWarning) {
  write_job(std::string("        - task_key: a\n") + k_notebook +
            "          existing_cluster_id: \"\"\n");
  EXPECT_EQ(check(), (Messages{"warning: databricks.yml:8:32: existing_cluster_id is empty "
                               "[resources.jobs.j.tasks[0].existing_cluster_id] "
                               "(tasks.empty-existing-cluster-id)"}));
}

// --- task_references.cc ---

TEST_F(TasksTest, UnknownJobClusterSuggestsTheNearestKey) {
  write_job(
      std::string("        - task_key: a\n") + k_notebook + "          job_cluster_key: man\n",
      "      job_clusters:\n"
      "        - job_cluster_key: main\n"
      "          new_cluster: {spark_version: 15.4.x-scala2.12, num_workers: 1}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:11:28: job_cluster_key names a job cluster "
                               "that does not exist: man, did you mean \"main\"? "
                               "[resources.jobs.j.tasks[0].job_cluster_key] "
                               "(tasks.unknown-job-cluster)"}));
}

TEST_F(TasksTest, UnknownEnvironmentIsAnError) {
  write_job(
      "        - task_key: py\n"
      "          spark_python_task: {python_file: ./main.py}\n"
      "          environment_key: defualt\n",
      "      environments: [{environment_key: default, spec: {client: \"1\"}}]\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:9:28: environment_key names an environment "
                               "that does not exist: defualt, did you mean \"default\"? "
                               "[resources.jobs.j.tasks[0].environment_key] "
                               "(tasks.unknown-environment)"}));
}

TEST_F(TasksTest, DuplicateJobClusterKeyIsAWarning) {
  write_job(
      std::string("        - task_key: a\n") + k_notebook + "          job_cluster_key: main\n",
      "      job_clusters:\n"
      "        - job_cluster_key: main\n"
      "          new_cluster: {spark_version: 15.4.x-scala2.12, num_workers: 1}\n"
      "        - job_cluster_key: main\n"
      "          new_cluster: {num_workers: 4}\n");
  EXPECT_EQ(check(), (Messages{"warning: databricks.yml:8:28 databricks.yml:6:28: "
                               "job_cluster_key \"main\" is used by two entries of job_clusters "
                               "[resources.jobs.j.job_clusters[0].job_cluster_key] "
                               "(tasks.duplicate-job-cluster-key)"}));
}

TEST_F(TasksTest, DuplicateEnvironmentKeyIsAnError) {
  write_job(
      "        - task_key: py\n"
      "          spark_python_task: {python_file: ./main.py}\n"
      "          environment_key: default\n",
      "      environments:\n"
      "        - environment_key: default\n"
      "          spec: {client: \"1\"}\n"
      "        - environment_key: default\n"
      "          spec: {client: \"2\"}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:8:28 databricks.yml:6:28: environment_key "
                               "\"default\" is used by two entries of environments "
                               "[resources.jobs.j.environments[0].environment_key] "
                               "(tasks.duplicate-environment-key)"}));
}

TEST_F(TasksTest, JobsThatRunEachOtherAreACycle) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    a:\n"
              "      tasks:\n"
              "        - task_key: run_b\n"
              "          run_job_task: {job_id: \"${resources.jobs.b.id}\"}\n"
              "    b:\n"
              "      tasks:\n"
              "        - task_key: run_a\n"
              "          run_job_task: {job_id: \"${resources.jobs.a.id}\"}\n"
              "    c:\n"
              "      tasks:\n"
              "        - task_key: run_b\n"
              "          run_job_task: {job_id: \"${resources.jobs.b.id}\"}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:11:34: jobs run each other in a cycle: "
                               "resources.jobs.a -> resources.jobs.b -> resources.jobs.a "
                               "[resources.jobs.b.tasks[0].run_job_task.job_id] "
                               "(tasks.run-job-cycle)"}));
}

// --- for_each.cc ---

TEST_F(TasksTest, ForEachWithValidInputsHasNoFindings) {
  write_job(
      "        - task_key: loop\n"
      "          for_each_task:\n"
      "            inputs: '[\"a\", {\"b\": [1, 2]}]'\n"
      "            concurrency: 2\n"
      "            task:\n"
      "              task_key: loop_iteration\n"
      "              notebook_task: {notebook_path: ./nb.py}\n"
      "        - task_key: dynamic\n"
      "          for_each_task:\n"
      "            inputs: '{{tasks.loop.values.items}}'\n"
      "            task: {task_key: dynamic_iteration, notebook_task: {notebook_path: ./nb.py}}\n");
  EXPECT_EQ(check(), Messages{});
}

TEST_F(TasksTest, ForEachWithoutInputsIsAnError) {
  write_job(
      "        - task_key: loop\n"
      "          for_each_task:\n"
      "            task: {task_key: it, notebook_task: {notebook_path: ./nb.py}}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:8:13: for_each_task has no inputs "
                               "[resources.jobs.j.tasks[0].for_each_task] "
                               "(tasks.for-each-no-inputs)"}));
}

TEST_F(TasksTest, ForEachInputsMustBeAJsonArray) {
  write_job(
      "        - task_key: loop\n"
      "          for_each_task:\n"
      "            inputs: \"[1, 2\"\n"
      "            task: {task_key: it, notebook_task: {notebook_path: ./nb.py}}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:8:21: for_each_task.inputs is neither a "
                               "JSON array nor a reference: [1, 2 "
                               "[resources.jobs.j.tasks[0].for_each_task.inputs] "
                               "(tasks.for-each-invalid-inputs)"}));
}

TEST_F(TasksTest, ForEachWithoutTaskIsAnError) {
  write_job(
      "        - task_key: loop\n"
      "          for_each_task: {inputs: '[1]'}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:7:26: for_each_task has no task to run "
                               "[resources.jobs.j.tasks[0].for_each_task] "
                               "(tasks.for-each-no-task)"}));
}

TEST_F(TasksTest, ForEachInsideForEachIsAnError) {
  write_job(
      "        - task_key: loop\n"
      "          for_each_task:\n"
      "            inputs: '[1]'\n"
      "            task:\n"
      "              task_key: inner\n"
      "              for_each_task:\n"
      "                inputs: '[2]'\n"
      "                task: {task_key: x, notebook_task: {notebook_path: ./nb.py}}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:12:17: the task of a for_each_task cannot "
                               "itself be a for_each_task "
                               "[resources.jobs.j.tasks[0].for_each_task.task.for_each_task] "
                               "(tasks.nested-for-each)"}));
}

TEST_F(TasksTest, ForEachConcurrencyMustBePositive) {
  write_job(
      "        - task_key: loop\n"
      "          for_each_task:\n"
      "            inputs: '[1]'\n"
      "            concurrency: 0\n"
      "            task: {task_key: it, notebook_task: {notebook_path: ./nb.py}}\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:9:26: for_each_task.concurrency must be at "
                               "least 1: 0 [resources.jobs.j.tasks[0].for_each_task.concurrency] "
                               "(tasks.for-each-concurrency)"}));
}

TEST_F(TasksTest, RetriesBelongToTheNestedTask) {
  write_job(
      "        - task_key: loop\n"
      "          max_retries: 3\n"
      "          for_each_task:\n"
      "            inputs: '[1]'\n"
      "            task: {task_key: it, notebook_task: {notebook_path: ./nb.py}}\n");
  EXPECT_EQ(check(),
            (Messages{"error: databricks.yml:6:11: Invalid max_retries configuration for "
                      "for_each_task [resources.jobs.j.tasks[0]] (tasks.for-each-retries)"}));
}

TEST_F(TasksTest, NestedTaskIsCheckedLikeATopLevelTask) {
  write_job(
      "        - task_key: loop\n"
      "          for_each_task:\n"
      "            inputs: '[1]'\n"
      "            task:\n"
      "              task_key: it\n"
      "              spark_jar_task: {main_class_name: Main}\n"
      "              job_cluster_key: nope\n");
  EXPECT_EQ(check(), (Messages{"error: databricks.yml:12:32: job_cluster_key names a job cluster "
                               "that does not exist: nope "
                               "[resources.jobs.j.tasks[0].for_each_task.task.job_cluster_key] "
                               "(tasks.unknown-job-cluster)"}));
}

// Times the task checks on a generated bundle: BUNDLECTL_TASKS_BENCH=/tmp/big and
// --gtest_also_run_disabled_tests.
TEST(TasksBench, DISABLED_TimesTheChecksOnABigBundle) {
  const char* dir = std::getenv("BUNDLECTL_TASKS_BENCH");
  if (!dir) GTEST_SKIP();
  config::LoadOptions options;
  options.chdir = dir;
  options.target = "prod";
  options.user = "b@example.com";
  config::LoadResult loaded = config::load_bundle(options);
  ASSERT_TRUE(loaded.complete);
  Options validate_options;
  CheckContext context{loaded.bundle, validate_options};
  for (CheckFunction run :
       {check_task_graph, check_task_types, check_task_references, check_for_each}) {
    std::clock_t start = std::clock();  // CPU time: the machine may be busy
    core::Diagnostics found;
    run(context, found);
    double ms = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    std::printf("%.2f ms CPU, %zu findings\n", ms, found.size());
  }
}

}  // namespace
}  // namespace bundlectl::validate
