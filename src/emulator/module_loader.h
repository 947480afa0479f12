// Finds and opens the emulator module (emulator/module.h), once per process.
#pragma once

#include <string>
#include <vector>

#include "emulator/module.h"

namespace bundlectl::emulator {

inline constexpr const char* k_module_file_name = "bundlectl-emulator.so";

// Where the module is looked for, in order: $BUNDLECTL_EMULATOR_MODULE alone when it is set;
// otherwise beside the executable (a build tree), in ../lib/bundlectl/ from it (an
// installation), and in the build tree this binary came from.
std::vector<std::string> module_candidates();

// The module's entry table. Throws core::Failure naming every place looked at, or the
// module that does not match this build.
const ModuleEntry& emulator_module();

// Opens one file and checks it: the part of emulator_module() tests can aim at a bad file.
const ModuleEntry& open_emulator_module(const std::string& path);

}  // namespace bundlectl::emulator
