// `bundlectl run --scenario FILE`: a scenario (docs/emulator.md, "Scenarios") scripting the
// tasks of one run on the emulator. It must never reach a real workspace: the file is checked
// here first, then the flag is refused unless the workspace is the emulator (--emulator, or a
// host that answers the emulator's own clock route), and only then does the run-now request
// carry it, in the emulator-only field `emulator_scenario`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "bundlectl/api/workspace.h"

namespace bundlectl::cli {

// Reads and checks the file: the run-now field {file, yaml}. A file that cannot be read or
// used throws core::Failure after printing `FILE:LINE:COL: error: ...` to stderr.
nlohmann::json read_run_scenario(const std::string& path);

// Throws core::UsageError unless `workspace` is the emulator (`emulated`: --emulator).
void require_emulator_for_scenario(api::Workspace& workspace, bool emulated,
                                   const std::string& destination);

}  // namespace bundlectl::cli
