// bundlectl init, run as the real binary: each built-in template renders to its golden tree,
// the new bundle validates with no finding on every target, and the command's refusals.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support/source_tree.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

namespace fs = std::filesystem;

const char* const k_builtin_templates[] = {"default", "etl-daily", "ml-training"};
const char* const k_targets[] = {"dev", "staging", "prod"};

fs::path golden_path(const std::string& name) {
  return source_dir() / "tests" / "golden" / "templates" / (name + ".txt");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Every file under `root`, sorted, as "=== path\ncontents": the tree in one comparable text.
std::string tree_text(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const fs::path& file : files) {
    text += "=== " + file.lexically_relative(root).generic_string() + "\n" + read_file(file);
  }
  return text;
}

ProcessResult init(const TempDir& home, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"init"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_bundlectl(argv, isolated_environment(home.path().string()));
}

// A template folder with one required parameter and one integer parameter with a default.
void write_owner_template(const TempDir& dir) {
  dir.write("tpl/template.yml",
            "parameters:\n"
            "  - name: owner\n"
            "    description: Who owns the bundle\n"
            "  - name: size\n"
            "    type: integer\n"
            "    default: \"1\"\n");
  dir.write("tpl/files/<%owner%>.txt", "<% size %>\n");
}

// Renders the built-in template `name` with its defaults into `dir`; the new bundle's folder,
// or an empty path when init failed.
fs::path init_builtin(const TempDir& dir, const std::string& name) {
  ProcessResult result = init(dir, {name, "--output-dir", dir.path().string(), "--no-input"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    if (fs::exists(entry.path() / "databricks.yml")) return entry.path();
  }
  return {};
}

class BuiltinTemplateTest : public ::testing::TestWithParam<const char*> {};

TEST_P(BuiltinTemplateTest, RendersItsGoldenTreeWithDynamicReferencesUntouched) {
  TempDir dir;
  ProcessResult result =
      init(dir, {GetParam(), "--output-dir", (dir.path() / "out").string(), "--no-input"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string tree = tree_text(dir.path() / "out");
  if (std::getenv("BUNDLECTL_UPDATE_GOLDEN")) {
    std::ofstream(golden_path(GetParam()), std::ios::binary) << tree;
  }
  EXPECT_EQ(tree, read_file(golden_path(GetParam())));
  EXPECT_NE(tree.find("\"{{job.parameters."), std::string::npos)
      << "the job's own dynamic references must come out as written";
}

TEST_P(BuiltinTemplateTest, NewBundleValidatesWithNoFindingOnEveryTarget) {
  TempDir dir;
  const fs::path bundle = init_builtin(dir, GetParam());
  ASSERT_FALSE(bundle.empty());
  for (const char* target : k_targets) {
    ProcessOptions options = isolated_environment(dir.path().string());
    options.cwd = bundle.string();
    ProcessResult result = run_bundlectl(
        {"validate", "-t", target, "--user", "jane.doe@example.com", "--format", "json"}, options);
    EXPECT_EQ(result.exit_code, 0) << target << ":\n" << result.out << result.err;
    EXPECT_EQ(nlohmann::json::parse(result.out), nlohmann::json::array()) << target << ":\n"
                                                                          << result.out;
  }
}

// The secrets named as `secrets.NAME` in every workflow of `root`/.github/workflows.
std::set<std::string> workflow_secrets(const fs::path& root) {
  std::set<std::string> names;
  const fs::path folder = root / ".github" / "workflows";
  if (!fs::exists(folder)) return names;
  const std::regex secret(R"(secrets\.([A-Z_]+))");
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string text = read_file(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), secret), end; it != end; ++it) {
      names.insert((*it)[1]);
    }
  }
  return names;
}

// Staging and production deploy into the service principal's folder, so their credentials
// must be its: the README says where they deploy, and names the very secrets the workflows
// read (every workflow that deploys or runs reads the same host and token secrets).
TEST_P(BuiltinTemplateTest, ReadmeSaysWhoseFolderStagingAndProdDeployToAndNamesTheSecretsRead) {
  TempDir dir;
  const fs::path bundle = init_builtin(dir, GetParam());
  ASSERT_FALSE(bundle.empty());
  const std::string folder = "/Workspace/Users/00000000-0000-0000-0000-000000000000/.bundle/";
  const std::string readme = read_file(bundle / "README.md");
  EXPECT_NE(readme.find(folder + bundle.filename().string() + "/<target>"), std::string::npos)
      << readme;
  EXPECT_NE(read_file(bundle / "databricks.yml").find("root_path: " + folder), std::string::npos);
  const std::set<std::string> secrets = workflow_secrets(bundle);
  for (const std::string& name : secrets) {
    EXPECT_NE(readme.find("`" + name + "`"), std::string::npos) << name << " in:\n" << readme;
  }
  if (!secrets.empty()) {
    EXPECT_EQ(secrets, (std::set<std::string>{"DATABRICKS_HOST", "DATABRICKS_TOKEN"}));
  }
}

INSTANTIATE_TEST_SUITE_P(Templates, BuiltinTemplateTest, ::testing::ValuesIn(k_builtin_templates),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(InitCommandTest, ValuesFromSetAndConfigFileShapeTheBundle) {
  TempDir dir;
  dir.write("answers.json", R"({"project_name": "sales", "include_pipeline": false})");
  ProcessResult result =
      init(dir, {"default", "--output-dir", dir.path().string(), "--config-file",
                 (dir.path() / "answers.json").string(), "--set", "catalog=ignored"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Wrote " + (dir.path() / "sales/databricks.yml").string() + "\n"),
            std::string::npos)
      << result.out;
  EXPECT_FALSE(fs::exists(dir.path() / "sales/resources/sales.pipeline.yml"));
  EXPECT_EQ(dir.read("sales/resources/sales.job.yml").find("pipeline_task"), std::string::npos);
}

TEST(InitCommandTest, NeverOverwritesUnlessForced) {
  TempDir dir;
  std::vector<std::string> args = {"default", "--output-dir", dir.path().string(), "--no-input"};
  ASSERT_EQ(init(dir, args).exit_code, 0);
  dir.write("my_project/databricks.yml", "# mine\n");
  ProcessResult again = init(dir, args);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(again.err.rfind("Error: not overwriting existing files (pass --force to replace "
                            "them):\n  ",
                            0),
            0u)
      << again.err;
  EXPECT_NE(again.err.find("\n  " + (dir.path() / "my_project/databricks.yml").string() + "\n"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(dir.read("my_project/databricks.yml"), "# mine\n");
  args.push_back("--force");
  EXPECT_EQ(init(dir, args).exit_code, 0);
  EXPECT_NE(dir.read("my_project/databricks.yml"), "# mine\n");
}

TEST(InitCommandTest, MissingAndInvalidValuesAreUsageErrorsNamingEachValue) {
  TempDir dir;
  write_owner_template(dir);
  ProcessResult result = init(dir, {(dir.path() / "tpl").string(), "--output-dir",
                                    dir.path().string(), "--set", "size=big", "--no-input"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: template \"tpl\":\n"
            "  missing value for \"owner\" (Who owns the bundle): pass --set owner=VALUE or put "
            "it in --config-file\n"
            "  --set size=big: must be an integer\n");
}

TEST(InitCommandTest, UnknownTemplateSuggestsTheNearestBuiltIn) {
  TempDir dir;
  ProcessResult result = init(dir, {"etl-dialy", "--no-input"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "Error: unknown template \"etl-dialy\", did you mean \"etl-daily\"? (built-in: "
            "default, etl-daily, ml-training; or the path of a template folder)\n");
}

TEST(InitCommandTest, BrokenTemplateFileIsReportedAtItsLine) {
  TempDir dir;
  dir.write("tpl/template.yml", "parameters:\n  - name: owner\n    default: me\n");
  dir.write("tpl/files/a.yml", "a: 1\nb: <% ownr %>\n");
  ProcessResult result = init(dir, {(dir.path() / "tpl").string(), "--output-dir",
                                    (dir.path() / "out").string(), "--no-input"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "Error: " + (dir.path() / "tpl").string() +
                            "/files/a.yml:2:4: no value for \"ownr\"\n");
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(InitCommandTest, TemplateFileThatIsNotARegularFileIsRefusedByName) {
  TempDir dir;
  dir.write("tpl/template.yml", "parameters: []\n");
  fs::create_directories(dir.path() / "tpl/files");
  ASSERT_EQ(mkfifo((dir.path() / "tpl/files/pipe").c_str(), 0600), 0);
  ProcessResult result = init(dir, {(dir.path() / "tpl").string(), "--output-dir",
                                    (dir.path() / "out").string(), "--no-input"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "Error: cannot read " + (dir.path() / "tpl/files/pipe").string() +
                            ": it is a FIFO (named pipe), not a regular file\n");
}

TEST(InitCommandTest, OnATerminalAsksForEachValue) {
  TempDir dir;
  write_owner_template(dir);
  // script(1) gives the command a pseudo-terminal and feeds it our input.
  std::string command = bundlectl_binary() + " init " + (dir.path() / "tpl").string() +
                        " --output-dir " + (dir.path() / "out").string();
  ProcessOptions options = isolated_environment(dir.path().string());
  options.input = "ann\nx\n7\n";
  ProcessResult result = run_process({"script", "-qec", command, "/dev/null"}, options);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("owner (Who owns the bundle): "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("size [default: 1]: "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\"x\" must be an integer"), std::string::npos) << result.out;
  EXPECT_EQ(read_file(dir.path() / "out/ann.txt"), "7\n");
}

}  // namespace
}  // namespace bundlectl::testing
