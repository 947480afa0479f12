#include "cli/run_scenario.h"

#include <iostream>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/file_read.h"
#include "emulator/scenario.h"

namespace bundlectl::cli {

nlohmann::json read_run_scenario(const std::string& path) {
  util::FileText file = util::read_input_file(path);
  if (!file.text) throw core::Failure(util::cannot_read("scenario file " + path, file));
  try {
    emulator::parse_scenario(*file.text, path);
  } catch (const emulator::ScenarioError& error) {
    std::cerr << error.what() << "\n";
    throw core::Failure("the scenario file " + path + " cannot be used; no run was started");
  }
  return {{"file", path}, {"yaml", *file.text}};
}

void require_emulator_for_scenario(api::Workspace& workspace, bool emulated,
                                   const std::string& destination) {
  if (emulated || workspace.emulator_clock()) return;
  throw core::UsageError(
      "--scenario works only against the emulator (--emulator, or a host running `bundlectl "
      "emulator serve`); " +
      destination + " is not one, so no run was started");
}

}  // namespace bundlectl::cli
