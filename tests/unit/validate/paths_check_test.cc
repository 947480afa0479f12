// check_paths: local notebooks, files, folders and libraries exist beside the file naming them.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class RefsPathsTest : public RefsCheckTest {
 protected:
  void SetUp() override {
    m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [resources/*.yml]\n");
    m_dir.write("src/ingest.py", "# Databricks notebook source\n");
    m_dir.write("src/report.sql", "select 1\n");
    m_dir.write("src/main.py", "print(1)\n");
  }
};

TEST_F(RefsPathsTest, NearMissIsAnErrorAndAFileWithNothingLikeItAWarning) {
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          notebook_task: {notebook_path: ../src/ingest}\n"
              "        - task_key: b\n"
              "          notebook_task: {notebook_path: ../src/injest.py}\n"
              "        - task_key: c\n"
              "          spark_python_task: {python_file: ../src/main.py}\n"
              "        - task_key: d\n"
              "          sql_task: {file: {path: ../src/reports.sql}, warehouse_id: w}\n"
              "        - task_key: e\n"
              "          spark_python_task: {python_file: ../src/generated.py}\n");
  EXPECT_EQ(
      run(check_paths),
      (Messages{"error paths.not-found: resources/j.yml:8:42: notebook not found: "
                "../src/injest.py, did you mean \"../src/ingest.py\"? "
                "[resources.jobs.j.tasks[1].notebook_task.notebook_path]",
                "error paths.not-found: resources/j.yml:12:35: file not found: "
                "../src/reports.sql, did you mean \"../src/report.sql\"? "
                "[resources.jobs.j.tasks[3].sql_task.file.path]",
                "warning paths.missing: resources/j.yml:14:44: file not found: "
                "../src/generated.py [resources.jobs.j.tasks[4].spark_python_task.python_file]"}));
}

TEST_F(RefsPathsTest, RemoteGitAndUnresolvedPathsAreSkipped) {
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          notebook_task: {notebook_path: /Workspace/Shared/nb}\n"
              "        - task_key: b\n"
              "          notebook_task: {notebook_path: etl/nb, source: GIT}\n"
              "        - task_key: c\n"
              "          spark_python_task: {python_file: \"dbfs:/x/main.py\"}\n"
              "          libraries: [{whl: /Volumes/c/s/v/x.whl}, {jar: \"s3://b/x.jar\"}]\n");
  EXPECT_EQ(run(check_paths), Messages{});
}

TEST_F(RefsPathsTest, MisspelledFolderIsAnErrorAndAnAbsentOneIsLeftToTheDeploy) {
  m_dir.write("resources/p.yml",
              "resources:\n"
              "  pipelines:\n"
              "    p:\n"
              "      libraries:\n"
              "        - notebook: {path: ../scr/ingest.py}\n"
              "        - file: {path: ../generated/tables.py}\n"
              "        - glob: {include: ../src/**}\n");
  EXPECT_EQ(run(check_paths),
            (Messages{"error paths.not-found: resources/p.yml:5:28: notebook not found: "
                      "../scr/ingest.py, did you mean \"../src/ingest.py\"? "
                      "[resources.pipelines.p.libraries[0].notebook.path]"}));
}

TEST_F(RefsPathsTest, LibraryGlobMustMatchUnlessTheBundleBuildsPackages) {
  m_dir.write("dist/pkg-1.0-py3-none-any.whl", "");
  m_dir.write(
      "resources/j.yml",
      "resources:\n"
      "  jobs:\n"
      "    j:\n"
      "      tasks:\n"
      "        - task_key: a\n"
      "          python_wheel_task: {package_name: pkg, entry_point: main}\n"
      "          libraries: [{whl: ../dist/pkg-1.0-*.whl}, {whl: ../dist/pkg-2.0-*.whl}]\n");
  EXPECT_EQ(run(check_paths),
            (Messages{"warning paths.missing: resources/j.yml:7:59: library not found: "
                      "../dist/pkg-2.0-*.whl [resources.jobs.j.tasks[0].libraries[1].whl]"}));
  m_dir.write("pyproject.toml", "[project]\nname = \"pkg\"\n");
  EXPECT_EQ(run(check_paths), Messages{});
}

}  // namespace
}  // namespace bundlectl::validate
