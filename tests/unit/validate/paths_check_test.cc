// check_paths: local wheels, jars and pip dependencies of jobs, which the load phase has made
// relative to the sync root, exist unless the bundle builds its packages.
#include "unit/validate/refs_check_test_support.h"

namespace bundlectl::validate {
namespace {

class LibraryPathsTest : public RefsCheckTest {
 protected:
  void SetUp() override {
    m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: [resources/*.yml]\n");
    m_dir.write("dist/pkg-1.0-py3-none-any.whl", "");
  }
};

TEST_F(LibraryPathsTest, AMissingLibraryIsAWarningWithTheNearestName) {
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          python_wheel_task: {package_name: pkg, entry_point: main}\n"
              "          libraries:\n"
              "            - whl: ../dist/pkg-1.0-*.whl\n"
              "            - whl: ../dist/pkg-2.0-*.whl\n"
              "            - whl: ../dsit/pkg-1.0-py3-none-any.whl\n"
              "            - jar: /Volumes/c/s/v/app.jar\n"
              "      environments:\n"
              "        - environment_key: e\n"
              "          spec: {client: '1', dependencies: [../dist/pkg-1.0-py3-none-any.whl, "
              "./lib/other.whl, pandas]}\n");
  EXPECT_EQ(
      run(check_paths),
      (Messages{
          "warning paths.missing: resources/j.yml:9:20: library not found: "
          "dist/pkg-2.0-*.whl [resources.jobs.j.tasks[0].libraries[1].whl]",
          "warning paths.missing: resources/j.yml:10:20: library not found: "
          "dsit/pkg-1.0-py3-none-any.whl, did you mean "
          "\"dist/pkg-1.0-py3-none-any.whl\"? "
          "[resources.jobs.j.tasks[0].libraries[2].whl]",
          "warning paths.missing: resources/j.yml:14:80: dependency not found: "
          "./resources/lib/other.whl [resources.jobs.j.environments[0].spec.dependencies[1]]"}));
}

TEST_F(LibraryPathsTest, ABundleThatBuildsItsPackagesIsNotChecked) {
  m_dir.write("resources/j.yml",
              "resources:\n"
              "  jobs:\n"
              "    j:\n"
              "      tasks:\n"
              "        - task_key: a\n"
              "          python_wheel_task: {package_name: pkg, entry_point: main}\n"
              "          libraries: [{whl: ../dist/pkg-2.0-*.whl}]\n");
  EXPECT_EQ(run(check_paths).size(), 1u);
  m_dir.write("pyproject.toml", "[project]\nname = \"pkg\"\n");
  EXPECT_EQ(run(check_paths), Messages{});
}

}  // namespace
}  // namespace bundlectl::validate
