// translate_paths: local paths become workspace paths; missing ones are the CLI's errors.
#include "unit/config/step_test_support.h"

namespace bundlectl::config {
namespace {

const char* const k_files = "\"/Workspace/Users/jane@example.com/.bundle/b/default/files";

class TranslatePathsTest : public StepTest {
 protected:
  void SetUp() override {
    m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [resources/*.yml]\n");
    m_dir.write("src/ingest.py", "# Databricks notebook source\nprint(1)\n");
    m_dir.write("src/explore.ipynb", "{}");
    m_dir.write("src/main.py", "print(1)\n");
    m_dir.write("src/report.sql", "select 1\n");
    m_dir.write("src/dbt/dbt_project.yml", "name: x\n");
    m_dir.write("requirements.txt", "pandas\n");
  }

  std::string files(const std::string& rest) const { return k_files + rest + "\""; }
};

TEST_F(TranslatePathsTest, JobPathsAreReadFromTheirFileAndBecomeWorkspacePaths) {
  m_dir.write(
      "resources/j.yml",
      "resources:\n"
      "  jobs:\n"
      "    j:\n"
      "      tasks:\n"
      "        - task_key: a\n"
      "          notebook_task: {notebook_path: ../src/ingest.py}\n"
      "          libraries: [{whl: ../dist/*.whl}, {requirements: ../requirements.txt}]\n"
      "        - task_key: b\n"
      "          spark_python_task: {python_file: ./../src/main.py}\n"
      "        - task_key: c\n"
      "          sql_task: {file: {path: ../src/report.sql}, warehouse_id: w}\n"
      "        - task_key: d\n"
      "          dbt_task: {project_directory: ../src/dbt, commands: [dbt run]}\n"
      "        - task_key: e\n"
      "          for_each_task:\n"
      "            inputs: '[1]'\n"
      "            task: {task_key: e1, notebook_task: {notebook_path: ../src/explore.ipynb}}\n"
      "      environments:\n"
      "        - environment_key: default\n"
      "          spec: {client: '1', dependencies: [../dist/x.whl, pandas==2.0, "
      "'-r ../requirements.txt']}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  auto task = [&](const char* index, std::initializer_list<std::string_view> keys) {
    const Value* tasks = result.bundle.config.at({"resources", "jobs", "j", "tasks"});
    const Value* found = tasks->items()[std::stoul(index)].at(keys);
    return found ? core::to_json(*found).dump() : "<none>";
  };
  EXPECT_EQ(task("0", {"notebook_task", "notebook_path"}), files("/src/ingest"));
  EXPECT_EQ(task("0", {"libraries"}),
            "[{\"whl\":\"dist/*.whl\"},{\"requirements\":" + files("/requirements.txt") + "}]");
  EXPECT_EQ(task("1", {"spark_python_task", "python_file"}), files("/src/main.py"));
  EXPECT_EQ(task("2", {"sql_task", "file", "path"}), files("/src/report.sql"));
  EXPECT_EQ(task("3", {"dbt_task", "project_directory"}), files("/src/dbt"));
  EXPECT_EQ(task("4", {"for_each_task", "task", "notebook_task", "notebook_path"}),
            files("/src/explore"));
  EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "environments"}),
            "[{\"environment_key\":\"default\",\"spec\":{\"client\":\"1\",\"dependencies\":"
            "[\"./dist/x.whl\",\"pandas==2.0\",\"-r " +
                std::string(k_files + 1) + "/requirements.txt\"]}}]");
}

TEST_F(TranslatePathsTest, MissingNotebooksAndFilesAreTheCliErrorsWithTheNearestName) {
  // One bad path per bundle: the CLI stops at the first one (see the test below).
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"spark_python_task: {python_file: ../src/mian.py}",
       "error: file src/mian.py not found (Did you mean \"../src/main.py\"?)"},
      {"notebook_task: {notebook_path: ../src/gone}",
       "error: notebook \"src/gone\" not found. Local notebook references are expected\nto "
       "contain one of the following file extensions: [.py, .r, .scala, .sql, .ipynb]"},
      {"notebook_task: {notebook_path: ../src/ingest}",
       "error: notebook \"src/ingest\" not found. Did you mean \"src/ingest.py\"?\nLocal "
       "notebook references are expected to contain one of the following\nfile extensions: "
       "[.py, .r, .scala, .sql, .ipynb]"},
      {"notebook_task: {notebook_path: ../src/injest.py}",
       "error: notebook src/injest.py not found (Did you mean \"../src/ingest.py\"?)"},
      {"dbt_task: {project_directory: ../src/dbd}",
       "error: stat src/dbd: no such file or directory (Did you mean \"../src/dbt\"?)"}};
  for (const auto& [task, error] : cases) {
    m_dir.write("resources/j.yml",
                "resources:\n  jobs:\n    j:\n      tasks:\n        - task_key: a\n          " +
                    task + "\n");
    LoadResult result = load();
    EXPECT_FALSE(result.complete) << task;
    // As the Databricks CLI prints them: no location; the nearest name as the detail.
    EXPECT_EQ(messages(result), (Messages{error})) << task;
    // The configuration stays as written: nothing is half translated.
    EXPECT_EQ(json_at(result, {"resources", "jobs", "j", "tasks"}).find("/Workspace"),
              std::string::npos);
  }
}

TEST_F(TranslatePathsTest, OnlyTheFirstMissingPathIsReportedAsTheCliStopsAtIt) {
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          spark_python_task: {python_file: ../src/first.py}\n"
              "        - task_key: b\n"
              "          spark_python_task: {python_file: ../src/second.py}\n");
  LoadResult result = load();
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(messages(result), (Messages{"error: file src/first.py not found"}));
}

TEST_F(TranslatePathsTest, TheReportedErrorIsTheOneTheCliMeetsFirstFieldByField) {
  // The CLI translates every notebook_path before any python_file, jobs before pipelines.
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  pipelines:\n"
              "    p:\n"
              "      libraries: [{file: {path: ../src/gone.sql}}]\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          spark_python_task: {python_file: ../src/first.py}\n"
              "        - task_key: b\n"
              "          notebook_task: {notebook_path: ../src/later.py}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result), (Messages{"error: notebook src/later.py not found"}));
}

TEST_F(TranslatePathsTest, NotebookAndFileMustBeWhatTheTaskTypeExpects) {
  std::string root = m_dir.path().lexically_normal().string();
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: b\n"
              "          spark_python_task: {python_file: ../src/ingest.py}\n");
  LoadResult file_expected = load();
  EXPECT_EQ(messages(file_expected),
            (Messages{"error: expected a file for "
                      "\"resources.jobs.j.tasks[0].spark_python_task.python_file\" but got a "
                      "notebook: file at " +
                      root + "/src/ingest.py is a notebook"}));
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          notebook_task: {notebook_path: ../src/main.py}\n");
  LoadResult notebook_expected = load();
  EXPECT_EQ(messages(notebook_expected),
            (Messages{"error: expected a notebook for "
                      "\"resources.jobs.j.tasks[0].notebook_task.notebook_path\" but got a file: "
                      "file at " +
                      root + "/src/main.py is not a notebook"}));
}

TEST_F(TranslatePathsTest, GitJobsWorkspaceAndUrlPathsAreLeftAsWritten) {
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    g:\n"
              "      git_source: {git_url: 'https://example.com/r', git_provider: gitHub}\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          notebook_task: {notebook_path: etl/nb}\n"
              "    w:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          notebook_task: {notebook_path: /Workspace/Shared/nb}\n"
              "          libraries: [{whl: /Volumes/c/s/v/x.whl}, {jar: 's3://b/x.jar'}]\n"
              "        - task_key: b\n"
              "          spark_python_task: {python_file: 'dbfs:/x/main.py'}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "jobs", "g", "tasks"}),
            "[{\"notebook_task\":{\"notebook_path\":\"etl/nb\"},\"task_key\":\"a\"}]");
  EXPECT_EQ(json_at(result, {"resources", "jobs", "w", "tasks"}),
            "[{\"libraries\":[{\"whl\":\"/Volumes/c/s/v/x.whl\"},{\"jar\":\"s3://b/x.jar\"}],"
            "\"notebook_task\":{\"notebook_path\":\"/Workspace/Shared/nb\"},\"task_key\":\"a\"},"
            "{\"spark_python_task\":{\"python_file\":\"dbfs:/x/main.py\"},\"task_key\":\"b\"}]");
}

TEST_F(TranslatePathsTest, PipelineLibrariesGlobsAndRootPath) {
  m_dir.write("resources/p.yml",
              "resources:\n"
              "  pipelines:\n"
              "    p:\n"
              "      root_path: ../src\n"
              "      libraries:\n"
              "        - notebook: {path: ../src/ingest.py}\n"
              "        - file: {path: ../src/main.py}\n"
              "        - glob: {include: ../src/transformations/**}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "root_path"}), files("/src"));
  EXPECT_EQ(json_at(result, {"resources", "pipelines", "p", "libraries"}),
            "[{\"notebook\":{\"path\":" + files("/src/ingest") +
                "}},{\"file\":{\"path\":" + files("/src/main.py") +
                "}},{\"glob\":{\"include\":" + files("/src/transformations/**") + "}}]");
}

TEST_F(TranslatePathsTest, APathOutsideTheSyncRootIsAnErrorUntilSyncPathsReachIt) {
  m_dir.write("lib/shared.py", "print(1)\n");
  m_dir.write("bundle/databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          spark_python_task: {python_file: ../lib/shared.py}\n");
  LoadResult result = load("", "bundle");
  std::string outside = (m_dir.path() / "lib/shared.py").lexically_normal().string();
  EXPECT_EQ(messages(result),
            (Messages{"error: path " + outside + " is not contained in sync root path"}));

  m_dir.write("bundle/sync.yml", "sync: {paths: [., ../lib]}\n");
  m_dir.write("bundle/databricks.yml",
              "bundle: {name: b}\n"
              "include: [sync.yml]\n"
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          spark_python_task: {python_file: ../lib/shared.py}\n");
  result = load("", "bundle");
  ASSERT_TRUE(result.complete) << findings(result);
  EXPECT_EQ(json_at(result, {"sync", "paths"}), "[\".\",\"../lib\"]");
  const Value* tasks = result.bundle.config.at({"resources", "jobs", "j", "tasks"});
  EXPECT_EQ(core::to_json(*tasks->items()[0].at({"spark_python_task", "python_file"})).dump(),
            files("/lib/shared.py"));
}

}  // namespace
}  // namespace bundlectl::config
