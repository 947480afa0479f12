// Golden acceptance cases: every folder under tests/acceptance/cases/ is one test. The folder
// is copied to a temporary directory, the real binary runs there with the arguments in
// `command` and the variables in `env`, and exit code, stdout and stderr are compared with
// `output.txt`. BUNDLECTL_UPDATE_GOLDEN=1 rewrites `output.txt` instead. See README.md.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/source_tree.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

namespace fs = std::filesystem;

// Files of a case folder that drive the runner and are not part of the bundle.
const char* const k_control_files[] = {"command", "env", "cwd", "output.txt"};

fs::path cases_dir() { return source_dir() / "tests" / "acceptance" / "cases"; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// Splits on spaces; "double quotes" group words and are removed.
std::vector<std::string> split_arguments(const std::string& line) {
  std::vector<std::string> args;
  std::string current;
  bool quoted = false;
  bool started = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
      started = true;
    } else if (c == ' ' && !quoted) {
      if (started) args.push_back(current);
      current.clear();
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push_back(current);
  return args;
}

std::map<std::string, std::string> parse_env(const std::string& text) {
  std::map<std::string, std::string> env;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

void copy_case(const fs::path& from, const fs::path& to) {
  for (const fs::directory_entry& entry : fs::directory_iterator(from)) {
    std::string name = entry.path().filename().string();
    if (std::find(std::begin(k_control_files), std::end(k_control_files), name) !=
        std::end(k_control_files)) {
      continue;
    }
    // Git cannot hold a .git folder, and .databricks/ is ignored: cases store them as dot.git
    // and dot.databricks, renamed here.
    if (name.rfind("dot.", 0) == 0) name = name.substr(3);
    fs::copy(entry.path(), to / name, fs::copy_options::recursive);
  }
}

std::vector<std::string> discover_cases() {
  std::vector<std::string> names;
  if (!fs::is_directory(cases_dir())) return names;
  for (const fs::directory_entry& entry : fs::directory_iterator(cases_dir())) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class AcceptanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AcceptanceTest, MatchesGoldenOutput) {
  const fs::path source = cases_dir() / GetParam();
  ASSERT_TRUE(fs::exists(source / "command")) << source << " has no command file";

  TempDir temp;
  copy_case(source, temp.path());

  ProcessOptions options = isolated_environment(temp.path().string());
  options.cwd = temp.path().string();
  if (fs::exists(source / "cwd")) {
    options.cwd = (temp.path() / first_line(read_file(source / "cwd"))).string();
  }
  options.env["NO_COLOR"] = "1";
  options.timeout = std::chrono::milliseconds(20000);
  for (const auto& [name, value] : parse_env(read_file(source / "env"))) {
    options.env[name] = value;
  }

  std::string command = first_line(read_file(source / "command"));
  ProcessResult result = run_bundlectl(split_arguments(command), options);

  std::string actual = "exit: " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
                       "--- stderr\n" + result.err;
  std::error_code ignored;
  std::string canonical = fs::canonical(temp.path(), ignored).string();
  replace_all(actual, temp.path().string(), "$TMPDIR");
  replace_all(actual, canonical, "$TMPDIR");

  const fs::path golden = source / "output.txt";
  const char* update = std::getenv("BUNDLECTL_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(golden, std::ios::binary);
    out << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with BUNDLECTL_UPDATE_GOLDEN=1";
  EXPECT_EQ(read_file(golden), actual) << "command: bundlectl " << command;
}

INSTANTIATE_TEST_SUITE_P(Cases, AcceptanceTest, ::testing::ValuesIn(discover_cases()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AcceptanceTest);

}  // namespace
}  // namespace bundlectl::testing
