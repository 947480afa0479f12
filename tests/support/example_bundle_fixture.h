// The example bundles of bundles/ deployed to the embedded emulator and run there with their
// scenario files: each test copies one bundle to a temporary folder (its .bundlectl/ state
// and emulator database stay there), deploys a target and runs a job with the real binary.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {

class ExampleBundleTest : public ::testing::Test {
 protected:
  // Copies bundles/<name> and deploys `target` to the emulator; fails the test if the deploy
  // does not succeed.
  void deploy(const std::string& name, const std::string& target = "dev");
  // Only the copy, for tests that deploy through something else (the CI scripts).
  void copy(const std::string& name, const std::string& target = "dev");

  struct RunOutcome {
    int exit_code = -1;
    nlohmann::json run;  // the `run -o json` document
    std::string err;
  };
  // `bundlectl run KEY -o json` with the bundle's tests/scenarios/<scenario>.yml (none: "").
  RunOutcome run(const std::string& key, const std::string& scenario = "",
                 const std::vector<std::string>& extra = {});

  // task_key → "RESULT" ("SUCCESS", "EXCLUDED", ...) of a run document, or its state while
  // it has no result.
  static std::map<std::string, std::string> task_results(const nlohmann::json& run);
  static int attempt_of(const nlohmann::json& run, const std::string& task_key);

  ProcessResult bundlectl(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

  TempDir m_dir;
  std::string m_bundle;  // the copy's folder
  std::string m_target;
};

}  // namespace bundlectl::testing
