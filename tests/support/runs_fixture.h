// A bundle whose jobs and pipeline are already in an emulated workspace, with the deployment
// state that says so, and a scenario scripting what each task does: the start of every
// `run` and `runs` test. The commands run as the real binary with --emulator on the bundle's
// database file; the fixture seeds that file through an emulator of its own, over HTTP.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bundlectl/api/workspace.h"
#include "bundlectl/emulator/embedded_emulator.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {

class RunsCliTest : public ::testing::Test {
 protected:
  RunsCliTest();

  std::string root() const { return m_bundle.path().string(); }
  // bundlectl ARGS --emulator -C <bundle>, with the scenario, and nothing of the machine.
  ProcessResult bundlectl(std::vector<std::string> args) const;
  ProcessOptions options() const;
  std::vector<std::string> command(std::vector<std::string> args) const;
  // A client of the same workspace (its own embedded emulator on the bundle's file).
  std::unique_ptr<api::Workspace> workspace();
  std::int64_t job_id(const std::string& key) const;
  const std::string& pipeline_id() const { return m_pipeline_id; }

  TempDir m_home;
  TempDir m_bundle;
  std::vector<std::unique_ptr<emulator::EmbeddedEmulator>> m_servers;  // behind workspace()
  std::map<std::string, std::int64_t> m_jobs;
  std::string m_pipeline_id;
};

// The run id in a `run -o json` or `runs get -o json` document.
std::int64_t run_id_of(const ProcessResult& result);

// Validates `document` against definition `name` of resources/runs-output.schema.json;
// returns the validation errors ("" when valid).
std::string schema_errors(const nlohmann::json& document, const std::string& name);

}  // namespace bundlectl::testing
