#include "support/example_bundle_fixture.h"

#include <filesystem>

#include "support/source_tree.h"

namespace bundlectl::testing {

namespace fs = std::filesystem;
using nlohmann::json;

ProcessResult ExampleBundleTest::bundlectl(const std::vector<std::string>& args,
                                           const std::map<std::string, std::string>& env) {
  ProcessOptions options = isolated_environment(m_dir.path().string());
  options.cwd = m_bundle;
  options.timeout = std::chrono::milliseconds(120'000);
  for (const auto& [name, value] : env) options.env[name] = value;
  std::vector<std::string> argv = args;
  argv.insert(argv.end(), {"--emulator", "-t", m_target});
  return run_bundlectl(argv, options);
}

void ExampleBundleTest::copy(const std::string& name, const std::string& target) {
  m_bundle = (m_dir.path() / name).string();
  m_target = target;
  fs::copy(source_dir() / "bundles" / name, m_bundle,
           fs::copy_options::recursive | fs::copy_options::skip_symlinks);
  fs::remove_all(fs::path(m_bundle) / ".bundlectl");
}

void ExampleBundleTest::deploy(const std::string& name, const std::string& target) {
  copy(name, target);
  ProcessResult result = bundlectl({"deploy", "--auto-approve"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
}

ExampleBundleTest::RunOutcome ExampleBundleTest::run(const std::string& key,
                                                     const std::string& scenario,
                                                     const std::vector<std::string>& extra) {
  std::map<std::string, std::string> env;
  if (!scenario.empty()) {
    env["BUNDLECTL_EMULATOR_SCENARIO"] =
        (fs::path(m_bundle) / "tests" / "scenarios" / (scenario + ".yml")).string();
  }
  std::vector<std::string> args = {"run", key, "-o", "json", "--progress", "plain"};
  args.insert(args.end(), extra.begin(), extra.end());
  ProcessResult result = bundlectl(args, env);
  RunOutcome outcome;
  outcome.exit_code = result.exit_code;
  outcome.err = result.err;
  outcome.run = json::parse(result.out, nullptr, false);
  EXPECT_FALSE(outcome.run.is_discarded()) << result.out << result.err;
  return outcome;
}

std::map<std::string, std::string> ExampleBundleTest::task_results(const json& run) {
  std::map<std::string, std::string> out;
  if (!run.is_object() || !run.contains("tasks")) return out;
  for (const json& task : run["tasks"]) {
    const json& result = task["result"];
    out[task["task_key"]] =
        result.is_string() ? result.get<std::string>() : task["state"].get<std::string>();
  }
  return out;
}

int ExampleBundleTest::attempt_of(const json& run, const std::string& task_key) {
  for (const json& task : run["tasks"]) {
    if (task["task_key"] == task_key) return task["attempt"];
  }
  return -1;
}

}  // namespace bundlectl::testing
